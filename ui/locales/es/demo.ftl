# The demo panel (DemoPanel): buttons that play the phone and the CRM when no real ones are connected.

demo-title = Softphone de demostración

## The simulated phone ($number: the other party's number)

demo-incoming = Llamada entrante
demo-incoming-queue = Llamada entrante de cola
# The other party of a call the agent placed.
demo-remote-answer = El destinatario contesta: { $number }
demo-remote-hangup = El destinatario cuelga: { $number }
demo-caller-hangup = El llamante cuelga: { $number }

## The simulated CRM

demo-crm-logged-in = CRM (simulado): sesión iniciada
demo-crm-logged-out = CRM (simulado): sesión cerrada
demo-crm-org-login = Iniciar sesión en el CRM
demo-crm-presence-logout = Presencia en el CRM: Desconectado
demo-crm-presence-available = Presencia en el CRM: Disponible
demo-crm-org-logout = Cerrar sesión en la organización del CRM
demo-crm-tab-closed = Cerrar la pestaña del CRM
