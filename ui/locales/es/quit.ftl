# Salir desde la ventana (configuración).
quit-title = Salir
quit-explain = Al cerrar la ventana, Ringside sigue en marcha y registrando llamadas. Para detenerlo, salga aquí o desde el menú de la bandeja.
quit-button = Salir de Ringside
