# The wrap-up form (WrapUp): disposition, related case and notes for a call Ringside logs.

wrapup-label = Wrap-up
wrapup-disposition = Disposition
# The empty choice of the disposition and case lists.
wrapup-none = None
# A disposition code no longer offered to new calls; $label is the code's name.
wrapup-retired = { $label } (retired)
wrapup-case = Related case
wrapup-notes = Notes

## Under the case list

wrapup-cases-loading = Loading cases…
wrapup-cases-none = No open cases.
wrapup-cases-unavailable = Cases are unavailable until the CRM is connected.

## Buttons ("Task" is the CRM's activity record for the call)

wrapup-log = Log
# Closes a form that opened by itself at the call's end; it can be done later from the history.
wrapup-later = Later
wrapup-cancel = Cancel
wrapup-keys-later = Ctrl+Enter logs, Esc wraps up later (from history). The call's Task is updated, never doubled.
wrapup-keys = Ctrl+Enter logs, Esc cancels. The call's Task is updated, never doubled.
