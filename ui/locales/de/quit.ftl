# Beenden aus dem Fenster (Einstellungen).
quit-title = Beenden
quit-explain = Wenn Sie das Fenster schließen, läuft Ringside weiter und protokolliert Anrufe. Zum Beenden nutzen Sie diese Schaltfläche oder das Tray-Menü.
quit-button = Ringside beenden
