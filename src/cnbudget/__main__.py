"""``python -m cnbudget``: the same as the ``cnbudget`` command."""

import sys

from ._cli import main

sys.exit(main())
