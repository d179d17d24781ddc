# Die Statusleisten (Anmeldung, CRM, Postausgang), Anruf- und Verlaufsbezeichnungen, Tastenkürzel, Herkunft der Administratoreinstellungen, Hinweis auf ungespeicherte Änderungen und Länderauswahl.

## Die Phase eines Anrufs, auf der Anrufkarte und im Verlauf.
phase-ringing = Klingelt
phase-answered = Im Gespräch
phase-hold = Gehalten
phase-dialback = Rückruf läuft
phase-outbound = Wählt
phase-ended = Beendet
phase-missed = Verpasst
# Das Abzeichen eines Warteschlangenanrufs; $name ist der Name der Warteschlange.
phase-queue = Warteschlange
phase-queue-named = Warteschlange: { $name }

## Wie ein Anruf endete.
end-talked = Angenommen
end-declined = Abgelehnt
end-missed = Verpasst
end-abandoned = Anrufer hat aufgelegt
end-not-answered = Nicht angenommen
# Die Spalte „Anruf“ im Verlauf: die Richtung, dann $outcome (wie er endete oder seine Phase).
end-summary-inbound = Eingehend · { $outcome }
end-summary-outbound = Ausgehend · { $outcome }
end-summary-dialback = Rückruf · { $outcome }

## Wer den Datensatz eines Anrufs ins CRM schreibt.
writer-companion = Ringside
writer-crm-softphone = CRM-Softphone
writer-acd-service = ACD-Dienst

## Das Abzeichen im Verlauf: was aus dem Datensatz eines Anrufs wurde.
outcome-in-progress = Läuft
outcome-interrupted = Unterbrochen
outcome-waiting-to-log = Wartet auf Protokollierung
outcome-logged = Von Ringside protokolliert
outcome-retrying = Wird wiederholt
outcome-discarded = Nicht gesendet (verworfen)
outcome-companion-logs = Ringside protokolliert ihn
outcome-crm-softphone-logs = Das CRM-Softphone protokolliert ihn
outcome-acd-service-logs = Der ACD-Dienst protokolliert ihn
outcome-not-logged = Nicht protokolliert

## Neben dem Kästchen „Anruf nicht protokollieren“: was mit dem Datensatz eines laufenden Anrufs geschieht.
logging-companion-logs = Ringside protokolliert diesen Anruf im CRM, wenn er endet. Setzen Sie das Häkchen, um ihn auszulassen.
logging-companion-logs-checkbox-not-offered = Ringside protokolliert diesen Anruf im CRM, wenn er endet (Ihr Administrator bietet „Anruf nicht protokollieren“ nicht an).
logging-agent-chose-do-not-log = Ringside protokolliert diesen Anruf nicht. Entfernen Sie das Häkchen, um ihn doch zu protokollieren.
logging-default-do-not-log = Ringside protokolliert diesen Anruf nicht: Ihre Voreinstellung ist, Anrufe nicht zu protokollieren. Entfernen Sie das Häkchen, um ihn zu protokollieren.
logging-crm-logged-in = Das CRM-Softphone protokolliert diesen Anruf jetzt – Sie sind im CRM angemeldet.
logging-service-code = Ein Feature- oder Servicecode: Es wird nichts protokolliert.
logging-acd-logs = Der ACD-Dienst protokolliert diesen Anruf – Ringside ist abgemeldet.
logging-nobody-logs = Niemand protokolliert diesen Anruf – Ringside ist abgemeldet.
logging-logged-afterwards = Ringside protokolliert diesen Anruf.

## Die Art des CRM-Datensatzes eines Anrufers.
caller-kind-contact = Kontakt
caller-kind-lead = Lead
caller-kind-person-account = Personenaccount

## Das Feld einer Telefonnummer, in Worten.
phone-label-phone = Telefon
phone-label-mobile = Mobil
phone-label-home = Privat
phone-label-other = Sonstige
phone-label-assistant = Assistenz
phone-label-fax = Fax

## Die CRM-Leiste. $host ist die Adresse der Org, $username der CRM-Benutzer, $reason die Worte der Engine (Englisch).
crm-connected = Anrufdatensätze gehen an { $host } als { $username }
crm-connected-sandbox = Anrufdatensätze gehen an das integrierte Sandbox-CRM als { $username }
# $target: der Benutzername oder die Adresse, zu der verbunden wird.
crm-connecting = Verbindung zu { $target } wird hergestellt…
crm-connecting-sandbox = Verbindung zum integrierten Sandbox-CRM wird hergestellt…
# $target: die Anmeldeadresse der Org, im Browser geöffnet.
crm-connecting-browser = Verbindung zu { $target } wird hergestellt (schließen Sie die Anmeldung im Browser ab)…
crm-connecting-retrying = Verbindung zu { $username } wird hergestellt (die Org antwortet nicht: { $reason }; neuer Versuch in { $seconds } s)…
crm-sign-in-needed = Melden Sie sich erneut als { $username } an: { $reason }. Bis dahin warten die Anrufe.
crm-not-connected = Kein CRM verbunden; Anrufe warten im Postausgang
crm-not-connected-because = Kein CRM verbunden ({ $reason }); Anrufe warten im Postausgang

## Der Postausgang, rechts in der CRM-Leiste. $pending: wartende Datensätze, $failed: Datensätze, die wiederholt werden.
delivery-waiting = { $n } ausstehend
delivery-retrying =
    { $n ->
        [one] { $n } wird wiederholt
       *[other] { $n } werden wiederholt
    }
