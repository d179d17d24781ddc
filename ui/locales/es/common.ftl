language-name = Español

time-just-now = ahora mismo
time-seconds-ago = hace { $n } s
time-minutes-ago = hace { $n } min
time-hours-ago = hace { $n } h
time-now = ahora
time-in-seconds = en { $n } s
time-in-minutes = en { $n } min
