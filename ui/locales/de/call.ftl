# The call bar: one card per call (ActiveCall) and the dial pad (DialPad).

## A call's card

# Beside the phase of the call the keyboard shortcuts act on.
call-keys-here = Tastenkürzel gelten für diesen Anruf
# Which way the call goes, before its timer.
call-direction-inbound = Eingehend
call-direction-outbound = Ausgehend
call-direction-dialback = Rückruf
# The checkbox that keeps this call out of the CRM.
call-do-not-log = Anruf nicht protokollieren
# The key shown beside a control that a shortcut triggers; $key is the letter pressed with Alt.
call-key = Alt+{ $key }
# Tooltip of the key shown beside a control (e.g. Alt+D).
call-shortcut = Tastenkürzel

# Asked when the agent answers while talking on another call.
call-ask-label = Ein anderes Gespräch ist aktiv
call-ask-text = Sie führen gerade ein anderes Gespräch. Es halten und diesen Anruf annehmen?
call-hold-and-answer = Halten und annehmen
call-not-now = Jetzt nicht

# The call's buttons.
call-answer = Annehmen
call-hold = Halten
call-resume = Fortsetzen
# The red button of a call still ringing.
call-decline = Ablehnen
call-hang-up = Auflegen

## The dial pad

dialpad-label = Wählfeld
dialpad-number = Rufnummer
dialpad-backspace = Letzte Ziffer löschen
dialpad-keypad = Tastenfeld
dialpad-plus = Plus (international)
# The button that dials the number typed.
dialpad-call = Anrufen
