# The softphone settings (Settings tab): which phone Ringside follows calls on, and how to reach it.

# The form's heading; also listed when the window asks before leaving unsaved changes.
phone-settings-title = Softphone

## The phone's state. $name is the phone's short name (demo, baresip, the platform's name).
phone-settings-connected = { $name }: connected
phone-settings-not-connected = { $name }: not connected
# Follows the state after a "·"; $state is the platform's own word for the agent's state (e.g. Ready).
phone-settings-agent-state = agent state { $state }

## The choice of phone: each one's name, and (.help) a line explaining it.
phone-settings-follows-calls-on = Ringside follows calls on
phone-settings-kind-demo = Demo softphone
    .help = Simulated calls from the demo panel. No phone needed.
# baresip is a product's name.
phone-settings-kind-baresip = baresip
    .help = A baresip softphone with its ctrl_tcp module loaded (module_app menu.so and ctrl_tcp.so).
phone-settings-kind-acd = Contact-centre platform
    .help = A platform's ACD event socket (see docs/ACD-PROTOCOL.md).

## Fields for the chosen phone; .placeholder is an example value shown in the empty field.
phone-settings-ctrl = baresip control address (ctrl_tcp_listen)
phone-settings-dial-domain = Dial numbers at (SIP domain or PBX)
    .placeholder = pbx.example.com
phone-settings-url = Platform socket URL
    .placeholder = wss://acd.example.com/agent
phone-settings-agent = Agent id on the platform
    .placeholder = agent-42

## The form's button, and what is said beside it.
phone-settings-use = Use this softphone
phone-settings-busy = Finish the calls in progress to switch.
phone-settings-saved = Saved.
