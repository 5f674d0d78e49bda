"""``python -m briefbook`` is the ``briefbook`` command."""

import sys

from briefbook.cli import main

sys.exit(main())
