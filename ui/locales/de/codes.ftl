# The disposition codes list (Settings tab): the codes agents pick when they wrap up a call.

codes-title = Ergebniscodes
codes-help = Agenten wählen bei der Nachbearbeitung eines Anrufs einen Code. Deaktivierte Codes werden nicht mehr angeboten und bleiben an den Anrufen erhalten, die sie bereits tragen.
# With an org connected: an agent only reads the codes; an admin edits them for everyone.
codes-set-by-admin = Von Ihrem Administrator in Salesforce festgelegt.
codes-org-codes = Die Codes Ihrer Org, für alle Agenten.

## One code in the list. $code is the code's own name, as the admin wrote it.
# A code no longer offered to agents.
codes-retired = { $code } (deaktiviert)
codes-rename = Umbenennen
codes-retire = Deaktivieren
# Offers a retired code again.
codes-restore = Reaktivieren
# The field where a code is renamed (read aloud).
codes-new-name = Neuer Name für { $code }
codes-save = Speichern
codes-cancel = Abbrechen

## Adding a code.
codes-new = Neuer Ergebniscode
    .placeholder = Neuer Code, z. B. Verkauf abgeschlossen
codes-add = Hinzufügen
