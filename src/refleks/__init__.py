"""refleks — a terminal self-reflection coach for recovery-oriented practice."""

__version__ = "0.1.0"
