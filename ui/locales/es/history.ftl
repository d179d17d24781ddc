# Historial de llamadas (pestaña «Historial») y avisos sobre registros de llamadas aún no escritos en el CRM.

## La tabla del historial

history-label = Historial de llamadas
history-empty = Aún no hay llamadas.
history-col-time = Hora
history-col-call = Llamada
history-col-number = Número
# Duración de la conversación (m:ss).
history-col-talk = Conversación
# Quién registra la llamada en el CRM, o por qué nadie lo hace.
history-col-outcome = Registro

# $error: motivo del CRM (en inglés, del motor); $attempt: intentos hasta ahora; $time: hora del próximo intento.
history-retry-why = { $error } · intento { $attempt }, el siguiente a las { $time }
# $id: identificador del registro en el CRM.
history-crm-record = Registro del CRM { $id }
# $reason: lo que escribió el agente al descartar los registros.
history-discarded = No enviado al CRM: { $reason }

## Botones de cada fila

history-call-back = Devolver la llamada
history-retry-now = Reintentar ahora
history-log-afterwards = Registrar ahora
    .title = Ringside escribe ahora (una sola vez) el registro de esta llamada en el CRM
history-wrap-up = Completar cierre
history-edit-wrap-up = Editar cierre
history-details = Detalles

## Detalles de una fila

# $time: hora; $phase: fase de la llamada; $crm y $ringside: "in" u "out" (con o sin sesión iniciada en el CRM y en Ringside).
history-phase-line = { $time } — { $phase } (CRM { $crm ->
        [in] con sesión
       *[out] sin sesión
    }, Ringside { $ringside ->
        [in] con sesión
       *[out] sin sesión
    })
history-ended = Finalizada: { $reason }
history-notes = Notas: { $notes }
history-anomaly = Evento del teléfono ignorado: { $event }

## Avisos sobre las pestañas: registros de llamadas aún no escritos

waiting-list-unsaved = { $n ->
        [one] { $n } llamada finalizada aún no se ha guardado. Ringside la mantiene en memoria y la guardará en cuanto pueda; no cierre la aplicación.
       *[other] { $n } llamadas finalizadas aún no se han guardado. Ringside las mantiene en memoria y las guardará en cuanto pueda; no cierre la aplicación.
    }
# $host: dirección de la organización (p. ej. acme.my.salesforce.com).
waiting-list-send-here = Registrarlas en { $host }
waiting-list-send-sandbox = Registrarlas en el CRM sandbox integrado
waiting-list-discard = Descartar…
waiting-list-discard-reason = ¿Por qué no se registran estas llamadas? (se conserva en el historial)
waiting-list-discard-confirm = { $n ->
        [one] Descartar { $n } registro de llamada
       *[other] Descartar { $n } registros de llamada
    }
waiting-list-cancel = Cancelar
