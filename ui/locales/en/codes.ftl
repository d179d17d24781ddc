# The disposition codes list (Settings tab): the codes agents pick when they wrap up a call.

codes-title = Disposition codes
codes-help = Agents pick one when they wrap up a call. Retired codes are no longer offered, and stay on the calls that have them.
# With an org connected: an agent only reads the codes; an admin edits them for everyone.
codes-set-by-admin = Set by your admin in Salesforce.
codes-org-codes = Your org's codes, for every agent.

## One code in the list. $code is the code's own name, as the admin wrote it.
# A code no longer offered to agents.
codes-retired = { $code } (retired)
codes-rename = Rename
codes-retire = Retire
# Offers a retired code again.
codes-restore = Restore
# The field where a code is renamed (read aloud).
codes-new-name = New name for { $code }
codes-save = Save
codes-cancel = Cancel

## Adding a code.
codes-new = New disposition code
    .placeholder = New code, e.g. Sale closed
codes-add = Add
