# Die Sprachauswahl in den Einstellungen.
language-label = Sprache
language-system = Systemstandard ({ $name })
language-hint = Datum, Uhrzeit und Zahlen folgen ebenfalls der Sprache. Tray und Fenstertitel wechseln sofort.
# The pick could not be written to disk (the engine's reason follows).
language-not-saved = Die Sprache gilt jetzt, konnte aber nicht für den nächsten Start gespeichert werden.
