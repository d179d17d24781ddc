# The desktop around the window: its title, the tray menu and the incoming-call notification.

# The window's title while calls ring ($who: the caller's number as shown, $n: how many ring).
shell-title-ringing-one = Ringing: { $who } — Ringside
shell-title-ringing-withheld = Ringing: a withheld number — Ringside
shell-title-ringing-many = { $n } calls ringing — Ringside

# The tray menu's status lines ($name: the softphone's name, $user: the org user signed in).
shell-phone-connected = Phone: { $name }, connected
shell-phone-not-connected = Phone: { $name }, not connected
shell-phone-starting = Phone: starting…
shell-crm-starting = CRM: starting…
shell-crm-not-connected = CRM: not connected
shell-crm-connecting = CRM: connecting…
shell-crm-sandbox = CRM: the built-in sandbox
shell-crm-connected = CRM: { $user }
shell-crm-sign-in-again = CRM: sign in again
shell-missed =
    { $n ->
        [0] No missed calls
        [one] 1 missed call
       *[other] { $n } missed calls
    }
shell-show-or-hide = Show or hide Ringside
shell-quit = Quit Ringside

# The desktop notification for a ringing call ($who: the caller's number).
shell-notify-incoming = Incoming call
shell-notify-body = { $who }
    Switch to Ringside to choose "Do not log the call".
shell-notify-show = Show Ringside

# Said once when the window is closed: Ringside keeps running.
shell-still-running = Ringside is still running
shell-closed-to-tray = It keeps logging calls from the tray. Quit it from the tray menu or with Quit Ringside in Settings.
shell-closed-no-tray = This desktop shows no tray, so the window was minimised; Ringside keeps logging calls. Quit it with Quit Ringside in Settings.
