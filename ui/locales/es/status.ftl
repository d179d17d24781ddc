# Las barras de estado (sesión, CRM, bandeja de salida), etiquetas de llamadas e historial, atajos de teclado, origen de la configuración del administrador, aviso de cambios sin guardar y selector de país.

## La fase de una llamada, en la tarjeta de la llamada y en el historial.
phase-ringing = Sonando
phase-answered = En llamada
phase-hold = En espera
phase-dialback = Devolviendo la llamada
phase-outbound = Llamando
phase-ended = Finalizada
phase-missed = Perdida
# La etiqueta de una llamada de cola; $name es el nombre de la cola.
phase-queue = Cola
phase-queue-named = Cola: { $name }

## Cómo terminó una llamada.
end-talked = Contestada
end-declined = Rechazada
end-missed = Perdida
end-abandoned = El llamante colgó
end-not-answered = No contestada
# La columna «Llamada» del historial: la dirección y luego $outcome (cómo terminó, o su fase).
end-summary-inbound = Entrante · { $outcome }
end-summary-outbound = Saliente · { $outcome }
end-summary-dialback = Devolución de llamada · { $outcome }

## Quién escribe el registro de una llamada en el CRM.
writer-companion = Ringside
writer-crm-softphone = Softphone del CRM
writer-acd-service = Servicio ACD

## La etiqueta del historial: qué fue del registro de una llamada.
outcome-in-progress = En curso
outcome-interrupted = Interrumpida
outcome-waiting-to-log = Pendiente de registrar
outcome-logged = Registrada por Ringside
outcome-retrying = Reintentando
outcome-discarded = No enviada (descartada)
outcome-companion-logs = Ringside la registra
outcome-crm-softphone-logs = El softphone del CRM la registra
outcome-acd-service-logs = El servicio ACD la registra
outcome-not-logged = No registrada

## Junto a la casilla «No registrar la llamada»: qué pasa con el registro de una llamada en curso.
logging-companion-logs = Ringside registra esta llamada en el CRM cuando finaliza. Marque la casilla para excluirla.
logging-companion-logs-checkbox-not-offered = Ringside registra esta llamada en el CRM cuando finaliza (su administrador no ofrece «No registrar la llamada»).
logging-agent-chose-do-not-log = Ringside no registrará esta llamada. Desmarque la casilla para registrarla de todos modos.
logging-default-do-not-log = Ringside no registrará esta llamada: su configuración predeterminada es no registrar las llamadas. Desmarque la casilla para registrarla.
logging-crm-logged-in = El softphone del CRM registra ahora esta llamada: tiene la sesión iniciada en el CRM.
logging-service-code = Un código de función o de servicio: no se registra nada.
logging-acd-logs = El servicio ACD registra esta llamada: Ringside tiene la sesión cerrada.
logging-nobody-logs = Nadie registra esta llamada: Ringside tiene la sesión cerrada.
logging-logged-afterwards = Ringside registra esta llamada.

## El tipo de registro del CRM de un llamante.
caller-kind-contact = Contacto
caller-kind-lead = Candidato
caller-kind-person-account = Cuenta personal

## El campo de un número de teléfono, en palabras.
phone-label-phone = Teléfono
phone-label-mobile = Móvil
phone-label-home = Particular
phone-label-other = Otro
phone-label-assistant = Asistente
phone-label-fax = Fax

## La barra del CRM. $host es la dirección de la organización, $username el usuario del CRM, $reason las palabras del motor (en inglés).
crm-connected = Los registros de llamadas van a { $host } como { $username }
crm-connected-sandbox = Los registros de llamadas van al CRM sandbox integrado como { $username }
# $target: el nombre de usuario o la dirección con la que se conecta.
crm-connecting = Conectando con { $target }…
crm-connecting-sandbox = Conectando con el CRM sandbox integrado…
# $target: la dirección de inicio de sesión de la organización, abierta en el navegador.
crm-connecting-browser = Conectando con { $target } (termine de iniciar sesión en el navegador)…
crm-connecting-retrying = Conectando con { $username } (la organización no responde: { $reason }; nuevo intento en { $seconds } s)…
crm-sign-in-needed = Vuelva a iniciar sesión como { $username }: { $reason }. Hasta entonces, las llamadas esperan.
crm-not-connected = No hay ningún CRM conectado; las llamadas esperan en la bandeja de salida
crm-not-connected-because = No hay ningún CRM conectado ({ $reason }); las llamadas esperan en la bandeja de salida

## La bandeja de salida, a la derecha de la barra del CRM. $pending: registros en espera, $failed: registros que se reintentan.
delivery-waiting = { $n } en espera
delivery-retrying = { $n } reintentando
delivery-waiting-retrying = { $pending } en espera · { $failed } reintentando
delivery-all-written = todos los registros de llamadas escritos

