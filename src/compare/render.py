"""Stage 5: render the Briefing to HTML, PDF, Markdown and JSON.

Every format is drawn from the same `Briefing` model. Templates ship inside
the package (`compare.templates`); `--template-dir` overrides any of them by
file name. Autoescape is on for every template: article text is data, never
markup. Reports are written atomically (temporary file, then rename), so an
interrupted run never leaves a half-written report.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

from .errors import CompareError
from .models import AssessedClaim, AssessedGroup, Briefing

EXTENSIONS = {"pdf": ".pdf", "html": ".html", "md": ".md", "json": ".json"}
DEFAULT_REPORTS = Path("reports")


def render_html(briefing: Briefing, template_dir: Path | None = None) -> str:
    """The standalone HTML briefing (CSS inlined)."""
    env = _environment(template_dir)
    css = env.loader.get_source(env, "briefing.css")[0]
    return env.get_template("briefing.html").render(**_context(briefing), css=css)


def render_markdown(briefing: Briefing, template_dir: Path | None = None) -> str:
    """The briefing as GitHub-flavoured Markdown."""
    return _environment(template_dir).get_template("briefing.md.j2").render(**_context(briefing))


def render(briefing: Briefing, fmt: str, template_dir: Path | None = None) -> bytes:
    """One format's bytes."""
    if fmt == "json":
        return (briefing.to_json() + "\n").encode("utf-8")
    if fmt == "md":
        return render_markdown(briefing, template_dir).encode("utf-8")
    html = render_html(briefing, template_dir)
    if fmt == "html":
        return html.encode("utf-8")
    from .pdf import html_to_pdf

    return html_to_pdf(html)


def write_reports(
    briefing: Briefing,
    formats: Sequence[str],
    output: Path | str | None,
    template_dir: Path | None = None,
) -> list[Path]:
    """Render each format and write it atomically; the paths written.

    `output` None writes reports/<topic>.<ext>; "-" writes the one text format
    to stdout; a path is used as is for one format, as a stem for several.
    """
    if output == "-":
        if len(formats) != 1 or formats[0] == "pdf":
            raise CompareError("-o - writes one text format to stdout; pick --format html, md "
                               "or json, or give a file name")
        sys.stdout.write(render(briefing, formats[0], template_dir).decode("utf-8"))
        return []
    rendered = {fmt: render(briefing, fmt, template_dir) for fmt in formats}
    written = []
    for fmt, data in rendered.items():
        path = _target(briefing, fmt, output, several=len(formats) > 1)
        write_atomically(path, data)
        written.append(path)
    return written


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; reports are shared
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def columns(group: AssessedGroup) -> list[tuple[str, list[AssessedClaim]]]:
    """A group's claims split into one column per source, in order."""
    by_source: dict[str, list[AssessedClaim]] = {}
    for claim in group.claims:
        by_source.setdefault(claim.claim.sentence.source, []).append(claim)
    return list(by_source.items())


def date_range(briefing: Briefing) -> str:
    """'2024-08 to 2025-01-08' over the sources' publication dates."""
    dates = sorted(s.published for s in briefing.sources if s.published)
    if not dates:
        return ""
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"


def packaged_templates() -> Path:
    """The folder of the installed `compare.templates` package."""
    return Path(str(files("compare.templates")))


def _context(briefing: Briefing) -> dict:
    return {"b": briefing, "columns": columns, "date_range": date_range(briefing)}


def _environment(template_dir: Path | None) -> Environment:
    loaders = [FileSystemLoader(str(packaged_templates()))]
    if template_dir is not None:
        if not Path(template_dir).is_dir():
            raise CompareError(f"{template_dir}: no such template folder; fix --template-dir")
        loaders.insert(0, FileSystemLoader(str(template_dir)))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=False,
    )


def _target(briefing: Briefing, fmt: str, output: Path | str | None, several: bool) -> Path:
    extension = EXTENSIONS[fmt]
    if output is None:
        return DEFAULT_REPORTS / f"{briefing.topic.id}{extension}"
    path = Path(output)
    return path.with_suffix(extension) if several or not path.suffix else path
