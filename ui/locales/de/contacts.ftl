# Kontakte: die Kontaktsuche (jemanden finden und anrufen) und die Karte zur Kontaktsynchronisierung mit den Einstellungen zur Anruferzuordnung.

## Kontaktsuche

search-label = Kontakt suchen
search-placeholder = Kontakt suchen: Name, Firma oder Nummer
search-query-label = Kontakt nach Name, Firma oder einem beliebigen Teil einer Nummer suchen
# $query: die Eingabe des Agenten.
search-none = Niemand in der lokalen Kopie passt zu „{ $query }“.
search-no-number = Keine Telefonnummer
search-call = Anrufen
# $name: Name des Kontakts; $label: welche Nummer (Mobil, Telefon …); $number: die Nummer.
search-call-label = { $name } anrufen, { $label }, { $number }
search-more = Weitere Treffer — geben Sie mehr vom Namen oder der Nummer ein, um die Liste einzugrenzen.

## Kontaktsynchronisierung: Zustand

sync-label = Kontaktsynchronisierung
sync-title = Kontakte für die Anruferzuordnung
sync-state-off = Die Synchronisierung ist aus: Jeder Anruf wird per Live-Suche im CRM zugeordnet
sync-state-waiting = Warten auf eine Verbindung zum CRM
sync-state-copying = Kontakte werden zum ersten Mal kopiert
sync-state-syncing = Änderungen werden synchronisiert
sync-state-idle = Auf dem neuesten Stand
# Steht nach der Anzahl der Datensätze auf diesem Computer. $n: diese Anzahl.
sync-records = { $n ->
        [one] Kontakt, Lead oder Personenaccount auf diesem Computer
       *[other] Kontakte, Leads und Personenaccounts auf diesem Computer
    }

## Kontaktsynchronisierung: Fortschritt der ersten Kopie

sync-progress-label = Fortschritt der Kopie
# $object: Objektname im CRM (Contact, Lead, Account oder ein anderer).
sync-progress-object = { $object ->
        [Contact] Kontakte
        [Lead] Leads
        [Account] Accounts
       *[other] { $object }
    }
# $object: die kopierten Datensätze; $done: bisher kopiert; $rate: Datensätze pro Sekunde.
sync-progress-count = { $object }: { $done } · { $rate }/s
sync-progress-count-of = { $object }: { $done } von { $total } · { $rate }/s
sync-progress-eta = noch etwa { $seconds } s

## Kontaktsynchronisierung: Zeitpunkte

# Danach folgt, wie lange es her ist (z. B. „vor 42 s“).
sync-last-synced = Zuletzt synchronisiert
sync-never = Noch nicht synchronisiert
# $when: wann (z. B. „in 18 s“ oder „jetzt“).
sync-next = nächste Synchronisierung { $when }
sync-error = Die letzte Synchronisierung ist fehlgeschlagen: { $error }. Ringside versucht es erneut; Anrufe werden weiterhin per Live-Suche zugeordnet.
sync-now = Jetzt synchronisieren

## Kontaktsynchronisierung: das API-Kontingent der Org und das Abruftempo, das es erlaubt

# $used: API-Anfragen der Org in den letzten 24 Stunden; $max: ihr Tageskontingent; $percent: der verbrauchte Anteil.
sync-budget-org = API-Nutzung der Org heute: { $used } von { $max } ({ $percent } %)
sync-budget-org-unknown = API-Nutzung der Org: noch nicht bekannt
# $percent: der Anteil am API-Kontingent, den der Administrator allen Ringside-Installationen zusammen gibt; $installs: Installationen der letzten 24 Stunden; $n: diese Anzahl für den Plural.
sync-budget-share = Anteil von Ringside: { $percent } % für { $n ->
        [one] { $installs } Installation
       *[other] { $installs } Installationen
    }
# $interval: Zeit zwischen zwei Abrufen (sync-budget-interval).
sync-budget-polling-every = Abruf alle { $interval }
sync-budget-polling-paused = Abruf pausiert
sync-budget-interval = { $unit ->
        [seconds] { $n } s
        [minutes] { $n } min
       *[hours] { $n } h
    }
sync-budget-paused-org-reserve = Der Abruf wartet: Die Org hat die letzten 10 % ihres API-Kontingents erreicht. Anrufe werden weiterhin protokolliert, und neue Anrufer werden weiterhin per Suche gefunden.
sync-budget-paused-no-share = Ihr Administrator hat Ringside keinen Anteil am API-Kontingent der Org gegeben, daher werden keine Kontakte abgerufen. Anrufer werden per Suche gefunden.

## Kontaktsynchronisierung: das Org-Relay eines großen Contact Centers (BUDGET-3)

# $url: die Adresse des Relays, wie der Administrator sie eingetragen hat.
sync-relay-connecting = Verbindung zum Org-Relay unter { $url }
# $applied: bisher übernommene Datensätze.
sync-relay-snapshot = Die Kontaktkopie des Org-Relays wird übernommen: bisher { $applied } Datensätze
sync-relay-live = Dem Org-Relay wird gefolgt: Änderungen kommen an, sobald sie geschehen, und das CRM wird nicht abgefragt
# $why: die Worte der Verbindung selbst.
sync-relay-unreachable = Das Org-Relay ist nicht erreichbar ({ $why }). Ringside fragt das CRM so lange im Rahmen seines Kontingents ab und kehrt zum Relay zurück, sobald es antwortet.

## Einstellungen zur Anruferzuordnung

sync-settings-label = Einstellungen zur Anruferzuordnung
sync-form-name = Anruferzuordnung
sync-keep-copy = Eine lokale Kopie der CRM-Kontakte behalten
sync-keep-copy-help = Aus: Jeder Anruf durchsucht das CRM live (der Anrufer wird langsamer angezeigt).
sync-interval-label = Synchronisieren alle (Sekunden)
sync-region-label = Land für Nummern ohne +
sync-auto-create-label = Wenn niemand im CRM die Nummer hat
sync-auto-create-lead = Einen Lead anlegen
sync-auto-create-contact = Einen Kontakt anlegen
sync-auto-create-off = Nichts anlegen
sync-create-when-label = Wann anlegen
sync-create-when-ring = Sobald der Anruf klingelt
sync-create-when-answer = Wenn der Anruf angenommen wird
sync-create-when-logged = Wenn Ringside den Anruf protokolliert
sync-create-when-help = Nur für Anrufe, die Ringside protokolliert: Wenn das Softphone des CRM einen Anruf protokolliert, legt es seinen eigenen Datensatz an.
sync-save = Speichern
sync-save-org = Für die Org speichern
sync-saved = Gespeichert.
