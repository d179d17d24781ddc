# The screen pop inside a call's card (CallerPop): who is calling, or a picker when several records share the number.

## While the caller is looked up, or when nobody matches

pop-searching = Nicht in den synchronisierten Kontakten; das CRM wird durchsucht…
pop-no-number = Keine Rufnummer des Anrufers zum Abgleichen.
# In bold, before why nobody matched (the engine's reason, or pop-nobody).
pop-unknown = Unbekannter Anrufer.
pop-nobody = Niemand im CRM hat diese Nummer.
# $object is the kind of record being made: "Contact" or "Lead".
pop-creating = { $object ->
    [Lead] Ein neuer Lead wird im CRM angelegt.
   *[Contact] Ein neuer Kontakt wird im CRM angelegt.
}


## Why nobody is shown and no record was made (MATCH-2/6). $object: "Contact" or "Lead". What the CRM or the computer said may follow, as it came.

pop-will-create-ring = { $object ->
    [Lead] Niemand hat diese Nummer: Ein neuer Lead wird angelegt.
   *[Contact] Niemand hat diese Nummer: Ein neuer Kontakt wird angelegt.
}
pop-will-create-answer = { $object ->
    [Lead] Niemand hat diese Nummer: Ein neuer Lead wird angelegt, wenn der Anruf angenommen wird.
   *[Contact] Niemand hat diese Nummer: Ein neuer Kontakt wird angelegt, wenn der Anruf angenommen wird.
}
pop-will-create-logged = { $object ->
    [Lead] Niemand hat diese Nummer: Ein neuer Lead wird angelegt, wenn Ringside den Anruf protokolliert.
   *[Contact] Niemand hat diese Nummer: Ein neuer Kontakt wird angelegt, wenn Ringside den Anruf protokolliert.
}
pop-not-made-unanswered = Niemand hat diese Nummer. Es wurde kein Datensatz angelegt, da der Anruf nicht angenommen wurde.
pop-not-made-not-ours = Niemand hat diese Nummer. Es wurde kein Datensatz angelegt, da Ringside diesen Anruf nicht protokolliert.
pop-search-failed = Das CRM konnte nicht durchsucht werden, daher wurde kein Datensatz angelegt (der Anrufer existiert vielleicht):
pop-no-crm = Kein CRM zum Durchsuchen verbunden, daher wurde kein Datensatz angelegt.
pop-not-queued = { $object ->
    [Lead] Der neue Lead konnte nicht zum Anlegen gespeichert werden:
   *[Contact] Der neue Kontakt konnte nicht zum Anlegen gespeichert werden:
}
pop-not-created = Das CRM hat keinen Datensatz für diesen Anrufer angelegt:

## One record matches ($owner: the record owner's name; $field: which phone field, e.g. "Mobile"; $number: the number as the record holds it)

pop-owner = Inhaber { $owner }
pop-matched-on = Gefunden über { $field }: { $number }
# Why this record was chosen, after the facts above.
pop-from-record = aus diesem Datensatz angerufen
pop-created-for-call = für diesen Anruf angelegt

## Several records match: the picker

# $n: how many records have the number (always 2 or more).
pop-picker-legend = { $n ->
    [one] { $n } Datensatz hat diese Nummer.
   *[other] { $n } Datensätze haben diese Nummer.
} Der Anruf wird bei dem Datensatz protokolliert, den Sie auswählen (Standard: der zuerst angelegte).
# Tag on the record created first (the default choice).
pop-first-created = zuerst angelegt
pop-no-company = Kein Unternehmen
pop-owner-unknown = Inhaber unbekannt
# $date: the day the record was created, e.g. "Jan 5, 2025".
pop-created = angelegt am { $date }
pop-option-matched-on = gefunden über { $field }: { $number }
