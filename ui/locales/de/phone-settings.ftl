# The softphone settings (Settings tab): which phone Ringside follows calls on, and how to reach it.

# The form's heading; also listed when the window asks before leaving unsaved changes.
phone-settings-title = Softphone

## The phone's state. $name is the phone's short name (demo, baresip, the platform's name).
phone-settings-connected = { $name }: verbunden
phone-settings-not-connected = { $name }: nicht verbunden
# Follows the state after a "·"; $state is the platform's own word for the agent's state (e.g. Ready).
phone-settings-agent-state = Agentenstatus { $state }

## The choice of phone: each one's name, and (.help) a line explaining it.
phone-settings-follows-calls-on = Ringside verfolgt Anrufe über
phone-settings-kind-demo = Demo-Softphone
    .help = Simulierte Anrufe aus dem Demo-Bereich. Kein Telefon nötig.
# baresip is a product's name.
phone-settings-kind-baresip = baresip
    .help = Ein baresip-Softphone mit geladenem ctrl_tcp-Modul (module_app menu.so und ctrl_tcp.so).
phone-settings-kind-acd = Contact-Center-Plattform
    .help = Der ACD-Ereignis-Socket einer Plattform (siehe docs/ACD-PROTOCOL.md).

## Fields for the chosen phone; .placeholder is an example value shown in the empty field.
phone-settings-ctrl = baresip-Steueradresse (ctrl_tcp_listen)
phone-settings-dial-domain = Nummern wählen über (SIP-Domain oder Telefonanlage)
    .placeholder = pbx.example.com
phone-settings-url = Socket-URL der Plattform
    .placeholder = wss://acd.example.com/agent
phone-settings-agent = Agenten-ID auf der Plattform
    .placeholder = agent-42

## The form's button, and what is said beside it.
phone-settings-use = Dieses Softphone verwenden
phone-settings-busy = Beenden Sie die laufenden Anrufe, um zu wechseln.
phone-settings-saved = Gespeichert.
