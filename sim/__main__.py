"""Allow ``python -m sim`` (the same entry point as the ``laborsim`` command)."""

import sys

from sim.entry_point import main

sys.exit(main())
