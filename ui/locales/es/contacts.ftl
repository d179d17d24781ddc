# Contactos: la búsqueda de contactos (encontrar a alguien y llamarle) y la tarjeta de sincronización de contactos con la configuración de identificación de llamantes.

## Búsqueda de contactos

search-label = Buscar un contacto
search-placeholder = Buscar un contacto: nombre, empresa o número
search-query-label = Buscar un contacto por nombre, empresa o cualquier parte de un número
# $query: lo que escribió el agente.
search-none = Nadie en la copia local coincide con «{ $query }».
search-no-number = Sin número de teléfono
search-call = Llamar
# $name: nombre del contacto; $label: qué número (Móvil, Teléfono …); $number: el número.
search-call-label = Llamar a { $name }, { $label }, { $number }
search-more = Hay más coincidencias: escriba más del nombre o del número para acotar la lista.

## Sincronización de contactos: estado

sync-label = Sincronización de contactos
sync-title = Contactos para identificar a los llamantes
sync-state-off = La sincronización está desactivada: cada llamada se identifica con una búsqueda en directo en el CRM
sync-state-waiting = Esperando una conexión con el CRM
sync-state-copying = Copiando los contactos por primera vez
sync-state-syncing = Sincronizando cambios
sync-state-idle = Al día
# Va detrás del número de registros guardados en este equipo. $n: ese número.
sync-records = { $n ->
        [one] contacto, candidato o cuenta personal en este equipo
       *[other] contactos, candidatos y cuentas personales en este equipo
    }

## Sincronización de contactos: progreso de la primera copia

sync-progress-label = Progreso de la copia
# $object: nombre del objeto en el CRM (Contact, Lead, Account u otro).
sync-progress-object = { $object ->
        [Contact] Contactos
        [Lead] Candidatos
        [Account] Cuentas
       *[other] { $object }
    }
# $object: los registros que se copian; $done: cuántos van; $rate: registros por segundo.
sync-progress-count = { $object }: { $done } · { $rate }/s
sync-progress-count-of = { $object }: { $done } de { $total } · { $rate }/s
sync-progress-eta = quedan unos { $seconds } s

## Sincronización de contactos: cuándo

# Le sigue cuánto hace (p. ej. «hace 42 s»).
sync-last-synced = Sincronizado por última vez
sync-never = Aún no sincronizado
# $when: cuándo (p. ej. «en 18 s» o «ahora»).
sync-next = próxima sincronización { $when }
sync-error = La última sincronización falló: { $error }. Ringside lo volverá a intentar; las llamadas se siguen identificando con una búsqueda en directo.
sync-now = Sincronizar ahora

## Sincronización de contactos: la cuota de API de la organización y el ritmo de consulta que permite

# $used: solicitudes de API de la organización en las últimas 24 horas; $max: su cuota diaria; $percent: la parte usada.
sync-budget-org = Uso de la API de la organización hoy: { $used } de { $max } ({ $percent } %)
sync-budget-org-unknown = Uso de la API de la organización: aún no se conoce
# $percent: la parte de la cuota de API que el administrador da a todas las instalaciones de Ringside juntas; $installs: instalaciones vistas en las últimas 24 horas; $n: ese número, para el plural.
sync-budget-share = Parte de Ringside: { $percent } % para { $n ->
        [one] { $installs } instalación
       *[other] { $installs } instalaciones
    }
# $interval: el tiempo entre consultas (sync-budget-interval).
sync-budget-polling-every = consulta cada { $interval }
sync-budget-polling-paused = consulta en pausa
sync-budget-interval = { $unit ->
        [seconds] { $n } s
        [minutes] { $n } min
       *[hours] { $n } h
    }
sync-budget-paused-org-reserve = La consulta espera: la organización ha entrado en el último 10 % de su cuota de API. Las llamadas se siguen registrando y los llamantes nuevos se siguen encontrando con la búsqueda.
sync-budget-paused-no-share = Su administrador no ha dado a Ringside ninguna parte de la cuota de API de la organización, así que no se consultan los contactos. Los llamantes se encuentran con la búsqueda.

## Sincronización de contactos: el relé de la organización de un centro grande (BUDGET-3)

# $url: la dirección del relé tal como la puso el administrador.
sync-relay-connecting = Conectando con el relé de la organización en { $url }
# $applied: registros recibidos hasta ahora.
sync-relay-snapshot = Recibiendo la copia de los contactos del relé de la organización: { $applied } registros hasta ahora
sync-relay-live = Siguiendo el relé de la organización: los cambios llegan en cuanto ocurren y no se consulta el CRM
# $why: las palabras de la propia conexión.
sync-relay-unreachable = No se puede llegar al relé de la organización ({ $why }). Mientras tanto, Ringside consulta el CRM dentro de su cuota y vuelve al relé en cuanto responda.

## Configuración de identificación de llamantes

sync-settings-label = Configuración de identificación de llamantes
sync-form-name = Identificación de llamantes
sync-keep-copy = Mantener una copia local de los contactos del CRM
sync-keep-copy-help = Desactivado: cada llamada busca en el CRM en directo (la ficha del llamante tarda más en aparecer).
sync-interval-label = Sincronizar cada (segundos)
sync-region-label = País para números sin +
sync-auto-create-label = Cuando nadie en el CRM tiene el número
sync-auto-create-lead = Crear un candidato
sync-auto-create-contact = Crear un contacto
sync-auto-create-off = No crear nada
sync-create-when-label = Cuándo crearlo
sync-create-when-ring = En cuanto suena la llamada
sync-create-when-answer = Cuando se contesta la llamada
sync-create-when-logged = Cuando Ringside registra la llamada
sync-create-when-help = Solo para las llamadas que registra Ringside: cuando el softphone del CRM registra una llamada, crea su propio registro.
sync-save = Guardar
sync-save-org = Guardar para la organización
sync-saved = Guardado.
