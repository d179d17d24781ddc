# Warum ein Anruf protokolliert wurde oder nicht, unter seinem Kennzeichen im Verlauf.
reason-crm-logged-in = das CRM-Softphone schreibt den Datensatz (Sie waren im CRM angemeldet)
reason-companion-logs = Ringside schreibt den Datensatz
reason-companion-logs-checkbox-not-offered = Ringside schreibt den Datensatz (die Option „Anruf nicht protokollieren“ ist ausgeschaltet)
reason-agent-chose-do-not-log = nicht protokolliert: Sie haben „Anruf nicht protokollieren“ angehakt
reason-default-do-not-log = nicht protokolliert: Ihre Voreinstellung ist, Anrufe nicht zu protokollieren
reason-acd-missed-queue-call = der ACD-Dienst schreibt den Datensatz (verpasster Warteschlangen-Anruf, Konfiguration 1)
reason-acd-inbound-while-logged-out = der ACD-Dienst schreibt den Datensatz (eingehender Anruf während der Abmeldung, Konfiguration 2)
reason-companion-never-opened-acd-not-allowed = nicht protokolliert: Ringside war nie geöffnet, und die Protokollierung durch den ACD ist nicht erlaubt
reason-companion-never-opened-no-acd-task-url = nicht protokolliert: Ringside war nie geöffnet, und der ACD hat keine Aufgaben-URL gesendet
reason-service-code = nicht protokolliert: ein Funktions- oder Dienstcode, kein Anruf bei einem Kunden
reason-logged-afterwards = Ringside schreibt den Datensatz (Sie haben ihn nachträglich protokolliert)
reason-interrupted = nicht protokolliert: Ringside wurde während des Anrufs beendet
reason-in-progress = läuft
