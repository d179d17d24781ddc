# Why the phone is not connected (Settings › Softphone, and the status bar's tooltip). What the platform said may follow, as it came.

## What the network said. Each completes "…: { $cause }" in the sentences below.

link-cause-nothing-listening = no hay nada escuchando en esa dirección
link-cause-no-answer = no respondió a tiempo
link-cause-cut = la conexión se cortó
link-cause-address-not-ours = este equipo no puede usar esa dirección
link-cause-not-allowed = este equipo no permite la conexión
link-cause-no-route = la red no llega a esa dirección
link-cause-no-such-address = esa dirección no existe
# $status: the HTTP status code it answered with, e.g. 404.
link-cause-not-an-event-socket = respondió HTTP { $status } en lugar de abrir el socket de eventos (compruebe la dirección)
link-cause-certificate-refused = no se aceptó su certificado TLS
link-cause-not-a-websocket-url = la dirección no es una URL ws:// o wss://
link-cause-closed = la conexión se cerró
link-cause-failed = la conexión falló

## The sentences. $address: host and port, or a ws:// URL; $cause: one of the above; $seconds: a number.

link-unreachable-baresip = No se puede llegar al socket de control de baresip en { $address }: { $cause }. ¿Está baresip en marcha, con el módulo ctrl_tcp cargado y escuchando ahí?
link-unreachable-platform = No se puede llegar a la plataforma del centro de contacto en { $address }: { $cause }.
link-lost-baresip = La conexión con baresip terminó: { $cause }.
link-lost-platform = La conexión con la plataforma del centro de contacto terminó: { $cause }.
link-silent-baresip = Ninguna noticia de baresip desde hace { $seconds } s.
link-silent-platform = Ninguna noticia de la plataforma del centro de contacto desde hace { $seconds } s.
# $reason: the platform's own error code, e.g. unknown_agent. Its message follows.
link-refused = La plataforma del centro de contacto rechazó Ringside ({ $reason }):
link-out-of-turn = La plataforma del centro de contacto no respondió en su protocolo:
link-taken-over = Otro programa se conecta una y otra vez al socket de control de baresip, y baresip solo atiende a uno: ciérrelo.
link-bad-address = La dirección del teléfono no se puede usar:
