# The admin settings form (Settings tab): how Ringside logs calls and handles a second call.

# The form's name: read aloud, and listed when the window asks before leaving unsaved changes.
settings-title = Configuración de administrador

## Each setting: its name, and (.help) a line explaining it.
## Names in quotes are other products' names for the same setting; keep them as they are.

settings-offer-do-not-log = Ofrecer «No registrar la llamada»
    .help = Los agentes ven la casilla en las llamadas que Ringside registra y pueden dejar una llamada fuera del CRM. En otros productos se conoce como «Show option: Do not save».
settings-default-do-not-log = Las llamadas empiezan sin registrar
    .help = La casilla empieza marcada: una llamada solo se registra si el agente la desmarca. Desactivado: las llamadas se registran salvo que el agente marque la casilla.
settings-log-missed-queue-calls = Registrar las llamadas de cola perdidas sin sesión iniciada
    .help = La plataforma del centro de contacto registra las llamadas de cola que el agente perdió mientras no tenía la sesión iniciada en el CRM («ACD config 1»).
settings-log-inbound-while-logged-out = Registrar las llamadas entrantes sin sesión iniciada
    .help = La plataforma del centro de contacto registra las llamadas entrantes mientras el agente no tiene la sesión iniciada en el CRM («ACD config 2»).
# "Logout" is the name of a presence state in the CRM's softphone.
settings-presence-logout-check = Tratar el estado de presencia «Logout» como sesión cerrada
    .help = Elegir «Logout» en la presencia del softphone del CRM cuenta como sesión cerrada en el CRM, así que Ringside registra las llamadas («presence-state user logout check»).
settings-hold-first-call = Contestar una segunda llamada pone la primera en espera
    .help = El llamante en conversación se pone en espera antes de contestar la nueva llamada. Desactivado: Ringside pregunta primero al agente.

## The form's buttons.

# An admin saves the org's default settings, for every agent.
settings-save-org = Guardar para la organización
# No org connected: the settings are saved on this computer.
settings-save-local = Guardar configuración
settings-undo = Deshacer cambios
settings-saved = Guardado.
