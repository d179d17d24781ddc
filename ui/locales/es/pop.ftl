# The screen pop inside a call's card (CallerPop): who is calling, or a picker when several records share the number.

## While the caller is looked up, or when nobody matches

pop-searching = No está en los contactos sincronizados; buscando en el CRM…
pop-no-number = No hay número del llamante para buscar.
# In bold, before why nobody matched (the engine's reason, or pop-nobody).
pop-unknown = Llamante desconocido.
pop-nobody = Nadie en el CRM tiene este número.
# $object is the kind of record being made: "Contact" or "Lead".
pop-creating = { $object ->
    [Lead] Se está creando un nuevo candidato en el CRM.
   *[Contact] Se está creando un nuevo contacto en el CRM.
}


## Why nobody is shown and no record was made (MATCH-2/6). $object: "Contact" or "Lead". What the CRM or the computer said may follow, as it came.

pop-will-create-ring = { $object ->
    [Lead] Nadie tiene este número: se está creando un nuevo candidato.
   *[Contact] Nadie tiene este número: se está creando un nuevo contacto.
}
pop-will-create-answer = { $object ->
    [Lead] Nadie tiene este número: se creará un nuevo candidato cuando se atienda la llamada.
   *[Contact] Nadie tiene este número: se creará un nuevo contacto cuando se atienda la llamada.
}
pop-will-create-logged = { $object ->
    [Lead] Nadie tiene este número: se creará un nuevo candidato cuando Ringside registre la llamada.
   *[Contact] Nadie tiene este número: se creará un nuevo contacto cuando Ringside registre la llamada.
}
pop-not-made-unanswered = Nadie tiene este número. No se creó ningún registro, porque la llamada no fue atendida.
pop-not-made-not-ours = Nadie tiene este número. No se creó ningún registro, porque Ringside no registra esta llamada.
pop-search-failed = No se pudo buscar en el CRM, así que no se creó ningún registro (puede que el llamante exista):
pop-no-crm = No hay ningún CRM conectado en el que buscar, así que no se creó ningún registro.
pop-not-queued = { $object ->
    [Lead] No se pudo guardar el nuevo candidato para crearlo:
   *[Contact] No se pudo guardar el nuevo contacto para crearlo:
}
pop-not-created = El CRM no creó ningún registro para este llamante:

## One record matches ($owner: the record owner's name; $field: which phone field, e.g. "Mobile"; $number: the number as the record holds it)

pop-owner = Propietario: { $owner }
pop-matched-on = Coincidencia en { $field }: { $number }
# Why this record was chosen, after the facts above.
pop-from-record = llamada iniciada desde este registro
pop-created-for-call = creado para esta llamada

## Several records match: the picker

# $n: how many records have the number (always 2 or more).
pop-picker-legend = { $n ->
    [one] { $n } registro tiene este número.
   *[other] { $n } registros tienen este número.
} La llamada se registra en el que elija (predeterminado: el creado primero).
# Tag on the record created first (the default choice).
pop-first-created = creado primero
pop-no-company = Sin empresa
pop-owner-unknown = Propietario desconocido
# $date: the day the record was created, e.g. "Jan 5, 2025".
pop-created = creado el { $date }
pop-option-matched-on = coincidencia en { $field }: { $number }
