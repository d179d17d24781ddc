# The admin settings form (Settings tab): how Ringside logs calls and handles a second call.

# The form's name: read aloud, and listed when the window asks before leaving unsaved changes.
settings-title = Admin settings

## Each setting: its name, and (.help) a line explaining it.
## Names in quotes are other products' names for the same setting; keep them as they are.

settings-offer-do-not-log = Offer "Do not log the call"
    .help = Agents see the checkbox on calls Ringside logs and can keep a call out of the CRM. Known in other products as "Show option: Do not save".
settings-default-do-not-log = Calls start as not logged
    .help = The checkbox starts ticked: a call is logged only if the agent unticks it. Off: calls are logged unless the agent ticks it.
settings-log-missed-queue-calls = Log missed queue calls while logged out
    .help = The contact-centre platform logs queue calls the agent missed while logged out of the CRM ("ACD config 1").
settings-log-inbound-while-logged-out = Log inbound calls while logged out
    .help = The contact-centre platform logs inbound calls while the agent is logged out of the CRM ("ACD config 2").
# "Logout" is the name of a presence state in the CRM's softphone.
settings-presence-logout-check = Treat presence Logout as logged out
    .help = Choosing Logout in the CRM softphone's presence counts as logged out of the CRM, so Ringside logs the calls ("presence-state user logout check").
settings-hold-first-call = Answering a second call holds the first
    .help = The caller in conversation is put on hold before the new call is answered. Off: Ringside asks the agent first.

## The form's buttons.

# An admin saves the org's default settings, for every agent.
settings-save-org = Save for the org
# No org connected: the settings are saved on this computer.
settings-save-local = Save settings
settings-undo = Undo changes
settings-saved = Saved.
