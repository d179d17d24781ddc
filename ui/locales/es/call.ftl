# The call bar: one card per call (ActiveCall) and the dial pad (DialPad).

## A call's card

# Beside the phase of the call the keyboard shortcuts act on.
call-keys-here = Los atajos de teclado actúan sobre esta llamada
# Which way the call goes, before its timer.
call-direction-inbound = Entrante
call-direction-outbound = Saliente
call-direction-dialback = Devolución de llamada
# The checkbox that keeps this call out of the CRM.
call-do-not-log = No registrar la llamada
# The key shown beside a control that a shortcut triggers; $key is the letter pressed with Alt.
call-key = Alt+{ $key }
# Tooltip of the key shown beside a control (e.g. Alt+D).
call-shortcut = Atajo de teclado

# Asked when the agent answers while talking on another call.
call-ask-label = Hay otra llamada en conversación
call-ask-text = Está hablando en otra llamada. ¿Ponerla en espera y contestar esta?
call-hold-and-answer = Poner en espera y contestar
call-not-now = Ahora no

# The call's buttons.
call-answer = Contestar
call-hold = Poner en espera
call-resume = Reanudar
# The red button of a call still ringing.
call-decline = Rechazar
call-hang-up = Colgar

## The dial pad

dialpad-label = Teclado de marcación
dialpad-number = Número al que llamar
dialpad-backspace = Borrar el último dígito
dialpad-keypad = Teclado numérico
dialpad-plus = Más (internacional)
# The button that dials the number typed.
dialpad-call = Llamar
