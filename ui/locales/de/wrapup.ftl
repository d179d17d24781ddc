# The wrap-up form (WrapUp): disposition, related case and notes for a call Ringside logs.

wrapup-label = Nachbearbeitung
wrapup-disposition = Ergebnis
# The empty choice of the disposition and case lists.
wrapup-none = Keine Angabe
# A disposition code no longer offered to new calls; $label is the code's name.
wrapup-retired = { $label } (deaktiviert)
wrapup-case = Zugehöriger Fall
wrapup-notes = Notizen

## Under the case list

wrapup-cases-loading = Fälle werden geladen…
wrapup-cases-none = Keine offenen Fälle.
wrapup-cases-unavailable = Fälle sind erst verfügbar, wenn das CRM verbunden ist.

## Buttons ("Task" is the CRM's activity record for the call)

wrapup-log = Protokollieren
# Closes a form that opened by itself at the call's end; it can be done later from the history.
wrapup-later = Später
wrapup-cancel = Abbrechen
wrapup-keys-later = Strg+Eingabe protokolliert, Esc verschiebt die Nachbearbeitung (später im Verlauf). Die Aufgabe des Anrufs wird aktualisiert, nie doppelt angelegt.
wrapup-keys = Strg+Eingabe protokolliert, Esc bricht ab. Die Aufgabe des Anrufs wird aktualisiert, nie doppelt angelegt.
