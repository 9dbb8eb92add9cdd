"""Entry point for `python -m housing_monitor`."""

import sys

from .cli import main

sys.exit(main())
