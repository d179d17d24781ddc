# The admin settings form (Settings tab): how Ringside logs calls and handles a second call.

# The form's name: read aloud, and listed when the window asks before leaving unsaved changes.
settings-title = Administratoreinstellungen

## Each setting: its name, and (.help) a line explaining it.
## Names in quotes are other products' names for the same setting; keep them as they are.

settings-offer-do-not-log = „Anruf nicht protokollieren“ anbieten
    .help = Agenten sehen das Kontrollkästchen bei Anrufen, die Ringside protokolliert, und können einen Anruf aus dem CRM heraushalten. In anderen Produkten heißt diese Option „Show option: Do not save“.
settings-default-do-not-log = Anrufe zunächst nicht protokollieren
    .help = Das Kontrollkästchen ist anfangs angehakt: Ein Anruf wird nur protokolliert, wenn der Agent den Haken entfernt. Aus: Anrufe werden protokolliert, sofern der Agent das Kästchen nicht anhakt.
settings-log-missed-queue-calls = Verpasste Warteschlangenanrufe bei Abmeldung protokollieren
    .help = Die Contact-Center-Plattform protokolliert Warteschlangenanrufe, die der Agent verpasst hat, während er vom CRM abgemeldet war („ACD config 1“).
settings-log-inbound-while-logged-out = Eingehende Anrufe bei Abmeldung protokollieren
    .help = Die Contact-Center-Plattform protokolliert eingehende Anrufe, während der Agent vom CRM abgemeldet ist („ACD config 2“).
# "Logout" is the name of a presence state in the CRM's softphone.
settings-presence-logout-check = Präsenzstatus „Logout“ als abgemeldet behandeln
    .help = Wer im Präsenzstatus des CRM-Softphones „Logout“ wählt, gilt als vom CRM abgemeldet, sodass Ringside die Anrufe protokolliert („presence-state user logout check“).
settings-hold-first-call = Beim Annehmen eines zweiten Anrufs den ersten halten
    .help = Der Anrufer im laufenden Gespräch wird gehalten, bevor der neue Anruf angenommen wird. Aus: Ringside fragt zuerst den Agenten.

## The form's buttons.

# An admin saves the org's default settings, for every agent.
settings-save-org = Für die Org speichern
# No org connected: the settings are saved on this computer.
settings-save-local = Einstellungen speichern
settings-undo = Änderungen rückgängig machen
settings-saved = Gespeichert.
