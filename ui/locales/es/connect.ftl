# La pestaña «Conexión con el CRM»: iniciar sesión en una organización de Salesforce o usar el CRM sandbox integrado.

connect-section = Conexión con el CRM

## Conectado: quién ha iniciado sesión, y desconectar.

connect-connected = Conectado
connect-where = { $place } · organización { $org }
connect-no-external-id-before = Esta organización no tiene el campo de ID externo
connect-no-external-id-after = en el objeto Task. Antes de escribir, Ringside busca la Task de cada llamada por CallObject; pida a su administrador que añada el campo para que los reintentos sean lo más seguros posible.
connect-confirm-sandbox = ¿Dejar de escribir en el sandbox? Las llamadas esperan en la bandeja de salida hasta que se vuelva a conectar.
connect-confirm-org = ¿Cerrar sesión en esta organización? Ringside revoca su acceso y elimina el token del llavero del sistema. Las llamadas esperan en la bandeja de salida hasta que se vuelva a conectar.
connect-disconnect = Desconectar
connect-keep-connected = Mantener conectado
connect-disconnect-ask = Desconectar…

## Iniciar sesión en una organización de Salesforce.

connect-org-title = Organización de Salesforce
connect-org-address = Dirección de la organización
    .placeholder = https://suempresa.my.salesforce.com
connect-org-address-hint = https://login.salesforce.com, https://test.salesforce.com para un sandbox de Salesforce, o la dirección de su My Domain.
connect-connected-app = Aplicación conectada
connect-consumer-key = Clave de consumidor
    .placeholder = ringside-desktop
connect-callback-port = Puerto de callback en 127.0.0.1
connect-callback-port-invalid = El puerto de callback es un número del 1024 al 65535 (déjelo vacío para usar el 53682).
connect-sign-in = Iniciar sesión en el navegador
connect-sign-in-hint = Su navegador abre la página de inicio de sesión de la organización. El token se guarda solo en el llavero del sistema.
connect-failed-sign-in = El inicio de sesión no funcionó: { $reason }
connect-failed-sandbox = El CRM integrado no se inició: { $reason }
connect-browser-error = El navegador no se abrió: { $error }. Abra esta dirección en un navegador de este equipo para iniciar sesión:
connect-finish-in-browser = Termine de iniciar sesión en su navegador. Si no se abrió, copie esta dirección en uno:
connect-sign-in-address = Dirección de inicio de sesión
connect-copy-link = Copiar enlace
connect-copied = Copiado

## El CRM sandbox integrado (datos de demostración en este equipo).

connect-sandbox-title = CRM sandbox integrado
connect-sandbox-about = Contactos, casos y usuarios de demostración en este equipo; no se necesita ninguna cuenta.
connect-use-sandbox = Usar el sandbox
