"""The command line: thin click commands over the library.

Each command parses options, calls one library function and turns
`CompareError` into a one-line message with exit code 2 (see errors.py).
Everything printed goes through `_echo`, which shows control characters as
escapes: titles, article text and file names come from other people's files,
and an escape sequence in them must not drive the user's terminal.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import click

from . import __version__
from .errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, CompareError


class _FriendlyGroup(click.Group):
    """A click group that reports user errors as one line, never a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except click.ClickException as error:  # bad options: their values may hold escapes
            error.message = _printable(error.message)
            raise
        except CompareError as error:
            _echo(f"Error: {error}", err=True)
            sys.exit(EXIT_USAGE)
        except BrokenPipeError:  # `compare sources | head -1`: the reader has had enough
            _silence_stdout()
            sys.exit(EXIT_OK)
        except OSError as error:  # disk full, permission denied on the output...
            where = f"{error.filename}: " if error.filename else ""
            _echo(f"Error: {where}{error.strerror or error}; check that the folder exists and "
                  "is writable, or choose another --output", err=True)
            sys.exit(EXIT_USAGE)
        except KeyboardInterrupt:
            _echo("Interrupted; no report was written.", err=True)
            sys.exit(EXIT_INTERRUPTED)


#: Control characters (C0 but tab and newline, DEL, C1) and the bidirectional
#: overrides that reorder what a terminal shows.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _printable(text: object) -> str:
    """The text with control characters shown as escapes (ESC as \\x1b)."""
    return _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], str(text))


def _same_length_printable(text: str) -> str:
    """The text with each control character replaced by one visible character
    (C0 by its Control Pictures sign, ESC as ␛; DEL, C1 and bidirectional
    overrides by U+FFFD), so `text[start:end]` still slices out each claim;
    tabs, newlines and the CR of a CRLF stay."""
    def sign(match: re.Match[str]) -> str:
        char = match.group()
        if char == "\r" and text.startswith("\n", match.end()):
            return char
        return chr(0x2400 + ord(char)) if char < " " else "\ufffd"

    return _UNPRINTABLE.sub(sign, text)


def _echo(message: object = "", err: bool = False) -> None:
    """click.echo for text drawn from the corpus: never raw control characters."""
    click.echo(_printable(message), err=err)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush into the
    closed pipe does not print an error of its own."""
    with suppress(OSError, ValueError):  # not a real file (a test runner's buffer)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@contextmanager
def _user_templates(template_dir: Path | None) -> Iterator[None]:
    """A template from --template-dir is code: its errors are the user's to fix,
    so they become one line naming the template (and line) instead of a traceback."""
    try:
        yield
    except (CompareError, OSError, KeyboardInterrupt):
        raise
    except Exception as error:
        from jinja2 import TemplateError

        if template_dir is None and not isinstance(error, TemplateError):
            raise
        where = _template_line(error, template_dir) or str(template_dir or "a template")
        problem = " ".join(str(error).split()) or "no message"
        raise CompareError(f"{where}: the template failed ({error.__class__.__name__}: "
                           f"{problem}); fix the template or leave out --template-dir") from None


def _template_line(error: BaseException, template_dir: Path | None) -> str | None:
    """'file:line' of the template that raised, from Jinja's error or its traceback."""
    if getattr(error, "filename", None) and getattr(error, "lineno", None):
        return f"{error.filename}:{error.lineno}"
    if template_dir is None:
        return None
    root, found, frame = Path(template_dir).resolve(), None, error.__traceback__
    while frame is not None:
        name = frame.tb_frame.f_code.co_filename
        if Path(name).resolve().is_relative_to(root):
            found = f"{name}:{frame.tb_lineno}"
        frame = frame.tb_next
    return found


#: `-h` works like `--help` on every command.
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group(cls=_FriendlyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, prog_name="compare")
def cli() -> None:
    """Side-by-side briefings from a folder of articles about one story."""


FORMATS = ("pdf", "html", "md", "json")


def corpus_option(command):
    """The --corpus option shared by every command that reads a corpus."""
    return click.option(
        "--corpus", "corpus_dir", default="seeds", show_default=True,
        type=click.Path(file_okay=False, path_type=Path),
        help="Folder of articles (with optional sources.toml and topics.toml).",
    )(command)


def _split_formats(_ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]):
    """Accept `--format pdf,json` as well as `--format pdf --format json`."""
    formats = [f.strip().lower() for value in values for f in value.split(",") if f.strip()]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)} (choose from {', '.join(FORMATS)})")
    return tuple(dict.fromkeys(formats))


def _warn(warnings: tuple[str, ...]) -> int:
    """Print corpus warnings to stderr; the exit code they imply."""
    for warning in warnings:
        _echo(f"Warning: {warning}", err=True)
    return EXIT_PARTIAL if warnings else EXIT_OK


