# The wrap-up form (WrapUp): disposition, related case and notes for a call Ringside logs.

wrapup-label = Cierre de llamada
wrapup-disposition = Código de resultado
# The empty choice of the disposition and case lists.
wrapup-none = Ninguno
# A disposition code no longer offered to new calls; $label is the code's name.
wrapup-retired = { $label } (retirado)
wrapup-case = Caso relacionado
wrapup-notes = Notas

## Under the case list

wrapup-cases-loading = Cargando casos…
wrapup-cases-none = No hay casos abiertos.
wrapup-cases-unavailable = Los casos no están disponibles hasta que se conecte el CRM.

## Buttons ("Task" is the CRM's activity record for the call)

wrapup-log = Registrar
# Closes a form that opened by itself at the call's end; it can be done later from the history.
wrapup-later = Más tarde
wrapup-cancel = Cancelar
wrapup-keys-later = Ctrl+Intro registra, Esc deja el cierre para más tarde (desde el historial). La tarea de la llamada se actualiza, nunca se duplica.
wrapup-keys = Ctrl+Intro registra, Esc cancela. La tarea de la llamada se actualiza, nunca se duplica.
