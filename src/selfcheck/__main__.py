"""Entry point of ``python -m selfcheck``."""

import sys

from ._cli import main

sys.exit(main())
