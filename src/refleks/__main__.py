"""``python -m refleks`` does what the ``refleks`` command does."""

from refleks.cli import main

raise SystemExit(main())
