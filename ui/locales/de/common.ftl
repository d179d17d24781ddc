language-name = Deutsch

time-just-now = gerade eben
time-seconds-ago = vor { $n } s
time-minutes-ago = vor { $n } min
time-hours-ago = vor { $n } h
time-now = jetzt
time-in-seconds = in { $n } s
time-in-minutes = in { $n } min
