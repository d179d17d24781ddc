# The status bars (login, CRM, outbox), call and history labels, shortcuts, admin source lines, unsaved-changes guard and country picker.

## A call's phase, on the call card and in the history.
phase-ringing = Ringing
phase-answered = On call
phase-hold = On hold
phase-dialback = Calling back
phase-outbound = Calling
phase-ended = Ended
phase-missed = Missed
# A queue call's badge; $name is the queue's name.
phase-queue = Queue
phase-queue-named = Queue: { $name }

## How a call ended.
end-talked = Answered
end-declined = Declined
end-missed = Missed
end-abandoned = Caller hung up
end-not-answered = Not answered
# The history's "Call" column: the direction, then $outcome (how it ended, or its phase).
end-summary-inbound = In · { $outcome }
end-summary-outbound = Out · { $outcome }
end-summary-dialback = Call back · { $outcome }

## Who writes a call's record to the CRM.
writer-companion = Ringside
writer-crm-softphone = CRM softphone
writer-acd-service = ACD service

## The history's badge: what became of a call's record.
outcome-in-progress = In progress
outcome-interrupted = Interrupted
outcome-waiting-to-log = Waiting to log
outcome-logged = Logged by Ringside
outcome-retrying = Retrying
outcome-discarded = Not sent (discarded)
outcome-companion-logs = Ringside logs it
outcome-crm-softphone-logs = CRM softphone logs it
outcome-acd-service-logs = ACD service logs it
outcome-not-logged = Not logged

## Beside the "Do not log the call" box: what happens to a live call's record.
logging-companion-logs = Ringside logs this call in the CRM when it ends. Tick the box to leave it out.
logging-companion-logs-checkbox-not-offered = Ringside logs this call in the CRM when it ends (your admin does not offer “Do not log the call”).
logging-agent-chose-do-not-log = Ringside will not log this call. Untick the box to log it after all.
logging-default-do-not-log = Ringside will not log this call: your default is not to log calls. Untick the box to log it.
logging-crm-logged-in = The CRM softphone logs this call now — you are logged in to the CRM.
logging-service-code = A feature or service code: nothing is logged.
logging-acd-logs = The ACD service logs this call — Ringside is logged out.
logging-nobody-logs = Nobody logs this call — Ringside is logged out.
logging-logged-afterwards = Ringside logs this call.

## The kind of a caller's CRM record.
caller-kind-contact = Contact
caller-kind-lead = Lead
caller-kind-person-account = Person Account

## A phone number's field, in words.
phone-label-phone = Phone
phone-label-mobile = Mobile
phone-label-home = Home
phone-label-other = Other
phone-label-assistant = Assistant
phone-label-fax = Fax

## The CRM bar. $host is the org's address, $username the CRM user, $reason the engine's words (English).
crm-connected = Call records go to { $host } as { $username }
crm-connected-sandbox = Call records go to the built-in sandbox CRM as { $username }
# $target: the user name or address being connected to.
crm-connecting = Connecting to { $target }…
crm-connecting-sandbox = Connecting to the built-in sandbox CRM…
# $target: the org's sign-in address, open in the browser.
crm-connecting-browser = Connecting to { $target } (finish signing in in your browser)…
crm-connecting-retrying = Connecting to { $username } (the org is not answering: { $reason }; trying again in { $seconds } s)…
crm-sign-in-needed = Sign in to { $username } again: { $reason }. Calls wait until then.
crm-not-connected = No CRM connected; calls wait in the outbox
crm-not-connected-because = No CRM connected ({ $reason }); calls wait in the outbox

## The outbox, at the right of the CRM bar. $pending: records waiting, $failed: records being retried.
delivery-waiting = { $n } waiting
delivery-retrying = { $n } retrying
delivery-waiting-retrying = { $pending } waiting · { $failed } retrying
delivery-all-written = all call records written

## Calls waiting for another org, or for a CRM to be chosen. $n: the number of calls.
waiting-no-target =
    { $n ->
        [one] { $n } call ended while no CRM was connected; say where to log it.
       *[other] { $n } calls ended while no CRM was connected; say where to log them.
    }
waiting-for-sandbox =
    { $n ->
        [one] { $n } call waits for the built-in sandbox CRM ({ $username }) — sign in to it to send it.
       *[other] { $n } calls wait for the built-in sandbox CRM ({ $username }) — sign in to it to send them.
    }
# $host: the org's address; $username: the CRM user to sign in as.
waiting-for-org =
    { $n ->
        [one] { $n } call waits for { $host } ({ $username }) — sign in to it to send it.
       *[other] { $n } calls wait for { $host } ({ $username }) — sign in to it to send them.
    }

## Above the admin settings: whose they are.
admin-local-trouble = Saved on this computer, for now: your org's settings could not be read (see below).
# The org's settings could not be read; what the CRM said follows.
admin-trouble-last-read = Your org's settings could not be read just now; the last ones read from the org apply. The CRM said:
admin-trouble-local = Your org has no Ringside settings to read, so the settings saved on this computer apply. The CRM said:
admin-trouble-local-until-read = Your org's settings could not be read yet; the settings saved on this computer apply until they can be. The CRM said:
admin-local = Saved on this computer: no org is connected. With your org connected, the settings your admin set there apply.
admin-org-agent = Set by your admin in Salesforce. Ask them to change these.
admin-org-admin = Your org's defaults, for every agent. A profile's or a user's own row in Salesforce (Setup → Custom Settings → Ringside Settings) overrides them.
# A small badge: where a value in force came from.
admin-from-default = Ringside's default
admin-from-org = org default
admin-from-profile = set for your profile
admin-from-user = set for you

## Keyboard shortcuts (Alt + a letter).
keys-answer = Answer
keys-hold-resume = Hold / resume
keys-hangup = Hang up (end)
keys-do-not-log = Do not log the call

## The top bar's login states. $name: the softphone's name.
status-login-state = Login state
status-crm-logged-in = CRM: logged in
status-crm-logged-out = CRM: logged out
status-companion-logged-in = Ringside: logged in
status-companion-logged-out = Ringside: logged out
status-phone = Phone: { $name }
status-phone-not-connected = Phone: { $name } (not connected)
# $phone: the line above; $state: the agent's state as the contact-centre platform reports it.
status-phone-agent-state = { $phone } · { $state }

## Leaving a tab with unsaved changes. $forms: the forms' names, comma-separated.
tab-guard-label = Unsaved changes
tab-guard-not-saved = Your changes to { $forms } are not saved.
tab-guard-stay = Stay and save them
tab-guard-discard = Discard changes

## The country picker. $text: what the agent typed.
country-placeholder = Type a country
country-no-match = No country matches “{ $text }”.

# Why the CRM is not connected or did not do what was asked; the CRM's own words follow.
crm-cause-session-lost = the CRM session ended
crm-cause-request-limit = the org's daily API allowance is used up
crm-cause-not-answering = the org is not answering
crm-cause-refused = the org refused
crm-cause-unavailable = this is not possible here
crm-cause-outbox-unreadable = Ringside cannot read its outbox on this computer
crm-problem-detail = { $what } ({ $detail })
crm-why-disconnected = disconnected; calls for that org wait in the outbox until you sign in to it again
crm-why-disconnecting = disconnecting: ending the org's grant and deleting its keychain entry
crm-why-sign-in-failed = signing in did not work: { $reason }
crm-why-sandbox-failed = the built-in CRM did not start: { $reason }
