"""A calm default theme with good contrast; Textual's own themes stay one key away."""

from textual.theme import Theme

CALM = Theme(
    name="refleks-calm",
    primary="#5B8A72",  # a muted green: growth, not alarm
    secondary="#7A8FA6",
    accent="#D9A066",
    foreground="#E6E4DF",
    background="#1E2326",
    surface="#262C30",
    panel="#2F373C",
    success="#7FB38F",
    warning="#D9A066",
    error="#D27B72",
    dark=True,
)
