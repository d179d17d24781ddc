# The softphone settings (Settings tab): which phone Ringside follows calls on, and how to reach it.

# The form's heading; also listed when the window asks before leaving unsaved changes.
phone-settings-title = Softphone

## The phone's state. $name is the phone's short name (demo, baresip, the platform's name).
phone-settings-connected = { $name }: conectado
phone-settings-not-connected = { $name }: no conectado
# Follows the state after a "·"; $state is the platform's own word for the agent's state (e.g. Ready).
phone-settings-agent-state = estado del agente { $state }

## The choice of phone: each one's name, and (.help) a line explaining it.
phone-settings-follows-calls-on = Ringside sigue las llamadas en
phone-settings-kind-demo = Softphone de demostración
    .help = Llamadas simuladas desde el panel de demostración. No se necesita teléfono.
# baresip is a product's name.
phone-settings-kind-baresip = baresip
    .help = Un softphone baresip con el módulo ctrl_tcp cargado (module_app menu.so y ctrl_tcp.so).
phone-settings-kind-acd = Plataforma de centro de contacto
    .help = El socket de eventos ACD de una plataforma (véase docs/ACD-PROTOCOL.md).

## Fields for the chosen phone; .placeholder is an example value shown in the empty field.
phone-settings-ctrl = Dirección de control de baresip (ctrl_tcp_listen)
phone-settings-dial-domain = Marcar números en (dominio SIP o centralita)
    .placeholder = pbx.example.com
phone-settings-url = URL del socket de la plataforma
    .placeholder = wss://acd.example.com/agent
phone-settings-agent = ID de agente en la plataforma
    .placeholder = agent-42

## The form's button, and what is said beside it.
phone-settings-use = Usar este softphone
phone-settings-busy = Termine las llamadas en curso para cambiar.
phone-settings-saved = Guardado.
