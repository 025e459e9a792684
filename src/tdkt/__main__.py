import sys

from tdkt.cli import main

sys.exit(main())
