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
