"""`python -m compare` runs the command line, exactly like `compare`."""

from .cli import main

main()
