# Call history (the History tab), and the banners about call records not yet written to the CRM.

## The history table

history-label = Call history
history-empty = No calls yet.
history-col-time = Time
history-col-call = Call
history-col-number = Number
# How long the agent talked (m:ss).
history-col-talk = Talk
# Who logs the call in the CRM, or why nobody does.
history-col-outcome = Outcome

# A call record the CRM refused for now. $error: the CRM's reason (English, from the engine); $attempt: how many tries so far; $time: the clock time of the next try.
history-retry-why = { $error } · attempt { $attempt }, next at { $time }
# $id: the CRM's record id (e.g. 00T000000000042AAA).
history-crm-record = CRM record { $id }
# $reason: what the agent typed when discarding the call records.
history-discarded = Not sent to the CRM: { $reason }

## Buttons on each row

history-call-back = Call back
history-retry-now = Retry now
history-log-afterwards = Log it now
    .title = Ringside writes this call's record to the CRM now (once)
history-wrap-up = Wrap up
history-edit-wrap-up = Edit wrap-up
history-details = Details

## A row's details

# One step of the call. $time: clock time; $phase: the phase (Ringing, On call …); $crm and $ringside: "in" or "out", whether the agent was logged in to the CRM and to Ringside at that moment.
history-phase-line = { $time } — { $phase } (CRM { $crm ->
        [in] in
       *[out] out
    }, Ringside { $ringside ->
        [in] in
       *[out] out
    })
# $reason: why the call ended (English, from the engine).
history-ended = Ended: { $reason }
# $notes: the agent's notes.
history-notes = Notes: { $notes }
# $event: what the phone reported that Ringside ignored (English, from the engine).
history-anomaly = Ignored from the phone: { $event }

## Banners above the tabs: call records not written yet

# $n: how many finished calls only Ringside's memory holds.
waiting-list-unsaved = { $n ->
        [one] { $n } finished call is not saved yet. Ringside keeps them in memory and saves them as soon as it can; keep it open.
       *[other] { $n } finished calls are not saved yet. Ringside keeps them in memory and saves them as soon as it can; keep it open.
    }
# Button for calls made while no CRM was connected, sending them to the one connected now. $host: the org's address (e.g. acme.my.salesforce.com).
waiting-list-send-here = Log them to { $host }
waiting-list-send-sandbox = Log them to the built-in sandbox CRM
waiting-list-discard = Discard…
waiting-list-discard-reason = Why are these calls not logged? (kept in history)
# $n: how many call records are thrown away.
waiting-list-discard-confirm = { $n ->
        [one] Discard { $n } call record
       *[other] Discard { $n } call records
    }
waiting-list-cancel = Cancel
