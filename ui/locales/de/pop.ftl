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
