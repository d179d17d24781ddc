# El selector de idioma en la configuración.
language-label = Idioma
language-system = Predeterminado del sistema ({ $name })
language-hint = Las fechas, horas y números también siguen el idioma. La bandeja y el título de la ventana cambian al momento.
