# Der Tab „CRM-Verbindung“: Anmeldung bei einer Salesforce-Org oder Nutzung des integrierten Sandbox-CRM.

connect-section = CRM-Verbindung

## Verbunden: wer angemeldet ist, und Trennen.

connect-connected = Verbunden
connect-where = { $place } · Org { $org }
connect-no-external-id-before = Diese Org hat kein externes ID-Feld
connect-no-external-id-after = am Objekt Task. Ringside sucht vor jedem Schreiben die Task des Anrufs über CallObject; bitten Sie Ihren Administrator, das Feld anzulegen, damit Wiederholungen am sichersten sind.
connect-confirm-sandbox = Nicht mehr in die Sandbox schreiben? Anrufe warten im Postausgang, bis Sie wieder verbunden sind.
connect-confirm-org = Von dieser Org abmelden? Ringside widerruft seinen Zugriff und löscht das Token aus dem Schlüsselbund. Anrufe warten im Postausgang, bis Sie wieder verbunden sind.
connect-disconnect = Trennen
connect-keep-connected = Verbunden bleiben
connect-disconnect-ask = Trennen…

## Anmeldung bei einer Salesforce-Org.

connect-org-title = Salesforce-Org
connect-org-address = Org-Adresse
    .placeholder = https://ihrefirma.my.salesforce.com
connect-org-address-hint = https://login.salesforce.com, https://test.salesforce.com für eine Salesforce-Sandbox oder die Adresse Ihrer My Domain.
connect-connected-app = Verbundene App
connect-consumer-key = Consumer-Schlüssel
    .placeholder = ringside-desktop
connect-callback-port = Callback-Port auf 127.0.0.1
connect-callback-port-invalid = Der Callback-Port ist eine Zahl von 1024 bis 65535 (leer lassen für 53682).
connect-sign-in = Im Browser anmelden
connect-sign-in-hint = Ihr Browser öffnet die Anmeldeseite der Org. Das Token wird nur im Schlüsselbund des Systems gespeichert.
connect-failed-sign-in = Die Anmeldung hat nicht geklappt: { $reason }
connect-failed-sandbox = Das integrierte CRM ist nicht gestartet: { $reason }
connect-browser-error = Der Browser wurde nicht geöffnet: { $error }. Öffnen Sie diese Adresse in einem Browser auf diesem Computer, um sich anzumelden:
connect-finish-in-browser = Schließen Sie die Anmeldung in Ihrem Browser ab. Falls er sich nicht geöffnet hat, kopieren Sie diese Adresse in einen Browser:
connect-sign-in-address = Anmeldeadresse
connect-copy-link = Link kopieren
connect-copied = Kopiert

## Das integrierte Sandbox-CRM (Demodaten auf diesem Computer).

connect-sandbox-title = Integriertes Sandbox-CRM
connect-sandbox-about = Demo-Kontakte, -Fälle und -Benutzer auf diesem Computer; kein Konto nötig.
connect-use-sandbox = Sandbox verwenden
