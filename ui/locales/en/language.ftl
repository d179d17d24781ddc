# The language picker in Settings.
language-label = Language
# $name: the system's language, in its own words ("Deutsch").
language-system = System default ({ $name })
language-hint = Dates, times and numbers follow the language too. The tray and the window title switch at once.
# The pick could not be written to disk (the engine's reason follows).
language-not-saved = The language applies now but could not be kept for the next start.
