# The disposition codes list (Settings tab): the codes agents pick when they wrap up a call.

codes-title = Códigos de resultado
codes-help = Los agentes eligen uno al hacer el cierre de una llamada. Los códigos retirados ya no se ofrecen y se conservan en las llamadas que ya los tienen.
# With an org connected: an agent only reads the codes; an admin edits them for everyone.
codes-set-by-admin = Estos códigos los establece su administrador en Salesforce.
codes-org-codes = Los códigos de su organización, para todos los agentes.

## One code in the list. $code is the code's own name, as the admin wrote it.
# A code no longer offered to agents.
codes-retired = { $code } (retirado)
codes-rename = Cambiar nombre
codes-retire = Retirar
# Offers a retired code again.
codes-restore = Restaurar
# The field where a code is renamed (read aloud).
codes-new-name = Nuevo nombre para { $code }
codes-save = Guardar
codes-cancel = Cancelar

## Adding a code.
codes-new = Nuevo código de resultado
    .placeholder = Nuevo código, p. ej., Venta cerrada
codes-add = Añadir