@cli.command()
@click.argument("topic")
@corpus_option
@click.option("--format", "formats", multiple=True, callback=_split_formats,
              help="pdf, html, md or json; repeat or comma-separate for several.  "
                   "[default: the extension of --output, else pdf]")
@click.option("--output", "-o", default=None,
              help="File to write (its extension picks the format), a folder ending in /, "
                   "or - for stdout. Default: reports/TOPIC.<format>.")
@click.option("--template-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder whose templates override the packaged ones.")
@click.option("--adhoc", is_flag=True, help="Treat TOPIC as free text even if it is one word.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
def topic(topic, corpus_dir, formats, output, template_dir, adhoc, quiet):
    """Write a side-by-side briefing on one topic.

    TOPIC is a codebook id from topics.toml, or free text in quotes.

    \b
    Example:
        compare topic kursk-leverage
        compare topic "death toll" --format md,json
    """
    from .pipeline import brief, load_corpus
    from .render import output_formats, write_reports

    formats = output_formats(formats, output)
    corpus = load_corpus(corpus_dir, progress=not quiet)
    briefing = brief(corpus, topic, adhoc=adhoc, progress=not quiet)
    with _user_templates(template_dir):
        written = write_reports(briefing, formats, output, template_dir)
    for path in written:
        _echo(f"wrote {path}", err=output == "-")
    if briefing.topic.adhoc and not any(s.covers_topic for s in briefing.sources):
        _echo(f"Note: no source addresses {topic!r}. A two-word topic misses about a third "
                   "of the articles that address it (README, Alignment quality); try other "
                   "wordings before concluding the corpus is silent.", err=True)
    sys.exit(_warn(corpus.warnings))


@cli.command()
@corpus_option
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
def topics(corpus_dir, quiet):
    """List the codebook's topics and how many sources cover each.

    \b
    Example:
        compare topics --corpus seeds
    """
    from .pipeline import load_corpus, topic_coverage

    corpus = load_corpus(corpus_dir, progress=not quiet)
    if not corpus.topics:
        raise CompareError(
            f"{corpus_dir / 'topics.toml'}: no codebook; add one (see README, 'The corpus folder') "
            'or brief free text: compare topic "your question"'
        )
    covered = topic_coverage(corpus, progress=not quiet)
    total = len(corpus.documents)
    width = max(len(t.id) for t in corpus.topics)
    for entry in corpus.topics:
        count = len(covered.get(entry.id, ()))
        _echo(f"{entry.id:<{width}}  {count}/{total} sources  {entry.title}")
    sys.exit(_warn(corpus.warnings))


@cli.command()
@corpus_option
@click.option("--text", "text_id", metavar="ID", default=None,
              help="Print the text of source ID exactly as its offsets index it "
                   "(for HTML, PDF and JSONL: the extracted text; a control character "
                   "shows as one visible sign).")
def sources(corpus_dir, text_id):
    """List the corpus's articles with their metadata.

    A value marked * was inferred from the document, not read from sources.toml;
    - means unknown. With --text ID, print that source's text instead: a
    briefing's `chars START–END` are offsets into it.

    \b
    Example:
        compare sources --corpus seeds
        compare sources --corpus seeds --text focus-2025
    """
    from .ingest import describe_sources
    from .pipeline import load_corpus

    corpus = load_corpus(corpus_dir)
    if text_id is not None:
        document = next((d for d in corpus.documents if d.meta.id == text_id), None)
        if document is None:
            raise CompareError(f"{corpus_dir}: no source with id {text_id!r}; the ids are "
                               + ", ".join(d.meta.id for d in corpus.documents))
        click.echo(_same_length_printable(document.text), nl=False)
        sys.exit(_warn(corpus.warnings))
    for row in describe_sources(corpus):
        inferred = set(row.get("inferred", ()))
        _echo(f"{row['id']}  ({row['path']})")
        for field in ("title", "outlet", "author", "published", "genre", "url", "language"):
            value = row.get(field) or "-"
            mark = "*" if field in inferred else ""
            _echo(f"    {field:<9} {value}{mark}")
    sys.exit(_warn(corpus.warnings))


# Commands are added below, one function each. Keep them thin: parse options,
# call one library function, print.


@cli.command(name="brief")
@click.option("--all", "all_topics", is_flag=True, required=True,
              help="One briefing per codebook topic, plus an index.")
@corpus_option
@click.option("--format", "formats", multiple=True, callback=_split_formats,
              help="pdf, html, md or json; repeat or comma-separate for several.  [default: pdf]")
@click.option("--output", "-o", "output_dir", default="reports", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder to write into.")
@click.option("--template-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder whose templates override the packaged ones.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bars.")
def brief_command(all_topics, corpus_dir, formats, output_dir, template_dir, quiet):
    """Write a briefing for every topic of the codebook, and an index.

    \b
    Example:
        compare brief --all
        compare brief --all --format html,md -o seminar/
    """
    from .pipeline import brief_all, load_corpus
    from .render import write_all

    corpus = load_corpus(corpus_dir, progress=not quiet)
    if not corpus.topics:
        raise CompareError(f"{corpus_dir / 'topics.toml'}: no codebook; add one (see README, "
                           "'The corpus folder') or use `compare topic` with free text")
    briefings = brief_all(corpus, progress=not quiet)
    with _user_templates(template_dir):
        written = write_all(briefings, formats or ("pdf",), output_dir, template_dir)
    for path in written:
        _echo(f"wrote {path}")
    sys.exit(_warn(corpus.warnings))


@cli.command("relate")
@click.option("--input", "input_path", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help='JSONL file, one {"id", "claim", "text"} object per line.')
@click.option("--output", "-o", default="-", show_default=True,
              help="JSONL file to write (- for stdout).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def relate_command(input_path, output, quiet):
    """Label how each text relates to its claim: agree, disagree, discuss, unrelated.

    Writes one {"id", "label", "score"} line per input line.

    \b
    Example:
        compare relate --input pairs.jsonl --output labels.jsonl
    """
    import json

    from .relate import read_pairs, relate_many

    pairs = read_pairs(input_path)
    relations = relate_many(((c, t) for _, c, t in pairs), progress=not quiet)
    with click.open_file(output, "w", encoding="utf-8", atomic=output != "-") as handle:
        for (pair_id, _, _), relation in zip(pairs, relations, strict=True):
            handle.write(json.dumps({"id": pair_id, "label": relation.label,
                                     "score": round(relation.score, 4)}) + "\n")


@cli.command(name="add")
@click.argument("items", nargs=-1, required=True)
@click.option("--corpus", "corpus_dir", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder to add to (created if missing). Required, so nothing is ever "
                   "written by accident into the shipped seeds/.")
def add_command(items, corpus_dir):
    """Copy files or download URLs into the corpus and record them in sources.toml.

    Each article is read first: one that compare could not read is not added.
    Metadata guessed from the article is marked as inferred; edit sources.toml
    to correct it.

    \b
    Example:
        compare add saved-page.html report.pdf --corpus mycorpus
        compare add https://example.org/article --corpus mycorpus
    """
    from .ingest import add_to_corpus
    from .render import count as _count

    added, warnings = add_to_corpus(items, corpus_dir)
    for path, meta in added:
        _echo(f"added {path} as {meta.id}")
    if added:
        files = len({str(path).split("#")[0] for path, _meta in added})
        _echo(f"{_count(len(added), 'article')} from {_count(files, 'file')} recorded in "
              f"{corpus_dir / 'sources.toml'}")
    if not added:
        raise CompareError("nothing was added: " + "; ".join(warnings))
    sys.exit(_warn(tuple(warnings)))


@cli.command(name="audit")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for reading, json for tools.")
def audit_command(file, output_format):
    """Print an article's sentences with their flags and reasons.

    A one-article audit to run before citing it: which sentences are
    attributed, hedged, opinion, or unsupported, and why.

    \b
    Example:
        compare audit seeds/002_a6f5392b01b07e74.txt
        compare audit article.txt --format json
    """
    import json

    from .assess import audit
    from .ingest import read_document
    from .segment import segment

    audited = audit(segment(read_document(file)))
    if output_format == "json":
        rows = [{"paragraph": s.paragraph, "start": s.start, "end": s.end, "text": s.text,
                 "flags": list(a.flags), "reasons": list(a.reasons), "speaker": a.speaker,
                 "attribution": a.attribution} for s, a in audited]
        # JSON escapes C0 itself; C1 and bidirectional overrides become \uXXXX too
        # (the structure is ASCII, so they can only stand inside strings)
        click.echo(_UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}",
                                    json.dumps(rows, ensure_ascii=False, indent=2)))
        return
    for sentence, assessment in audited:
        flags = ", ".join(assessment.flags) or "-"
        _echo(f"¶{sentence.paragraph:<3} [{flags}] {sentence.text}")
        for flag, reason in zip(assessment.flags, assessment.reasons, strict=True):
            _echo(f"       {flag}: {reason}")


def main() -> None:
    """Console-script entry point (also `python -m compare`; a Ctrl-C while
    click starts up ends quietly too)."""
    try:
        cli(prog_name="compare")
    except KeyboardInterrupt:
        _echo("Interrupted; no report was written.", err=True)
        sys.exit(EXIT_INTERRUPTED)
