"""``python -m nk_casualties``: see :mod:`nk_casualties._cli`."""

import sys

from ._cli import main

sys.exit(main())
