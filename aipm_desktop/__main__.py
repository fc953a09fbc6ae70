"""Allow ``python -m aipm_desktop``."""

import sys

from aipm_desktop.app import main

sys.exit(main())
