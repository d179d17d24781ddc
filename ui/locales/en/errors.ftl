# Engine errors and problems: the headline shown for each code. In English the engine's own sentence is shown instead; these are the fallback.

## Errors: the engine refused what the agent asked for.
error-unknown-call = That call is no longer known.
error-checkbox-not-offered = “Do not log the call” is not offered.
error-invalid-setting = This setting is not valid.
error-invalid-number = This phone number is not valid.
error-store-failed = Ringside could not save to its data file.
error-connector-unavailable = The softphone is not available.
error-demo-unavailable = Demo calls are not available.
error-engine-stopped = Ringside's engine has stopped.
error-invalid-input = Please correct this entry.
error-not-wrappable = This call has no record to wrap up.
error-crm-not-connected = No CRM is connected.
error-crm-failed = The CRM refused the request.
error-keychain-unavailable = The system keychain is not available.
error-calls-in-progress = Not while calls are in progress.
error-nothing-to-do = There is no call for this shortcut.
error-disk-full = The disk is full. Nothing is lost; free some space.
error-set-in-org = This is set by your admin in the org.
error-another-call-in-conversation = Another call is in conversation: hold it first.

## Problems: listed for the agent or admin until fixed.
problem-data-file-set-aside = Ringside's data file could not be read and was set aside.
problem-settings-invalid = The saved settings are not valid: the defaults are in use.
problem-caller-settings-invalid = The saved caller-matching settings are not valid: the defaults are in use.
problem-phone-settings-invalid = The saved softphone cannot be used: the demo softphone is in use.
problem-store-failed = Ringside could not save to its data file.
problem-disk-full = The disk is full. Nothing is lost; saving waits for space.
problem-calls-unsaved = Finished calls are kept in memory until they can be saved.
problem-contact-store-unavailable = The contact copy cannot be opened: callers are looked up live.
problem-attribution-failed = A call could not be linked to its caller.
problem-caller-not-created = A new caller record could not be created.
problem-phone-command-failed = The softphone refused a call command.
problem-do-not-log-not-sent = “Do not log the call” could not reach the softphone.
problem-crm-account-not-saved = The CRM account could not be remembered or forgotten.
problem-disconnect-unclean = The org was disconnected, but not cleanly.
problem-shortcuts-refused = The desktop refused the system-wide shortcuts.
problem-quit-held = Ringside stayed open: finished calls are not saved yet.
problem-keychain-unavailable = The system keychain is not available: signing in to your org is unavailable.

## The error banner, and a reply the window did not expect from the engine.
error-dismiss = Dismiss
error-unexpected-response = unexpected response
