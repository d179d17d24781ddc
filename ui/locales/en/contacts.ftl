# Contacts: the contact search (find someone and call them), and the contact sync card with its caller-matching settings.

## Contact search

search-label = Find a contact
search-placeholder = Find a contact: name, company or number
search-query-label = Find a contact by name, company or any part of a number
# $query: what the agent typed.
search-none = Nobody in the local copy matches “{ $query }”.
search-no-number = No phone number
search-call = Call
# Read aloud for a Call button. $name: the contact's name; $label: which number (Mobile, Phone …); $number: the number as shown.
search-call-label = Call { $name }, { $label }, { $number }
search-more = More match — type more of the name or number to narrow the list.

## Contact sync: state

sync-label = Contact sync
sync-title = Contacts for caller matching
sync-state-off = Sync is off: each call is matched by a live CRM search
sync-state-waiting = Waiting for a CRM connection
sync-state-copying = Copying contacts for the first time
sync-state-syncing = Syncing changes
sync-state-idle = Up to date
# Follows the number of records kept on this computer (the number is shown just before, on its own). $n: that number.
sync-records = { $n ->
        [one] contact, lead or person account on this computer
       *[other] contacts, leads and person accounts on this computer
    }

## Contact sync: the first copy's progress

sync-progress-label = Copy progress
# The kind of CRM record being copied, in the plural. $object: the CRM's object name (Contact, Lead, Account, or another).
sync-progress-object = { $object ->
        [Contact] Contacts
        [Lead] Leads
        [Account] Accounts
       *[other] { $object }s
    }
# $object: the records being copied (sync-progress-object); $done: how many so far; $rate: records per second.
sync-progress-count = { $object }: { $done } · { $rate }/s
# As sync-progress-count; $total: how many there are in all.
sync-progress-count-of = { $object }: { $done } of { $total } · { $rate }/s
# $seconds: estimated seconds until the copy is done.
sync-progress-eta = about { $seconds } s left

## Contact sync: when

# Followed by how long ago (e.g. "42 s ago").
sync-last-synced = Last synced
sync-never = Not synced yet
# $when: how soon (e.g. "in 18 s" or "now").
sync-next = next { $when }
# $error: why the sync failed (English, from the engine).
sync-error = The last sync failed: { $error }. Ringside tries again; calls are still matched by a live search.
sync-now = Sync now

## Contact sync: the org's API budget and the polling pace it allows (BUDGET-1/2)

# $used: the org's API requests in the last 24 hours; $max: its daily allocation; $percent: used as a share of max (all three already in the locale's digits).
sync-budget-org = Org API use: { $used } of { $max } today ({ $percent } %)
# Before the org has told Ringside its API use.
sync-budget-org-unknown = Org API use: not known yet
# $percent: the admin's share of the org's API allocation for every Ringside install together; $installs: installs seen in the last 24 hours (as shown); $n: that number, for the plural.
sync-budget-share = Ringside's share: { $percent } % for { $n ->
        [one] { $installs } install
       *[other] { $installs } installs
    }
# Follows sync-budget-share. $interval: the time between polls (sync-budget-interval).
sync-budget-polling-every = polling every { $interval }
# Follows sync-budget-share while polling waits.
sync-budget-polling-paused = polling paused
# The time between polls. $unit: seconds, minutes or hours; $n: how many (hours with one decimal), in the locale's digits.
sync-budget-interval = { $unit ->
        [seconds] { $n } s
        [minutes] { $n } min
       *[hours] { $n } h
    }
sync-budget-paused-org-reserve = Polling waits: the org is into the last 10 % of its API allocation. Calls are still logged and new callers are still found by search.
sync-budget-paused-no-share = Your admin has given Ringside no share of the org's API allocation, so contacts are not polled. Callers are found by search.

## Contact sync: the org relay a large centre runs (BUDGET-3)

# $url: the relay's address as the admin set it.
sync-relay-connecting = Connecting to the org relay at { $url }
# $applied: records taken so far.
sync-relay-snapshot = Taking the org relay's copy of the contacts: { $applied } records so far
sync-relay-live = Following the org relay: changes arrive as they happen, and the CRM is not polled
# $why: the connection's own words.
sync-relay-unreachable = The org relay cannot be reached ({ $why }). Ringside polls the CRM within its budget meanwhile and goes back to the relay when it answers.

## Caller matching settings

sync-settings-label = Caller matching settings
# This form's name in the warning about changes not saved ("Your changes to … are not saved").
sync-form-name = Caller matching
sync-keep-copy = Keep a local copy of the CRM's contacts
sync-keep-copy-help = Off: every call searches the CRM live (slower screen pop).
sync-interval-label = Sync every (seconds)
sync-region-label = Country for numbers without +
sync-auto-create-label = When nobody in the CRM has the number
sync-auto-create-lead = Create a Lead
sync-auto-create-contact = Create a Contact
sync-auto-create-off = Create nothing
# When the record for an unknown caller is created.
sync-create-when-label = Create it
sync-create-when-ring = As the call rings
sync-create-when-answer = When the call is answered
sync-create-when-logged = When Ringside logs the call
sync-create-when-help = Only for calls Ringside logs: when the CRM softphone logs a call, it makes its own record.
sync-save = Save
sync-save-org = Save for the org
sync-saved = Saved.
