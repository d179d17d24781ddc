# Por qué se registró o no una llamada, bajo su distintivo en el historial.
reason-crm-logged-in = el softphone del CRM escribe el registro (tenía la sesión iniciada en el CRM)
reason-companion-logs = Ringside escribe el registro
reason-companion-logs-checkbox-not-offered = Ringside escribe el registro (la opción «No registrar la llamada» está desactivada)
reason-agent-chose-do-not-log = no registrada: marcó «No registrar la llamada»
reason-default-do-not-log = no registrada: su opción predeterminada es no registrar las llamadas
reason-acd-missed-queue-call = el servicio ACD escribe el registro (llamada de cola perdida, configuración 1)
reason-acd-inbound-while-logged-out = el servicio ACD escribe el registro (llamada entrante con la sesión cerrada, configuración 2)
reason-companion-never-opened-acd-not-allowed = no registrada: Ringside nunca se abrió y el registro por el ACD no está permitido
reason-companion-never-opened-no-acd-task-url = no registrada: Ringside nunca se abrió y el ACD no envió URL de tarea
reason-service-code = no registrada: un código de función o de servicio, no una llamada a un cliente
reason-logged-afterwards = Ringside escribe el registro (la registró después)
reason-interrupted = no registrada: Ringside se detuvo durante la llamada
reason-in-progress = en curso
