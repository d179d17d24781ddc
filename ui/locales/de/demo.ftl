# The demo panel (DemoPanel): buttons that play the phone and the CRM when no real ones are connected.

demo-title = Demo-Softphone

## The simulated phone ($number: the other party's number)

demo-incoming = Eingehender Anruf
demo-incoming-queue = Eingehender Warteschlangen-Anruf
# The other party of a call the agent placed.
demo-remote-answer = Gegenseite nimmt an: { $number }
demo-remote-hangup = Gegenseite legt auf: { $number }
demo-caller-hangup = Anrufer legt auf: { $number }

## The simulated CRM

demo-crm-logged-in = CRM (simuliert): angemeldet
demo-crm-logged-out = CRM (simuliert): abgemeldet
demo-crm-org-login = Beim CRM anmelden
demo-crm-presence-logout = CRM-Präsenz: Abgemeldet
demo-crm-presence-available = CRM-Präsenz: Verfügbar
demo-crm-org-logout = Von der CRM-Org abmelden
demo-crm-tab-closed = CRM-Tab schließen
