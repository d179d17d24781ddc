# Presencia: el estado del agente en el CRM (Salesforce Omni-Channel) y en la
# telefonía, sincronizados según la asignación del administrador; la barra bajo
# la línea del CRM, el historial de la pestaña «Presencia» y la asignación tal como está.

## Estados de telefonía. Los estados propios de una plataforma se muestran con su nombre.
presence-phone-available = Disponible
presence-phone-away = Ausente
presence-phone-busy = Ocupado
presence-phone-after-call-work = Trabajo posterior a la llamada
presence-phone-on-a-call = En una llamada
presence-phone-offline = Desconectado
presence-crm-offline = Desconectado
presence-not-known = Aún no leído

## En qué lado está un estado.
presence-side-crm = CRM
presence-side-phone = Telefonía

## Por qué cambió un estado.
presence-cause-agent = establecido por usted
presence-cause-supervisor = establecido por un supervisor
presence-cause-push-timeout = establecido por Omni-Channel tras un trabajo no atendido
presence-cause-declined-work = establecido al rechazar usted un trabajo
presence-cause-platform = establecido por la plataforma de telefonía
presence-cause-login = al iniciar o cerrar sesión en la presencia
presence-cause-followed = Ringside siguió al otro lado
presence-cause-call-start = empezó una llamada
presence-cause-call-end = terminó una llamada
presence-cause-reconcile = Ringside volvió a poner de acuerdo ambos lados
presence-cause-read = encontrado al leerlo Ringside

## Qué pasó con un cambio que no se aplicó sin más.
presence-note-kept-for-after-call = hecho durante una llamada, aplicado después
presence-note-outdated = anterior al estado actual, ignorado
presence-note-not-applied = Ringside no pudo establecerlo tras varios intentos

## La barra bajo la línea del CRM.
presence-bar-label = Presencia
presence-crm-label = Estado en el CRM
presence-phone-label = Estado de telefonía
presence-sync-in-sync = Sincronizado
    .title = Sus estados en el CRM y en la telefonía coinciden con la asignación.
presence-sync-syncing = Sincronizando… ({ $n } en espera)
    .title = { $n ->
        [one] Un cambio de Ringside espera confirmación.
       *[other] { $n } cambios de Ringside esperan confirmación.
    }
presence-sync-apart = Sin sincronizar
    .title = Sus estados en el CRM y en la telefonía no coinciden con la asignación. «Sincronizar estado» los pone de acuerdo.
presence-sync-now = Sincronizar estado
    .title = Poner ahora ambos lados de acuerdo con la asignación
presence-off = La sincronización de presencia está desactivada. Su administrador la activa en Salesforce.

## La pestaña «Presencia»: el historial de cambios.
presence-history-title = Historial de presencia
presence-history-empty = Aún no hay cambios de presencia.
presence-history-what = { $side }: { $status }

## La pestaña «Presencia»: la asignación tal como la configuró el administrador (solo lectura).
presence-mapping-title = Asignación de presencia
presence-mapping-source = Configurado por su administrador en Salesforce (Ringside Settings y Ringside Presence Rules).
presence-mapping-off = La sincronización de presencia está desactivada: esta asignación se aplicará cuando su administrador la active.
presence-mapping-to-phone = Del CRM a la telefonía
presence-mapping-to-crm = De la telefonía al CRM
presence-mapping-no-rules = Sin reglas: cada estado toma el valor predeterminado de abajo.
presence-mapping-defaults = Valores predeterminados y llamadas
presence-mapping-to-phone-default = Cualquier otro estado del CRM pone la telefonía en
presence-mapping-crm-offline = Desconectado en el CRM pone la telefonía en
presence-mapping-to-crm-default = Cualquier otro estado de telefonía pone el CRM en
presence-mapping-leave-crm = Dejar el estado del CRM como está
presence-mapping-offline-note = Desconectarse en la telefonía nunca cambia el estado del CRM.
presence-mapping-on-call = Estado del CRM durante una llamada
presence-mapping-after-call = Después de una llamada y su cierre
presence-mapping-return-to-previous = Volver al estado anterior a la llamada
presence-mapping-next-status = Cambiar a { $status }
presence-mapping-stay = Dejar el estado como está
presence-mapping-ring-while-away = Ausente u Ocupado en un teléfono sin estados de agente
presence-mapping-ring-yes = Las llamadas siguen sonando
presence-mapping-ring-no = Las llamadas se rechazan
presence-mapping-warnings = Advertencias

## Canales de servicio, en una advertencia.
presence-channel-phone = voz
presence-channel-chat = chat
presence-channel-messaging = mensajería

## Lo que advierte la asignación.
presence-warning-mixed-channels = { $status } mezcla canales en directo: { $channels }. Una llamada y un chat pueden llegar al agente a la vez.
presence-warning-unknown-status = La asignación nombra { $status }, un estado que su organización ya no tiene.
presence-warning-unmapped = { $status } no está asignado: pone la telefonía en { $phone }.
presence-warning-on-call-not-busy = { $status }, el estado del CRM durante las llamadas, sigue enrutando trabajo: puede llegar trabajo nuevo durante una llamada.

## La pestaña Presencia: la asignación que edita un administrador de la org.
presence-edit-source = Es administrador: una vez guardada, esta asignación se aplica a todos los agentes de su org.
presence-edit-enabled = Sincronización de presencia
presence-edit-enabled-help = Mantiene sincronizados los estados de CRM y de telefonía de cada agente según esta asignación.
presence-edit-confirm-enable = La sincronización empieza de inmediato para todos los agentes al guardar. ¿Activar la sincronización de presencia?
presence-edit-confirm = Confirmar
presence-edit-cancel = Cancelar
presence-edit-add-rule = Añadir regla
presence-edit-remove = Quitar
presence-edit-remove-rule = Quitar la regla { $n }
presence-edit-rule-crm = Estado de CRM, regla { $n }
presence-edit-rule-phone = Estado de telefonía, regla { $n }
presence-edit-next-status = Siguiente estado tras las llamadas
presence-edit-next-none = Ningún estado siguiente
presence-edit-return-to-previous = Volver al estado anterior tras las llamadas
presence-edit-return-to-previous-help = Tras una llamada y su trabajo posterior, el estado que había antes de la llamada. No junto con un estado siguiente.
presence-edit-ring-while-away = Las llamadas suenan en Ausente u Ocupado
presence-edit-ring-while-away-help = Para un teléfono sin estados de agente; sin marcar, esas llamadas se rechazan.
presence-edit-save = Guardar asignación
presence-edit-saved = Guardado: la asignación se aplica a todos los agentes.
