"""aligner: checks verksamhetsplaner against Helsingborg's målbild 2027 and inriktningar 2023–2026."""

__version__ = "0.1.0"
