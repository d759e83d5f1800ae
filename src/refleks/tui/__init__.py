"""The Textual interface. Nothing outside this package imports Textual."""
