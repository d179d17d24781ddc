# La ventana principal: la barra superior, la barra de llamadas con su cierre y las pestañas de sección.

app-name = Ringside
app-calls = Llamadas activas
app-starting = Iniciando…
app-no-call = No hay ninguna llamada en este momento. Las llamadas aparecen aquí en cuanto suenan.

## El cierre de llamada que se abre solo cuando termina una llamada.

app-wrapup = Cierre de la llamada finalizada
app-wrapup-heading = Cierre de llamada:
app-acw = trabajo posterior a la llamada { $time }
    .title = Trabajo posterior a la llamada

## Las pestañas de sección.

app-sections = Secciones
app-tab-history = Historial
app-tab-dial = Marcar
app-tab-crm = Conexión con el CRM
app-tab-presence = Presencia
app-tab-settings = Configuración de administrador
