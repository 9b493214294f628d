"""`python -m compare` runs the command line, exactly like `compare`."""

from ._launch import main

main()
