# Präsenz: der Status des Agenten im CRM (Salesforce Omni-Channel) und in der
# Telefonie, abgeglichen nach der Zuordnung des Administrators; die Leiste unter
# der CRM-Zeile, der Verlauf im Tab „Präsenz“ und die Zuordnung, wie sie eingestellt ist.

## Telefoniestatus. Eigene Status einer Plattform erscheinen mit ihrem eigenen Namen.
presence-phone-available = Verfügbar
presence-phone-away = Abwesend
presence-phone-busy = Beschäftigt
presence-phone-after-call-work = Nachbearbeitung
presence-phone-on-a-call = Im Gespräch
presence-phone-offline = Offline
presence-crm-offline = Offline
presence-not-known = Noch nicht gelesen

## Auf welcher Seite ein Status gilt.
presence-side-crm = CRM
presence-side-phone = Telefonie

## Warum sich ein Status geändert hat.
presence-cause-agent = von Ihnen gesetzt
presence-cause-supervisor = von einem Supervisor gesetzt
presence-cause-push-timeout = von Omni-Channel gesetzt, nachdem eine Arbeitsanfrage unbeantwortet blieb
presence-cause-declined-work = gesetzt, nachdem Sie eine Arbeitsanfrage abgelehnt haben
presence-cause-platform = von der Telefonieplattform gesetzt
presence-cause-login = bei der An- oder Abmeldung von der Präsenz
presence-cause-followed = Ringside ist der anderen Seite gefolgt
presence-cause-call-start = ein Anruf hat begonnen
presence-cause-call-end = ein Anruf ist beendet
presence-cause-reconcile = Ringside hat beide Seiten wieder abgeglichen
presence-cause-read = von Ringside beim Lesen vorgefunden

## Was aus einer Änderung wurde, die nicht einfach übernommen wurde.
presence-note-kept-for-after-call = während eines Anrufs gesetzt, nach dem Anruf übernommen
presence-note-outdated = älter als der aktuelle Status, ignoriert
presence-note-not-applied = Ringside konnte ihn auch nach mehreren Versuchen nicht setzen

## Die Leiste unter der CRM-Zeile.
presence-bar-label = Präsenz
presence-crm-label = CRM-Status
presence-phone-label = Telefoniestatus
presence-sync-in-sync = Abgeglichen
    .title = Ihr CRM-Status und Ihr Telefoniestatus stimmen mit der Zuordnung überein.
presence-sync-syncing = Wird abgeglichen… ({ $n } ausstehend)
    .title = { $n ->
        [one] Eine Änderung von Ringside wartet auf Bestätigung.
       *[other] { $n } Änderungen von Ringside warten auf Bestätigung.
    }
presence-sync-apart = Nicht abgeglichen
    .title = Ihr CRM-Status und Ihr Telefoniestatus passen nicht zur Zuordnung. „Status abgleichen“ bringt beide Seiten in Einklang.
presence-sync-now = Status abgleichen
    .title = Beide Seiten jetzt nach der Zuordnung abgleichen
presence-off = Der Präsenzabgleich ist ausgeschaltet. Ihr Administrator schaltet ihn in Salesforce ein.

## Der Tab „Präsenz“: der Verlauf der Änderungen.
presence-history-title = Präsenzverlauf
presence-history-empty = Noch keine Präsenzänderungen.
presence-history-what = { $side }: { $status }

## Der Tab „Präsenz“: die Zuordnung, wie der Administrator sie eingestellt hat (nur lesen).
presence-mapping-title = Präsenzzuordnung
presence-mapping-source = Von Ihrem Administrator in Salesforce festgelegt (Ringside Settings und Ringside Presence Rules).
presence-mapping-off = Der Präsenzabgleich ist ausgeschaltet: Diese Zuordnung gilt, sobald Ihr Administrator ihn einschaltet.
presence-mapping-to-phone = Vom CRM zur Telefonie
presence-mapping-to-crm = Von der Telefonie zum CRM
presence-mapping-no-rules = Keine Regeln: Jeder Status erhält den Standardwert unten.
presence-mapping-defaults = Standardwerte und Anrufe
presence-mapping-to-phone-default = Jeder andere CRM-Status setzt die Telefonie auf
presence-mapping-crm-offline = Offline im CRM setzt die Telefonie auf
presence-mapping-to-crm-default = Jeder andere Telefoniestatus setzt das CRM auf
presence-mapping-leave-crm = CRM-Status unverändert lassen
presence-mapping-offline-note = Offline in der Telefonie ändert den CRM-Status nie.
presence-mapping-on-call = CRM-Status während eines Anrufs
presence-mapping-after-call = Nach einem Anruf und seiner Nachbearbeitung
presence-mapping-return-to-previous = Zurück zum Status vor dem Anruf
presence-mapping-next-status = Wechsel zu { $status }
presence-mapping-stay = Status unverändert lassen
presence-mapping-ring-while-away = Abwesend oder Beschäftigt an einem Telefon ohne Agentenstatus
presence-mapping-ring-yes = Anrufe klingeln weiterhin
presence-mapping-ring-no = Anrufe werden abgewiesen
presence-mapping-warnings = Warnungen

## Servicekanäle, in einer Warnung.
presence-channel-phone = Telefon
presence-channel-chat = Chat
presence-channel-messaging = Messaging

## Worauf die Zuordnung hinweist.
presence-warning-mixed-channels = { $status } mischt Live-Kanäle: { $channels }. Ein Anruf und ein Chat können den Agenten gleichzeitig erreichen.
presence-warning-unknown-status = Die Zuordnung nennt { $status }, einen Status, den es in Ihrer Org nicht (mehr) gibt.
presence-warning-unmapped = { $status } ist nicht zugeordnet und setzt die Telefonie auf { $phone }.
presence-warning-on-call-not-busy = { $status }, der CRM-Status während Anrufen, leitet weiterhin Arbeit weiter: Während eines Anrufs kann neue Arbeit eintreffen.

## Der Reiter Präsenz: die Zuordnung, die ein Org-Administrator bearbeitet.
presence-edit-source = Sie sind Administrator: Nach dem Speichern gilt diese Zuordnung für alle Agenten Ihrer Org.
presence-edit-enabled = Präsenzabgleich
presence-edit-enabled-help = Hält den CRM- und den Telefoniestatus jedes Agenten nach dieser Zuordnung im Gleichschritt.
presence-edit-confirm-enable = Der Abgleich beginnt beim Speichern sofort für alle Agenten. Präsenzabgleich einschalten?
presence-edit-confirm = Bestätigen
presence-edit-cancel = Abbrechen
presence-edit-add-rule = Regel hinzufügen
presence-edit-remove = Entfernen
presence-edit-remove-rule = Regel { $n } entfernen
presence-edit-rule-crm = CRM-Status, Regel { $n }
presence-edit-rule-phone = Telefoniestatus, Regel { $n }
presence-edit-next-status = Nächster Status nach Anrufen
presence-edit-next-none = Kein nächster Status
presence-edit-return-to-previous = Nach Anrufen zum vorherigen Status zurückkehren
presence-edit-return-to-previous-help = Nach einem Anruf und seiner Nachbearbeitung der Status von vor dem Anruf. Nicht zusammen mit einem nächsten Status.
presence-edit-ring-while-away = Anrufe klingeln bei Abwesend oder Beschäftigt
presence-edit-ring-while-away-help = Für ein Telefon ohne Agentenstatus; ohne Haken werden solche Anrufe abgewiesen.
presence-edit-save = Zuordnung speichern
presence-edit-saved = Gespeichert: Die Zuordnung gilt für alle Agenten.
