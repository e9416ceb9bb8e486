"""``python -m rubrics``: see :mod:`rubrics.cli`."""

from .cli import main

raise SystemExit(main())
