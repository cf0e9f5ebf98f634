"""`python -m studio`: the Persona Studio command line."""
import sys

from studio.cli import main

if __name__ == "__main__":
    sys.exit(main())