delivery-waiting-retrying =
    { $failed ->
        [one] { $pending } ausstehend · { $failed } wird wiederholt
       *[other] { $pending } ausstehend · { $failed } werden wiederholt
    }
delivery-all-written = alle Anrufdatensätze geschrieben

## Anrufe, die auf eine andere Org warten oder darauf, dass ein CRM gewählt wird. $n: die Zahl der Anrufe.
waiting-no-target =
    { $n ->
        [one] { $n } Anruf endete, während kein CRM verbunden war; geben Sie an, wo er protokolliert werden soll.
       *[other] { $n } Anrufe endeten, während kein CRM verbunden war; geben Sie an, wo sie protokolliert werden sollen.
    }
waiting-for-sandbox =
    { $n ->
        [one] { $n } Anruf wartet auf das integrierte Sandbox-CRM ({ $username }) – melden Sie sich dort an, um ihn zu senden.
       *[other] { $n } Anrufe warten auf das integrierte Sandbox-CRM ({ $username }) – melden Sie sich dort an, um sie zu senden.
    }
# $host: die Adresse der Org; $username: der CRM-Benutzer, als der man sich anmeldet.
waiting-for-org =
    { $n ->
        [one] { $n } Anruf wartet auf { $host } ({ $username }) – melden Sie sich dort an, um ihn zu senden.
       *[other] { $n } Anrufe warten auf { $host } ({ $username }) – melden Sie sich dort an, um sie zu senden.
    }

## Über den Administratoreinstellungen: wessen Einstellungen es sind.
admin-local-trouble = Vorerst auf diesem Computer gespeichert: Die Einstellungen Ihrer Org konnten nicht gelesen werden (siehe unten).
# The org's settings could not be read; what the CRM said follows.
admin-trouble-last-read = Die Einstellungen Ihrer Org konnten gerade nicht gelesen werden; es gelten die zuletzt aus der Org gelesenen. Das CRM meldete:
admin-trouble-local = Ihre Org hat keine Ringside-Einstellungen zum Lesen, daher gelten die auf diesem Computer gespeicherten. Das CRM meldete:
admin-trouble-local-until-read = Die Einstellungen Ihrer Org konnten noch nicht gelesen werden; bis dahin gelten die auf diesem Computer gespeicherten. Das CRM meldete:
admin-local = Auf diesem Computer gespeichert: Es ist keine Org verbunden. Ist Ihre Org verbunden, gelten die Einstellungen, die Ihr Administrator dort festgelegt hat.
admin-org-agent = Von Ihrem Administrator in Salesforce festgelegt. Bitten Sie ihn, diese zu ändern.
admin-org-admin = Die Standardwerte Ihrer Org, für alle Agenten. Eine eigene Zeile für ein Profil oder einen Benutzer in Salesforce (Setup → Benutzerdefinierte Einstellungen → Ringside Settings) hat Vorrang.
# Ein kleines Abzeichen: woher ein geltender Wert stammt.
admin-from-default = Standard von Ringside
admin-from-org = Org-Standard
admin-from-profile = für Ihr Profil festgelegt
admin-from-user = für Sie festgelegt

## Tastenkürzel (Alt + ein Buchstabe).
keys-answer = Annehmen
keys-hold-resume = Halten / fortsetzen
keys-hangup = Auflegen (beenden)
keys-do-not-log = Anruf nicht protokollieren

## Der Anmeldestatus in der oberen Leiste. $name: der Name des Softphones.
status-login-state = Anmeldestatus
status-crm-logged-in = CRM: angemeldet
status-crm-logged-out = CRM: abgemeldet
status-companion-logged-in = Ringside: angemeldet
status-companion-logged-out = Ringside: abgemeldet
status-phone = Telefon: { $name }
status-phone-not-connected = Telefon: { $name } (nicht verbunden)
# $phone: die Zeile oben; $state: der Status des Agenten, wie die Contact-Center-Plattform ihn meldet.
status-phone-agent-state = { $phone } · { $state }

## Ein Tab wird mit ungespeicherten Änderungen verlassen. $forms: die Namen der Formulare, durch Kommas getrennt.
tab-guard-label = Ungespeicherte Änderungen
tab-guard-not-saved = Ihre Änderungen an { $forms } sind nicht gespeichert.
tab-guard-stay = Bleiben und speichern
tab-guard-discard = Änderungen verwerfen

## Die Länderauswahl. $text: was eingegeben wurde.
country-placeholder = Land eingeben
country-no-match = Kein Land passt zu „{ $text }“.

# Warum das CRM nicht verbunden ist oder etwas nicht getan hat; die Worte des CRM folgen.
crm-cause-session-lost = die CRM-Sitzung ist abgelaufen
crm-cause-request-limit = das tägliche API-Kontingent der Org ist aufgebraucht
crm-cause-not-answering = die Org antwortet nicht
crm-cause-refused = die Org hat abgelehnt
crm-cause-unavailable = das ist hier nicht möglich
crm-cause-outbox-unreadable = Ringside kann seinen Postausgang auf diesem Computer nicht lesen
crm-problem-detail = { $what } ({ $detail })
crm-why-disconnected = getrennt; Anrufe für diese Org warten im Postausgang, bis Sie sich wieder anmelden
crm-why-disconnecting = wird getrennt: die Freigabe der Org wird beendet und ihr Schlüsselbund-Eintrag gelöscht
crm-why-sign-in-failed = die Anmeldung hat nicht geklappt: { $reason }
crm-why-sandbox-failed = das integrierte CRM ist nicht gestartet: { $reason }
