"""Entry point for `python -m housing_monitor`."""

import sys

from housing_monitor.cli.main import main

sys.exit(main())
