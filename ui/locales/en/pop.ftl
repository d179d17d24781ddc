# The screen pop inside a call's card (CallerPop): who is calling, or a picker when several records share the number.

## While the caller is looked up, or when nobody matches

pop-searching = Not in the synced contacts; searching the CRM…
pop-no-number = No caller number to match.
# In bold, before why nobody matched (the engine's reason, or pop-nobody).
pop-unknown = Unknown caller.
pop-nobody = Nobody in the CRM has this number.
# $object is the kind of record being made: "Contact" or "Lead".
pop-creating = A new { $object } is being created in the CRM.


## Why nobody is shown and no record was made (MATCH-2/6). $object: "Contact" or "Lead". What the CRM or the computer said may follow, as it came.

pop-will-create-ring = Nobody has this number: a new { $object } is being made.
pop-will-create-answer = Nobody has this number: a new { $object } is made when the call is answered.
pop-will-create-logged = Nobody has this number: a new { $object } is made when Ringside logs the call.
pop-not-made-unanswered = Nobody has this number. No record was made, as the call was not answered.
pop-not-made-not-ours = Nobody has this number. No record was made, as Ringside does not log this call.
pop-search-failed = The CRM could not be searched, so no record was made (the caller may exist):
pop-no-crm = No CRM is connected to search, so no record was made.
pop-not-queued = The new { $object } could not be saved to be made:
pop-not-created = The CRM did not make a record for this caller:

## One record matches ($owner: the record owner's name; $field: which phone field, e.g. "Mobile"; $number: the number as the record holds it)

pop-owner = Owner { $owner }
pop-matched-on = Matched on { $field }: { $number }
# Why this record was chosen, after the facts above.
pop-from-record = called from this record
pop-created-for-call = created for this call

## Several records match: the picker

# $n: how many records have the number (always 2 or more).
pop-picker-legend = { $n ->
    [one] { $n } record has this number. The call is logged on the one you pick (default: created first).
   *[other] { $n } records have this number. The call is logged on the one you pick (default: created first).
}
# Tag on the record created first (the default choice).
pop-first-created = first created
pop-no-company = No company
pop-owner-unknown = Owner unknown
# $date: the day the record was created, e.g. "Jan 5, 2025".
pop-created = created { $date }
pop-option-matched-on = matched on { $field }: { $number }