## Llamadas que esperan a otra organización, o a que se elija un CRM. $n: el número de llamadas.
waiting-no-target =
    { $n ->
        [one] { $n } llamada finalizó sin ningún CRM conectado; indique dónde registrarla.
       *[other] { $n } llamadas finalizaron sin ningún CRM conectado; indique dónde registrarlas.
    }
waiting-for-sandbox =
    { $n ->
        [one] { $n } llamada pendiente para el CRM sandbox integrado ({ $username }): inicie sesión en él para enviarla.
       *[other] { $n } llamadas pendientes para el CRM sandbox integrado ({ $username }): inicie sesión en él para enviarlas.
    }
# $host: la dirección de la organización; $username: el usuario del CRM con el que iniciar sesión.
waiting-for-org =
    { $n ->
        [one] { $n } llamada pendiente para { $host } ({ $username }): inicie sesión allí para enviarla.
       *[other] { $n } llamadas pendientes para { $host } ({ $username }): inicie sesión allí para enviarlas.
    }

## Sobre la configuración del administrador: de quién es.
admin-local-trouble = Guardada en este equipo, por ahora: no se pudo leer la configuración de su organización (vea más abajo).
# The org's settings could not be read; what the CRM said follows.
admin-trouble-last-read = No se pudo leer ahora la configuración de su organización; se aplica la última leída de la organización. El CRM dijo:
admin-trouble-local = Su organización no tiene configuración de Ringside que leer, así que se aplica la guardada en este equipo. El CRM dijo:
admin-trouble-local-until-read = Aún no se pudo leer la configuración de su organización; se aplica la guardada en este equipo hasta que se pueda. El CRM dijo:
admin-local = Guardada en este equipo: no hay ninguna organización conectada. Con su organización conectada, se aplica la configuración que su administrador estableció allí.
admin-org-agent = Estos ajustes los establece su administrador en Salesforce. Pídale que los cambie.
admin-org-admin = Los valores predeterminados de su organización, para todos los agentes. Una fila propia de un perfil o de un usuario en Salesforce (Configuración → Configuración personalizada → Ringside Settings) tiene prioridad.
# Una pequeña etiqueta: de dónde viene un valor vigente.
admin-from-default = predeterminado de Ringside
admin-from-org = predeterminado de la organización
admin-from-profile = establecido para su perfil
admin-from-user = establecido para usted

## Atajos de teclado (Alt + una letra).
keys-answer = Contestar
keys-hold-resume = Poner en espera / reanudar
keys-hangup = Colgar (finalizar)
keys-do-not-log = No registrar la llamada

## El estado de sesión en la barra superior. $name: el nombre del softphone.
status-login-state = Estado de sesión
status-crm-logged-in = CRM: sesión iniciada
status-crm-logged-out = CRM: sesión cerrada
status-companion-logged-in = Ringside: sesión iniciada
status-companion-logged-out = Ringside: sesión cerrada
status-phone = Teléfono: { $name }
status-phone-not-connected = Teléfono: { $name } (no conectado)
# $phone: la línea anterior; $state: el estado del agente tal como lo indica la plataforma del centro de contacto.
status-phone-agent-state = { $phone } · { $state }

## Salir de una pestaña con cambios sin guardar. $forms: los nombres de los formularios, separados por comas.
tab-guard-label = Cambios sin guardar
tab-guard-not-saved = Sus cambios en { $forms } no se han guardado.
tab-guard-stay = Quedarse y guardarlos
tab-guard-discard = Descartar los cambios

## El selector de país. $text: lo que se ha escrito.
country-placeholder = Escriba un país
country-no-match = Ningún país coincide con «{ $text }».

# Por qué el CRM no está conectado o no hizo lo pedido; siguen las palabras del CRM.
crm-cause-session-lost = la sesión del CRM terminó
crm-cause-request-limit = se agotó la cuota diaria de API de la org
crm-cause-not-answering = la org no responde
crm-cause-refused = la org lo rechazó
crm-cause-unavailable = esto no es posible aquí
crm-cause-outbox-unreadable = Ringside no puede leer su bandeja de salida en este equipo
crm-problem-detail = { $what } ({ $detail })
crm-why-disconnected = desconectado; las llamadas de esa org esperan en la bandeja de salida hasta que vuelva a iniciar sesión
crm-why-disconnecting = desconectando: se termina el acceso de la org y se borra su entrada del llavero
crm-why-sign-in-failed = el inicio de sesión no funcionó: { $reason }
crm-why-sandbox-failed = el CRM integrado no se inició: { $reason }
