# Die Sprachauswahl in den Einstellungen.
language-label = Sprache
language-system = Systemstandard ({ $name })
language-hint = Datum, Uhrzeit und Zahlen folgen ebenfalls der Sprache. Tray und Fenstertitel wechseln sofort.
