# Der Desktop um das Fenster: Fenstertitel, Tray-Menü und die Benachrichtigung bei einem Anruf.

shell-title-ringing-one = Es klingelt: { $who } — Ringside
shell-title-ringing-withheld = Es klingelt: unterdrückte Nummer — Ringside
shell-title-ringing-many = { $n } Anrufe klingeln — Ringside

shell-phone-connected = Telefon: { $name }, verbunden
shell-phone-not-connected = Telefon: { $name }, nicht verbunden
shell-phone-starting = Telefon: startet…
shell-crm-starting = CRM: startet…
shell-crm-not-connected = CRM: nicht verbunden
shell-crm-connecting = CRM: verbindet…
shell-crm-sandbox = CRM: das integrierte Sandbox-CRM
shell-crm-connected = CRM: { $user }
shell-crm-sign-in-again = CRM: bitte erneut anmelden
shell-missed =
    { $n ->
        [0] Keine verpassten Anrufe
        [one] 1 verpasster Anruf
       *[other] { $n } verpasste Anrufe
    }
shell-show-or-hide = Ringside zeigen oder ausblenden
shell-quit = Ringside beenden

shell-notify-incoming = Eingehender Anruf
shell-notify-body = { $who }
    Wechseln Sie zu Ringside, um „Anruf nicht protokollieren“ zu wählen.
shell-notify-show = Ringside zeigen

shell-still-running = Ringside läuft weiter
shell-closed-to-tray = Anrufe werden weiter aus dem Tray protokolliert. Beenden Sie Ringside über das Tray-Menü oder mit „Ringside beenden“ in den Einstellungen.
shell-closed-no-tray = Dieser Desktop zeigt kein Tray, darum wurde das Fenster minimiert; Anrufe werden weiter protokolliert. Beenden Sie Ringside mit „Ringside beenden“ in den Einstellungen.
