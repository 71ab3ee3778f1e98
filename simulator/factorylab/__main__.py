"""``python -m factorylab`` runs the ``factorylab`` command."""

from .cli import main

raise SystemExit(main())
