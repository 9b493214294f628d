"""The command line: thin click commands over the library.

Each command parses options, calls one library function and turns
`CompareError` into a one-line message with exit code 2 (see errors.py).
"""

from __future__ import annotations

import sys

import click

from . import __version__
from .errors import EXIT_USAGE, CompareError


class _FriendlyGroup(click.Group):
    """A click group that reports user errors as one line, never a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except CompareError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(EXIT_USAGE)


@click.group(cls=_FriendlyGroup)
@click.version_option(__version__, prog_name="compare")
def cli() -> None:
    """Side-by-side briefings from a folder of articles about one story."""


# Commands are added below, one function each. Keep them thin: parse options,
# call one library function, print.


def main() -> None:
    """Console-script entry point."""
    cli()
