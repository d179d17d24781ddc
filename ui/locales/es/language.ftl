# El selector de idioma en la configuración.
language-label = Idioma
language-system = Predeterminado del sistema ({ $name })
language-hint = Las fechas, horas y números también siguen el idioma. La bandeja y el título de la ventana cambian al momento.
# The pick could not be written to disk (the engine's reason follows).
language-not-saved = El idioma se aplica ahora, pero no se pudo guardar para el próximo inicio.
