# Fehler und Probleme der Engine: die Überschrift je Code. Die englische Meldung der Engine steht klein daneben.

## Fehler: Die Engine hat eine Anfrage abgelehnt.
error-unknown-call = Dieser Anruf ist nicht mehr bekannt.
error-checkbox-not-offered = „Anruf nicht protokollieren“ wird nicht angeboten.
error-invalid-setting = Diese Einstellung ist ungültig.
error-invalid-number = Diese Telefonnummer ist ungültig.
error-store-failed = Ringside konnte nicht in seine Datendatei speichern.
error-connector-unavailable = Das Softphone ist nicht verfügbar.
error-demo-unavailable = Demo-Anrufe sind nicht verfügbar.
error-engine-stopped = Die Engine von Ringside wurde beendet.
error-invalid-input = Bitte korrigieren Sie diese Eingabe.
error-not-wrappable = Zu diesem Anruf gibt es keinen Eintrag für die Nachbearbeitung.
error-crm-not-connected = Es ist kein CRM verbunden.
error-crm-failed = Das CRM hat die Anfrage abgelehnt.
error-keychain-unavailable = Der Schlüsselbund des Systems ist nicht verfügbar.
error-calls-in-progress = Nicht möglich, solange Anrufe laufen.
error-nothing-to-do = Für dieses Tastenkürzel gibt es keinen Anruf.
error-disk-full = Der Datenträger ist voll. Es geht nichts verloren; bitte geben Sie Speicherplatz frei.
error-set-in-org = Diese Einstellung wird von Ihrem Administrator in der Org festgelegt.
error-another-call-in-conversation = Ein anderer Anruf ist im Gespräch: Setzen Sie ihn zuerst auf Halten.

## Probleme: bleiben für Agent oder Administrator sichtbar, bis sie behoben sind.
problem-data-file-set-aside = Die Datendatei von Ringside war nicht lesbar und wurde beiseitegelegt.
problem-settings-invalid = Die gespeicherten Einstellungen sind ungültig: Die Standardwerte gelten.
problem-caller-settings-invalid = Die gespeicherten Einstellungen zur Anruferzuordnung sind ungültig: Die Standardwerte gelten.
problem-phone-settings-invalid = Das gespeicherte Softphone ist nicht nutzbar: Das Demo-Softphone wird verwendet.
problem-store-failed = Ringside konnte nicht in seine Datendatei speichern.
problem-disk-full = Der Datenträger ist voll. Es geht nichts verloren; das Speichern wartet auf freien Platz.
problem-calls-unsaved = Beendete Anrufe werden im Arbeitsspeicher gehalten, bis sie gespeichert werden können.
problem-contact-store-unavailable = Die Kontaktkopie lässt sich nicht öffnen: Anrufer werden live gesucht.
problem-attribution-failed = Ein Anruf konnte seinem Anrufer nicht zugeordnet werden.
problem-caller-not-created = Ein neuer Anrufer-Datensatz konnte nicht angelegt werden.
problem-phone-command-failed = Das Softphone hat einen Anrufbefehl abgelehnt.
problem-do-not-log-not-sent = „Anruf nicht protokollieren“ konnte nicht an das Softphone übermittelt werden.
problem-crm-account-not-saved = Das CRM-Konto konnte nicht gespeichert oder entfernt werden.
problem-disconnect-unclean = Die Org wurde getrennt, aber nicht vollständig.
problem-shortcuts-refused = Der Desktop hat die systemweiten Tastenkürzel abgelehnt.
problem-quit-held = Ringside bleibt geöffnet: Beendete Anrufe sind noch nicht gespeichert.
problem-keychain-unavailable = Der Schlüsselbund des Systems ist nicht verfügbar: Die Anmeldung bei Ihrer Org ist nicht möglich.

## Das Fehlerbanner, und eine Antwort der Engine, die das Fenster nicht erwartet hat.
error-dismiss = Schließen
error-unexpected-response = unerwartete Antwort
