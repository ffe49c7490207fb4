"""``python -m titlekit.train``: train the slot recogniser and write it into the package."""

import sys

from .train import main

sys.exit(main())
