# Das Hauptfenster: die obere Leiste, die Anrufleiste mit ihrer Nachbearbeitung und die Bereichs-Tabs.

app-name = Ringside
app-calls = Aktive Anrufe
app-starting = Wird gestartet…
app-no-call = Gerade kein Anruf. Anrufe erscheinen hier, sobald sie klingeln.

## Die Nachbearbeitung, die sich nach dem Ende eines Anrufs von selbst öffnet.

app-wrapup = Nachbearbeitung des beendeten Anrufs
app-wrapup-heading = Nachbearbeitung:
app-acw = Nachbearbeitungszeit { $time }
    .title = Nachbearbeitungszeit

## Die Bereichs-Tabs.

app-sections = Bereiche
app-tab-history = Verlauf
app-tab-dial = Wählen
app-tab-crm = CRM-Verbindung
app-tab-presence = Präsenz
app-tab-settings = Administratoreinstellungen
