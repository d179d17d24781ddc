# Why the phone is not connected (Settings › Softphone, and the status bar's tooltip). What the platform said may follow, as it came.

## What the network said. Each completes "…: { $cause }" in the sentences below.

link-cause-nothing-listening = unter dieser Adresse lauscht nichts
link-cause-no-answer = sie hat nicht rechtzeitig geantwortet
link-cause-cut = die Verbindung wurde unterbrochen
link-cause-address-not-ours = diese Adresse kann dieser Computer nicht verwenden
link-cause-not-allowed = dieser Computer lässt die Verbindung nicht zu
link-cause-no-route = das Netzwerk erreicht diese Adresse nicht
link-cause-no-such-address = diese Adresse gibt es nicht
# $status: the HTTP status code it answered with, e.g. 404.
link-cause-not-an-event-socket = sie antwortete mit HTTP { $status }, statt den Ereignis-Socket zu öffnen (Adresse prüfen)
link-cause-certificate-refused = ihr TLS-Zertifikat wurde nicht akzeptiert
link-cause-not-a-websocket-url = die Adresse ist keine ws://- oder wss://-URL
link-cause-closed = die Verbindung wurde geschlossen
link-cause-failed = die Verbindung ist fehlgeschlagen

## The sentences. $address: host and port, or a ws:// URL; $cause: one of the above; $seconds: a number.

link-unreachable-baresip = Der Steuer-Socket von baresip unter { $address } ist nicht erreichbar: { $cause }. Läuft baresip, mit geladenem ctrl_tcp-Modul, das dort lauscht?
link-unreachable-platform = Die Contact-Center-Plattform unter { $address } ist nicht erreichbar: { $cause }.
link-lost-baresip = Die Verbindung zu baresip wurde beendet: { $cause }.
link-lost-platform = Die Verbindung zur Contact-Center-Plattform wurde beendet: { $cause }.
link-silent-baresip = Seit { $seconds } s keine Nachricht von baresip.
link-silent-platform = Seit { $seconds } s keine Nachricht von der Contact-Center-Plattform.
# $reason: the platform's own error code, e.g. unknown_agent. Its message follows.
link-refused = Die Contact-Center-Plattform hat Ringside abgewiesen ({ $reason }):
link-out-of-turn = Die Contact-Center-Plattform hat nicht in ihrem Protokoll geantwortet:
link-taken-over = Ein anderes Programm verbindet sich immer wieder mit dem Steuer-Socket von baresip, und baresip bedient nur eines: Schließen Sie es.
link-bad-address = Die Adresse des Telefons ist nicht verwendbar:
