# The demo panel (DemoPanel): buttons that play the phone and the CRM when no real ones are connected.

demo-title = Demo softphone

## The simulated phone ($number: the other party's number)

demo-incoming = Incoming call
demo-incoming-queue = Incoming queue call
# The other party of a call the agent placed.
demo-remote-answer = Far end answers: { $number }
demo-remote-hangup = Far end hangs up: { $number }
demo-caller-hangup = Caller hangs up: { $number }

## The simulated CRM

demo-crm-logged-in = CRM (simulated): logged in
demo-crm-logged-out = CRM (simulated): logged out
demo-crm-org-login = Log in to the CRM
demo-crm-presence-logout = CRM presence: Logout
demo-crm-presence-available = CRM presence: Available
demo-crm-org-logout = Log out of the CRM org
demo-crm-tab-closed = Close the CRM tab
