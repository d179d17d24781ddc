# The main window: the top bar, the call bar with its wrap-up, and the section tabs.

# The product's name, shown beside the logo.
app-name = Ringside
app-calls = Active calls
# Shown until the engine's first snapshot arrives.
app-starting = Starting…
app-no-call = No call right now. Calls appear here the moment they ring.

## The wrap-up that opens by itself when a call ends.

app-wrapup = Wrap-up of the call that ended
# Heading; the caller's number (and name, after a "·") follows it.
app-wrapup-heading = Wrap up:
# $time is the time since the call ended, e.g. 1:05.
app-acw = after-call work { $time }
    .title = After-call work

## The section tabs.

app-sections = Sections
app-tab-history = History
app-tab-dial = Dial
app-tab-crm = CRM connection
app-tab-presence = Presence
app-tab-settings = Admin settings
