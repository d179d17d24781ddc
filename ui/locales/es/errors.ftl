# Errores y problemas del motor: el titular de cada código. El mensaje en inglés del motor aparece al lado, en pequeño.

## Errores: el motor rechazó una petición.
error-unknown-call = Esa llamada ya no se conoce.
error-checkbox-not-offered = «No registrar la llamada» no está disponible.
error-invalid-setting = Esta configuración no es válida.
error-invalid-number = Este número de teléfono no es válido.
error-store-failed = Ringside no pudo guardar en su archivo de datos.
error-connector-unavailable = El softphone no está disponible.
error-demo-unavailable = Las llamadas de demostración no están disponibles.
error-engine-stopped = El motor de Ringside se ha detenido.
error-invalid-input = Corrija este dato.
error-not-wrappable = Esta llamada no tiene ningún registro para el cierre.
error-crm-not-connected = No hay ningún CRM conectado.
error-crm-failed = El CRM rechazó la petición.
error-keychain-unavailable = El llavero del sistema no está disponible.
error-calls-in-progress = No es posible mientras haya llamadas en curso.
error-nothing-to-do = No hay ninguna llamada para este atajo de teclado.
error-disk-full = El disco está lleno. No se pierde nada; libere espacio.
error-set-in-org = Esto lo establece su administrador en la organización.
error-another-call-in-conversation = Hay otra llamada en conversación: póngala en espera primero.

## Problemas: se muestran al agente o al administrador hasta que se resuelven.
problem-data-file-set-aside = No se pudo leer el archivo de datos de Ringside y se apartó.
problem-settings-invalid = La configuración guardada no es válida: se usan los valores predeterminados.
problem-caller-settings-invalid = La configuración guardada de identificación de llamantes no es válida: se usan los valores predeterminados.
problem-phone-settings-invalid = El softphone guardado no se puede usar: se usa el softphone de demostración.
problem-store-failed = Ringside no pudo guardar en su archivo de datos.
problem-disk-full = El disco está lleno. No se pierde nada; el guardado espera a que haya espacio.
problem-calls-unsaved = Las llamadas finalizadas se conservan en memoria hasta que puedan guardarse.
problem-contact-store-unavailable = No se puede abrir la copia de contactos: los llamantes se buscan en directo.
problem-attribution-failed = No se pudo vincular una llamada con su llamante.
problem-caller-not-created = No se pudo crear un nuevo registro de llamante.
problem-phone-command-failed = El softphone rechazó una orden de llamada.
problem-do-not-log-not-sent = «No registrar la llamada» no pudo llegar al softphone.
problem-crm-account-not-saved = No se pudo recordar ni olvidar la cuenta del CRM.
problem-disconnect-unclean = La organización se desconectó, pero no por completo.
problem-shortcuts-refused = El escritorio rechazó los atajos de teclado globales.
problem-quit-held = Ringside sigue abierto: las llamadas finalizadas aún no se han guardado.
problem-keychain-unavailable = El llavero del sistema no está disponible: no se puede iniciar sesión en su organización.

## El aviso de error, y una respuesta del motor que la ventana no esperaba.
error-dismiss = Cerrar
error-unexpected-response = respuesta inesperada
