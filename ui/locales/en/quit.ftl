# Quitting from the window (Settings): closing the window keeps Ringside running.
quit-title = Quit
quit-explain = Closing the window keeps Ringside running and logging calls. To stop it, quit here or from the tray menu.
quit-button = Quit Ringside
