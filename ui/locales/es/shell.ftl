# El escritorio alrededor de la ventana: título, menú de la bandeja y la notificación de llamada entrante.

shell-title-ringing-one = Llamada entrante: { $who } — Ringside
shell-title-ringing-withheld = Llamada entrante: número oculto — Ringside
shell-title-ringing-many = { $n } llamadas entrantes — Ringside

shell-phone-connected = Teléfono: { $name }, conectado
shell-phone-not-connected = Teléfono: { $name }, no conectado
shell-phone-starting = Teléfono: iniciando…
shell-crm-starting = CRM: iniciando…
shell-crm-not-connected = CRM: no conectado
shell-crm-connecting = CRM: conectando…
shell-crm-sandbox = CRM: el CRM sandbox integrado
shell-crm-connected = CRM: { $user }
shell-crm-sign-in-again = CRM: inicie sesión de nuevo
shell-missed =
    { $n ->
        [0] Ninguna llamada perdida
        [one] 1 llamada perdida
       *[other] { $n } llamadas perdidas
    }
shell-show-or-hide = Mostrar u ocultar Ringside
shell-quit = Salir de Ringside

shell-notify-incoming = Llamada entrante
shell-notify-body = { $who }
    Cambie a Ringside para elegir «No registrar la llamada».
shell-notify-show = Mostrar Ringside

shell-still-running = Ringside sigue en marcha
shell-closed-to-tray = Sigue registrando llamadas desde la bandeja. Puede salir desde el menú de la bandeja o con «Salir de Ringside» en la configuración.
shell-closed-no-tray = Este escritorio no muestra bandeja, así que la ventana se ha minimizado; Ringside sigue registrando llamadas. Puede salir con «Salir de Ringside» en la configuración.
