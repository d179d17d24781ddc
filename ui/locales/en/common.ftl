# The language's own name, as the language picker shows it.
language-name = English

# How long ago something happened, and how soon something is due.
time-just-now = just now
time-seconds-ago = { $n } s ago
time-minutes-ago = { $n } min ago
time-hours-ago = { $n } h ago
time-now = now
time-in-seconds = in { $n } s
time-in-minutes = in { $n } min
