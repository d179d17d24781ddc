# Presence: the agent's status in the CRM (Salesforce Omni-Channel) and on the
# telephony side, kept in step by the admin's mapping; the bar under the CRM
# line, the Presence tab's history and the mapping as the admin set it.

## Telephony statuses. A platform's own statuses show by their own names.
presence-phone-available = Available
presence-phone-away = Away
presence-phone-busy = Busy
presence-phone-after-call-work = After Call Work
# Set only while a call is in progress; the agent never picks it.
presence-phone-on-a-call = On a Call
presence-phone-offline = Offline
# The CRM side when the agent is offline in Omni-Channel.
presence-crm-offline = Offline
# A side whose status Ringside has not read yet.
presence-not-known = Not read yet

## Which side a status is on.
presence-side-crm = CRM
presence-side-phone = Telephony

## Why a status changed (a history line's cause).
presence-cause-agent = set by you
presence-cause-supervisor = set by a supervisor
# Omni-Channel sets a busy status when the agent lets a work item time out.
presence-cause-push-timeout = set by Omni-Channel after a missed work item
presence-cause-declined-work = set after you declined work
presence-cause-platform = set by the telephony platform
presence-cause-login = logged in or out of presence
presence-cause-followed = Ringside followed the other side
presence-cause-call-start = a call started
presence-cause-call-end = a call ended
presence-cause-reconcile = Ringside put the two sides back in step
presence-cause-read = found when Ringside read it

## What became of a change that was not simply applied.
presence-note-kept-for-after-call = made during a call, applied after it
presence-note-outdated = older than the current status, ignored
presence-note-not-applied = Ringside could not set it after several tries

## The bar under the CRM line.
presence-bar-label = Presence
presence-crm-label = CRM status
presence-phone-label = Telephony status
# Both sides agree with the mapping.
presence-sync-in-sync = In sync
    .title = Your CRM and telephony statuses agree with the mapping.
# $n is the number of Ringside's changes not yet confirmed.
presence-sync-syncing = Syncing… ({ $n } waiting)
    .title = { $n ->
        [one] One change Ringside made waits for confirmation.
       *[other] { $n } changes Ringside made wait for confirmation.
    }
presence-sync-apart = Out of sync
    .title = Your CRM and telephony statuses do not match the mapping. Sync status sets them in step.
presence-sync-now = Sync status
    .title = Set both sides in step with the mapping now
presence-off = Presence sync is off. Your admin turns it on in Salesforce.

## The Presence tab: the history of changes.
presence-history-title = Presence history
presence-history-empty = No presence changes yet.
# $side is CRM or Telephony, $status the status it took.
presence-history-what = { $side }: { $status }

## The Presence tab: the mapping as the admin set it (read only).
presence-mapping-title = Presence mapping
presence-mapping-source = Set by your admin in Salesforce (Ringside Settings and Ringside Presence Rules).
presence-mapping-off = Presence sync is off: this mapping takes effect once your admin turns it on.
presence-mapping-to-phone = From the CRM to telephony
presence-mapping-to-crm = From telephony to the CRM
presence-mapping-no-rules = No rules: every status takes the default below.
presence-mapping-defaults = Defaults and calls
presence-mapping-to-phone-default = Any other CRM status sets telephony to
presence-mapping-crm-offline = Offline in the CRM sets telephony to
presence-mapping-to-crm-default = Any other telephony status sets the CRM to
presence-mapping-leave-crm = Leave the CRM status as it is
presence-mapping-offline-note = Going Offline on the telephony side never changes the CRM status.
presence-mapping-on-call = CRM status during a call
presence-mapping-after-call = After a call and its wrap-up
presence-mapping-return-to-previous = Back to the status before the call
# $status is the CRM status the admin chose for after calls.
presence-mapping-next-status = Change to { $status }
presence-mapping-stay = Keep the status as it is
presence-mapping-ring-while-away = Away or Busy on a phone without agent states
presence-mapping-ring-yes = Calls still ring
presence-mapping-ring-no = Calls are declined
presence-mapping-warnings = Warnings

## Service channels, in a warning.
presence-channel-phone = voice
presence-channel-chat = chat
presence-channel-messaging = messaging

## What the mapping warns about. $status is a CRM status's label.
# $channels lists the live channels it carries ("voice and chat").
presence-warning-mixed-channels = { $status } mixes live channels: { $channels }. A caller and a chat can reach the agent at once.
presence-warning-unknown-status = The mapping names { $status }, which your org does not have (any more).
# $phone is the telephony status it takes by default.
presence-warning-unmapped = { $status } is not mapped: it sets { $phone }.
presence-warning-on-call-not-busy = { $status }, the CRM status during calls, still routes work: new work can arrive during a call.

## The Presence tab: the mapping for an org admin to edit.
presence-edit-source = You are an admin: once saved, this mapping applies to every agent in your org.
presence-edit-enabled = Presence sync
presence-edit-enabled-help = Keeps each agent's CRM and telephony statuses in step with this mapping.
presence-edit-confirm-enable = Syncing starts at once for every agent when you save. Turn presence sync on?
presence-edit-confirm = Confirm
presence-edit-cancel = Cancel
presence-edit-add-rule = Add rule
presence-edit-remove = Remove
# $n is the rule's place in its table.
presence-edit-remove-rule = Remove rule { $n }
presence-edit-rule-crm = CRM status, rule { $n }
presence-edit-rule-phone = Telephony status, rule { $n }
presence-edit-next-status = Next status after calls
presence-edit-next-none = No next status
presence-edit-return-to-previous = Return to the previous status after calls
presence-edit-return-to-previous-help = After a call and its wrap-up, the status held before the call. Not with a next status.
presence-edit-ring-while-away = Calls ring while Away or Busy
presence-edit-ring-while-away-help = For a phone without agent states; unticked, such calls are declined.
presence-edit-save = Save mapping
presence-edit-saved = Saved: the mapping applies to every agent.
