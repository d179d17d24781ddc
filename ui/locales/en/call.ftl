# The call bar: one card per call (ActiveCall) and the dial pad (DialPad).

## A call's card

# Beside the phase of the call the keyboard shortcuts act on.
call-keys-here = Keys act on this call
# Which way the call goes, before its timer.
call-direction-inbound = Inbound
call-direction-outbound = Outbound
call-direction-dialback = Call back
# The checkbox that keeps this call out of the CRM.
call-do-not-log = Do not log the call
# The key shown beside a control that a shortcut triggers; $key is the letter pressed with Alt.
call-key = Alt+{ $key }
# Tooltip of the key shown beside a control (e.g. Alt+D).
call-shortcut = Keyboard shortcut

# Asked when the agent answers while talking on another call.
call-ask-label = Another call is in conversation
call-ask-text = You are talking on another call. Put it on hold and answer this one?
call-hold-and-answer = Hold and answer
call-not-now = Not now

# The call's buttons.
call-answer = Answer
call-hold = Hold
call-resume = Resume
# The red button of a call still ringing.
call-decline = Decline
call-hang-up = Hang up

## The dial pad

dialpad-label = Dial pad
dialpad-number = Number to call
dialpad-backspace = Delete the last digit
dialpad-keypad = Keypad
dialpad-plus = Plus (international)
# The button that dials the number typed.
dialpad-call = Call
