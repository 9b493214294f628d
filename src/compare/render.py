"""Stage 5: render the Briefing to HTML, PDF, Markdown, JSON and BibTeX.

Every format is drawn from the same `Briefing` model. The derived views a
seminar needs (key takeaways, agreement matrix, coverage gaps, discussion
questions, per-source counts, highlighted cue words) are computed here from
the model, so each format shows the same facts and the JSON contract stays
as it is.

Templates ship inside the package (`compare.templates`); `--template-dir`
overrides any of them by file name. Autoescape is on for every template:
article text is data, never markup. Reports are written atomically
(temporary file, then rename), so an interrupted run never leaves a
half-written report.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from ._cache import replace_atomically
from .errors import CompareError
from .models import (
    FLAG_ATTRIBUTED,
    FLAG_HEDGED,
    FLAG_OPINION,
    FLAG_UNSUPPORTED,
    AssessedClaim,
    AssessedGroup,
    Briefing,
    BriefingSource,
)
from .settings import (
    RENDER_MAX_DISCUSSION_QUESTIONS,
    RENDER_MAX_TAKEAWAYS,
    RENDER_TAKEAWAY_QUOTE_CHARS,
)

EXTENSIONS = {"pdf": ".pdf", "html": ".html", "md": ".md", "json": ".json"}
TEXT_FORMATS = ("html", "md", "json")
DEFAULT_REPORTS = Path("reports")

#: Matrix cell states: a source's claims in a group of that relation, or none.
CELL_AGREE, CELL_DIVERGE, CELL_SOLE, CELL_SILENT = "agree", "diverge", "single", "silent"
_CELL_BY_RELATION = {"agreement": CELL_AGREE, "divergence": CELL_DIVERGE,
                     "single-source": CELL_SOLE}

#: The words inside '...' in an assessor's reason are the cue it matched
#: ("'likely' marks it as uncertain"); highlighting exactly those keeps the
#: highlight honest: it shows what the tool reacted to, nothing more.
_QUOTED_CUE = re.compile(r"'([^']{2,80})'")
#: Figures are decisive words of their own (casualty counts, square kilometres).
_FIGURE = re.compile(r"\b\d[\d,.]*(?:\s?(?:%|per ?cent|percent))?")
_CUE_CLASS = {FLAG_ATTRIBUTED: "cue-attribution", FLAG_HEDGED: "cue-hedge",
              FLAG_UNSUPPORTED: "cue-unsupported", FLAG_OPINION: "cue-opinion"}


# --- public rendering API -----------------------------------------------------


def render_html(briefing: Briefing, template_dir: Path | None = None) -> str:
    """The standalone HTML briefing (CSS inlined, no external resource)."""
    env = _environment(template_dir)
    return env.get_template("briefing.html").render(**context(briefing), css=_stylesheet(env))


def render_markdown(briefing: Briefing, template_dir: Path | None = None) -> str:
    """The briefing as GitHub-flavoured Markdown."""
    env = _environment(template_dir, markdown=True)
    return env.get_template("briefing.md.j2").render(**context(briefing))


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


def output_formats(formats: Sequence[str], output: Path | str | None) -> tuple[str, ...]:
    """The formats to write: those asked for, else the one `output`'s extension names.

    `-o brief.html` with no `--format` writes HTML; with no format and no
    extension the briefing is a PDF, and an extension that names no format
    (`-o brief.txt`) is refused rather than guessed. A format that contradicts the
    extension (`--format pdf -o brief.html`) is an error rather than a file
    whose name lies about its content.
    """
    by_extension = {ext: fmt for fmt, ext in EXTENSIONS.items()}
    named, suffix = None, ""
    if output not in (None, "-") and not _is_folder(output):
        suffix = Path(output).suffix.lower()
        named = by_extension.get(suffix)
    if not formats:
        if suffix and not named:
            raise CompareError(f"{output}: {suffix} is not a briefing format; end the name in "
                               ".pdf, .html, .md or .json, or give --format")
        return (named,) if named else ("pdf",)
    if named and named not in formats:
        raise CompareError(f"{output}: the extension says {named} but --format asks for "
                           f"{', '.join(formats)}; change the file name or the format")
    return tuple(formats)


def write_reports(
    briefing: Briefing,
    formats: Sequence[str],
    output: Path | str | None,
    template_dir: Path | None = None,
) -> list[Path]:
    """Render each format and write it atomically; the paths written.

    `output` None writes reports/<topic>.<ext>; "-" writes the one text format
    to stdout; a folder (an existing one, or a path ending in "/") receives
    <topic>.<ext>; another path is used as is for one format (a name without
    a suffix gets the format's), as a stem for several. A PDF or HTML report
    gets its bibliography as `<stem>.bib` and `<stem>.csl.json` beside it.
    Everything is rendered before anything is written, so a failure in any
    format leaves no report at all.
    """
    if output == "-":
        if len(formats) != 1 or formats[0] not in TEXT_FORMATS:
            raise CompareError("-o - writes one text format to stdout; pick --format html, md "
                               "or json, or give a file name")
        sys.stdout.write(render(briefing, formats[0], template_dir).decode("utf-8"))
        return []
    several = len(formats) > 1
    rendered = {_target(briefing, fmt, output, several): render(briefing, fmt, template_dir)
                for fmt in formats}
    bib_beside = [path for path in rendered if path.suffix.lower() in (".pdf", ".html")]
    if bib_beside:
        rendered[bib_beside[0].with_suffix(".bib")] = render_bibtex(briefing).encode("utf-8")
        rendered[bib_beside[0].with_suffix(".csl.json")] = render_csl(briefing).encode("utf-8")
    for path, data in rendered.items():
        write_atomically(path, data)
    return list(rendered)


def write_all(
    briefings: Sequence[Briefing],
    formats: Sequence[str],
    directory: Path | str | None = None,
    template_dir: Path | None = None,
) -> list[Path]:
    """One briefing per topic in `directory` plus an index listing them.

    The index is index.html when HTML or PDF is written, index.md when
    Markdown is, so it links to files that exist.
    """
    folder = Path(directory) if directory is not None else DEFAULT_REPORTS
    for briefing in briefings:  # all checked before any is written
        ident = briefing.topic.id  # a file name inside `folder`, never a path out of it
        if Path(ident).name != ident or ident in ("", ".", ".."):
            raise CompareError(f"topic id {ident!r} is not a file name; make it a slug "
                               "(lower-case letters, digits, hyphens)")
    written: list[Path] = []
    for briefing in briefings:
        stem = folder / briefing.topic.id
        written += write_reports(briefing, formats, stem if len(formats) > 1 else
                                 stem.with_suffix(EXTENSIONS[formats[0]]), template_dir)
    entries = [_index_entry(b, formats) for b in briefings]
    index_views = {"html": "index.html", "md": "index.md.j2"}
    wanted = {"html" if f in ("pdf", "html") else f for f in formats} & set(index_views)
    for fmt in sorted(wanted):
        env = _environment(template_dir, markdown=fmt == "md")
        text = env.get_template(index_views[fmt]).render(entries=entries, formats=formats,
                                                         briefings=briefings, count=count)
        path = folder / f"index{EXTENSIONS[fmt]}"
        write_atomically(path, text.encode("utf-8"))
        written.append(path)
    return written


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename over it (an error
    names `path`; the file gets the umask's mode, not mkstemp's 0600)."""
    replace_atomically(path, data)


def packaged_templates() -> Path:
    """The folder of the installed `compare.templates` package."""
    return Path(str(files("compare.templates")))


# --- words -------------------------------------------------------------------


def count(number: int, noun: str, plural: str | None = None) -> str:
    """'1 group', '3 groups', '1 source', '0 sources': the number with its noun agreeing."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def verb(number: int, singular: str, plural: str) -> str:
    """The verb agreeing with a count: verb(1, 'says', 'say') == 'says'."""
    return singular if number == 1 else plural


def and_list(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# --- derived views (computed from the model, shared by every format) ----------


@dataclass(frozen=True)
class Cite:
    """A citation of one claim: where a reader finds it in the source file.

    `sentence` is the claim's position in its paragraph (from 1; 0 when not
    known), because a paragraph can be a whole article's worth of text.
    """

    source: str
    paragraph: int
    start: int
    end: int
    anchor: str
    sentence: int = 0

    @property
    def place(self) -> str:
        """'¶6, s.2'."""
        return f"¶{self.paragraph}" + (f", s.{self.sentence}" if self.sentence else "")

    @property
    def label(self) -> str:
        """'focus-2025, ¶6, s.2, chars 812–1004'."""
        return f"{self.source}, {self.place}, chars {self.start}–{self.end}"

    @property
    def short(self) -> str:
        """'focus-2025 ¶6 s.2', for inline citation marks."""
        return f"{self.source} {self.place.replace(', ', ' ')}"


@dataclass(frozen=True)
class Takeaway:
    """One key-takeaway bullet; `kind` tells the reader which judgement it is."""

    kind: str
    text: str
    cites: tuple[Cite, ...]


@dataclass(frozen=True)
class SourceCounts:
    claims: int
    attributed: int
    unsupported: int
    hedged: int


@dataclass(frozen=True)
class Answer:
    """One source's answer to the topic's question: its most topic-relevant claim."""

    source: str
    name: str
    text: str
    cite: Cite | None


def cite(claim: AssessedClaim, positions: dict[tuple[str, int], int] | None = None) -> Cite:
    """The citation of a claim, with the HTML anchor of its place in the briefing."""
    s = claim.claim.sentence
    return Cite(s.source, s.paragraph, s.start, s.end, f"c-{s.source}-{s.start}",
                (positions or {}).get((s.source, s.start), 0))


def source_names(briefing: Briefing) -> dict[str, str]:
    """Each source's name for prose: its outlet, else its author, else its id.

    Two sources that would share a name (one author's two articles) get the
    year of publication added, else their id, so a name always means one source.
    """
    base = {s.id: s.outlet or s.author or s.id for s in briefing.sources}
    taken = Counter(base.values())
    names = {s.id: f"{base[s.id]} ({s.published[:4]})" if taken[base[s.id]] > 1 and s.published
             else base[s.id] for s in briefing.sources}
    taken = Counter(names.values())
    return {sid: f"{base[sid]} ({sid})" if taken[name] > 1 and name != sid else name
            for sid, name in names.items()}


#: The explanations the assessor appends to every rationale of a kind. The
#: briefing says each once, in the legend above the groups, and keeps only
#: what is particular to the group in its rationale (pairs of: the words as
#: assess.py writes them, the legend's sentence).
RATIONALE_CAVEATS = (
    (" (by the trained claim matcher)",
     "Claims are grouped when the trained claim matcher judges that they make the same point."),
    (", with no difference found in figures, dates, times, titles, quotes or who did what",
     "An agreement means no difference was found between the sources in figures, dates, "
     "times, titles, quotes or who did what."),
    (" Read the quotes before citing this as corroboration: grouping can join claims that only "
     "share a subject.",
     "Read the quotes before citing an agreement as corroboration: grouping can join claims "
     "that only share a subject."),
    (" (one making the same point in quite other words can be missed)",
     "A single-source group had no other source matched to it: one making the same point in "
     "quite other words can be missed."),
)


def rationale(briefing: Briefing, group: AssessedGroup, namer: Namer | None = None) -> str:
    """The group's rationale without the caveats the legend states once, and
    with sources named (a slug-like id, with a hyphen or digit, becomes its name)."""
    text = group.rationale
    for caveat, _legend in RATIONALE_CAVEATS:
        text = text.replace(caveat, "")
    return (namer or Namer(source_names(briefing)))(text)


def rationale_legend(briefing: Briefing) -> list[str]:
    """The caveat sentences that the briefing's rationales carried, each once."""
    return [legend for caveat, legend in RATIONALE_CAVEATS
            if any(caveat in g.rationale for g in briefing.groups)]


class Namer:
    """Replaces slug-like source ids (a letter and a hyphen, underscore or digit,
    so no ordinary word) by the sources' names in generated text; built once
    per render. An id of digits alone ("2", from 2.txt) stays: the rationale's
    counts ("2 independent voices") would become names too."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        ids = sorted((sid for sid in names if names[sid] != sid and re.search(r"[-_\d]", sid)
                      and re.search(r"[^\W\d_]", sid)), key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, ids)) + r")(?![\w-])"
                                  ) if ids else None

    def __call__(self, text: str) -> str:
        if self.pattern is None:
            return text
        return self.pattern.sub(lambda m: self.names[m.group(1)], text)


def answers(briefing: Briefing) -> list[Answer]:
    """How each source answers the topic's question, one line per source.

    A source's answer is the most relevant of the claims alignment picked as
    answering the question (`Briefing.answers`; without them, its most relevant
    claim); a source that never addresses the topic is listed with no claim,
    so its silence shows too.
    """
    shown = [c for g in briefing.groups for c in g.claims]
    offered = {source: [c for c in claims if c in shown]
               for source, claims in (briefing.answers or {}).items()}
    best: dict[str, AssessedClaim] = {}
    for claim in shown:
        source = claim.claim.sentence.source
        if offered.get(source) and claim not in offered[source]:
            continue
        if source not in best or claim.claim.score > best[source].claim.score:
            best[source] = claim
    names = source_names(briefing)
    return [Answer(s.id, names[s.id], _shorten(best[s.id].claim.sentence.text),
                   cite(best[s.id], briefing.positions)) if s.id in best
            else Answer(s.id, names[s.id], "", None)
            for s in briefing.sources]


def footnote_numbers(briefing: Briefing) -> dict[str, int]:
    """Claim anchor -> footnote number, in the order the groups show claims."""
    numbers: dict[str, int] = {}
    for group in briefing.groups:
        for _source, claims in columns(group):
            for claim in claims:
                numbers.setdefault(cite(claim).anchor, len(numbers) + 1)
    return numbers


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


def source_counts(briefing: Briefing) -> dict[str, SourceCounts]:
    """Per source: its claims on the topic and how many are attributed,
    unsupported or hedged (a claim may be several, or none)."""
    claims: dict[str, list[AssessedClaim]] = {s.id: [] for s in briefing.sources}
    for group in briefing.groups:
        for claim in group.claims:
            claims.setdefault(claim.claim.sentence.source, []).append(claim)

    def count(items: list[AssessedClaim], flag: str) -> int:
        return sum(flag in c.assessment.flags for c in items)

    return {sid: SourceCounts(len(items), count(items, FLAG_ATTRIBUTED),
                              count(items, FLAG_UNSUPPORTED), count(items, FLAG_HEDGED))
            for sid, items in claims.items()}


def matrix(briefing: Briefing) -> list[tuple[AssessedGroup, list[str]]]:
    """Rows of the agreement matrix: per group, one cell state per source."""
    rows = []
    for group in briefing.groups:
        present = set(group_sources(group))
        state = _CELL_BY_RELATION[group.relation]
        rows.append((group, [state if s.id in present else CELL_SILENT
                             for s in briefing.sources]))
    return rows


#: Matrix colours, written on each cell (inline, so the HTML file reads the
#: same without its stylesheet).
CELL_COLOURS = {CELL_AGREE: "#2e7d32", CELL_DIVERGE: "#c62828", CELL_SOLE: "#78909c",
                CELL_SILENT: "#eceff1"}
#: A symbol in every cell, so the matrix reads without colour (greyscale
#: print, colour-blind readers): the same marks as the Markdown matrix.
CELL_SYMBOLS = {CELL_AGREE: "✔", CELL_DIVERGE: "✘", CELL_SOLE: "●", CELL_SILENT: "·"}
#: Each cell's symbol colour: dark on the pale silent cell, white on the others.
CELL_INK = {CELL_AGREE: "#ffffff", CELL_DIVERGE: "#ffffff", CELL_SOLE: "#ffffff",
            CELL_SILENT: "#263238"}


def matrix_table(briefing: Briefing) -> dict:
    """The agreement matrix as a table the template draws: a column per source
    (headed by its name), a row per group with its cells and its title beside
    them, so a row reads across and the table breaks between rows, its head
    repeated on each page."""
    names = source_names(briefing)
    heads = [{"id": s.id, "name": names[s.id], "silent": not s.covers_topic}
             for s in briefing.sources]
    rows = [{"group": group, "cells": [
        {"state": state, "symbol": CELL_SYMBOLS[state], "fill": CELL_COLOURS[state],
         "ink": CELL_INK[state], "source": source.id,
         "title": f"{group.id} / {names[source.id]}: {state}"}
        for source, state in zip(briefing.sources, states, strict=True)]}
        for group, states in matrix(briefing)]
    return {"heads": heads, "rows": rows}


def group_sources(group: AssessedGroup) -> tuple[str, ...]:
    """Distinct source ids of a group, in first-appearance order."""
    return tuple(dict.fromkeys(c.claim.sentence.source for c in group.claims))


def coverage_gaps(briefing: Briefing) -> list[tuple[AssessedGroup, list[str]]]:
    """Per group, the sources that say nothing on it, for groups where that
    silence is informative (at least one other source speaks)."""
    ids = [s.id for s in briefing.sources]
    gaps = []
    for group in briefing.groups:
        present = set(group_sources(group))
        silent = [sid for sid in ids if sid not in present]
        if silent:
            gaps.append((group, silent))
    return gaps


def silent_sources(briefing: Briefing) -> list[BriefingSource]:
    """Sources that never address the topic."""
    return [s for s in briefing.sources if not s.covers_topic]


def ranked_unsupported(briefing: Briefing) -> list[AssessedClaim]:
    """Unsupported claims, most topic-relevant first: the 'biggest' ones."""
    return sorted(briefing.unsupported, key=lambda c: -c.claim.score)


def flag_reason(claim: AssessedClaim, flag: str) -> str:
    """The reason the assessor gave for `flag` on this claim ('' if none)."""
    flags = claim.assessment.flags
    return claim.assessment.reasons[flags.index(flag)] if flag in flags else ""


def takeaways(briefing: Briefing) -> list[Takeaway]:
    """3-6 bullets written from the model, after the sources' answers: coverage,
    the strongest agreements, the divergences with their point, the biggest
    unsupported claims, and how much rests on one source."""
    items: list[Takeaway] = []
    names = source_names(briefing)
    covering = [s for s in briefing.sources if s.covers_topic]
    silent = [names[s.id] for s in silent_sources(briefing)]
    groups = len(briefing.groups)
    items.append(Takeaway(
        "coverage",
        f"{len(covering)} of {count(len(briefing.sources), 'source')} "
        f"{verb(len(covering), 'addresses', 'address')} the topic"
        + (f"; {and_list(silent)} {verb(len(silent), 'says', 'say')} nothing on it."
           if silent else ".")
        + (f" {verb(len(covering), 'Its', 'Their')} claims fall into {count(groups, 'group')}."
           if covering else ""), ()))
    strongest = sorted((g for g in briefing.groups if g.relation == "agreement"),
                       key=lambda g: -len(group_sources(g)))
    for group in strongest:
        voices = [names.get(v, v) for v in group_sources(group)]
        items.append(Takeaway(
            "agreement", f"{and_list(voices)} were grouped as making the same point (read "
            f"their quotes before citing it): “{_shorten(group.title)}”",
            _first_cites(group, briefing.positions)))
    namer = Namer(names)
    for group in briefing.groups:
        if group.relation == "divergence":
            point = _first_sentence(rationale(briefing, group, namer))
            items.append(Takeaway(
                "divergence", f"{and_list([names.get(v, v) for v in group_sources(group)])} "
                f"diverge on “{_shorten(group.title)}”: {point}",
                _first_cites(group, briefing.positions)))
    for claim in ranked_unsupported(briefing)[:2]:
        items.append(Takeaway(
            "unsupported", f"Unsupported, {names.get(claim.claim.sentence.source)}: "
            f"“{_shorten(claim.claim.sentence.text)}” ({flag_reason(claim, FLAG_UNSUPPORTED)})",
            (cite(claim, briefing.positions),)))
    single = [g for g in briefing.groups if g.relation == "single-source"]
    if single:
        items.append(Takeaway(
            "single-source", f"{len(single)} of {count(groups, 'group')} "
            f"{verb(len(single), 'rests', 'rest')} on a single source.", ()))
    return _limit_takeaways(items)


def discussion_questions(briefing: Briefing) -> list[str]:
    """Seminar questions templated from divergences, gaps and unsupported
    claims (no language model: every question names what it is built on)."""
    names = source_names(briefing)
    questions = []
    for group in briefing.groups:
        if group.relation == "divergence":
            questions.append(f"{group_sources_text(group, names)} diverge on "
                             f"“{_shorten(group.title)}”. Which account is better supported, "
                             "and what evidence would settle it?")
    for group in briefing.groups:
        if group.relation == "agreement" and not any(
                FLAG_ATTRIBUTED in c.assessment.flags for c in group.claims):
            questions.append(f"{group_sources_text(group, names)} agree on "
                             f"“{_shorten(group.title)}”, but none attributes it. Is this "
                             "corroboration or a shared assumption?")
    for claim in ranked_unsupported(briefing)[:2]:
        questions.append(f"{names.get(claim.claim.sentence.source)} asserts “"
                         f"{_shorten(claim.claim.sentence.text)}” without a source. "
                         "What would you need to check before repeating it?")
    silent = silent_sources(briefing)
    if silent and briefing.groups:
        questions.append(f"{and_list([names[s.id] for s in silent])} "
                         f"{verb(len(silent), 'does', 'do')} not address the topic at all. What "
                         f"does {verb(len(silent), 'its', 'their')} silence tell us about "
                         f"{verb(len(silent), 'its', 'their')} focus?")
    gaps = [(g, silent) for g, silent in coverage_gaps(briefing) if len(group_sources(g)) > 1]
    for group, quiet in gaps[:1]:
        questions.append(f"{and_list([names.get(q, q) for q in quiet])} "
                         f"{verb(len(quiet), 'says', 'say')} nothing on "
                         f"“{_shorten(group.title)}”. Is that omission significant?")
    closing = f"Taking the sources together, how would you answer: {briefing.topic.question}"
    return [*questions[:RENDER_MAX_DISCUSSION_QUESTIONS - 1], closing]


def group_sources_text(group: AssessedGroup, names: dict[str, str] | None = None) -> str:
    """'A, B and C' for a group's sources, by name when `names` are given."""
    return and_list([(names or {}).get(v, v) for v in group_sources(group)])


def highlight(claim: AssessedClaim) -> list[tuple[str, str | None]]:
    """The claim's text as (piece, css class or None) with decisive words marked.

    Marked are the cue words the assessor quoted in its reasons (attribution
    cues, hedges, weasel words, certainty markers) and figures. The template
    escapes each piece, so marking never lets article text become markup.
    """
    text = claim.claim.sentence.text
    spans: list[tuple[int, int, str]] = []
    for flag, reason in zip(claim.assessment.flags, claim.assessment.reasons, strict=False):
        for cue in _QUOTED_CUE.findall(reason):
            for match in re.finditer(re.escape(cue), text, flags=re.IGNORECASE):
                spans.append((match.start(), match.end(), _CUE_CLASS.get(flag, "cue")))
    spans += [(m.start(), m.end(), "cue-figure") for m in _FIGURE.finditer(text)]
    return _split_by_spans(text, spans)


def bibliography_entry(source: BriefingSource) -> str:
    """A reference-list line: Author (date). Title. Outlet. Genre. (The
    template adds the URL as a link, or the file.)"""
    parts = [f"{source.author or source.outlet or source.id} ({source.published or 'n.d.'})."]
    if source.title:
        parts.append(source.title if source.title.endswith((".", "?", "!")) else
                     f"{source.title}.")
    if source.outlet and source.author:
        parts.append(f"{source.outlet}.")
    if source.genre:
        parts.append(f"[{source.genre}]")
    return " ".join(parts)


def link_url(url: str | None) -> str | None:
    """The URL when it is safe to make a link of it (http or https), else None:
    a `javascript:` or `file:` URL in an article's metadata stays text."""
    return url if url and re.match(r"https?://[^\s<>\"()]+$", url, flags=re.IGNORECASE) else None


def text_command(briefing: Briefing, source: BriefingSource) -> str:
    """The command that prints the text a source's offsets index."""
    corpus, ident = shlex.quote(briefing.corpus), shlex.quote(source.id)
    return f"compare sources --corpus {corpus} --text {ident}"


def context(briefing: Briefing) -> dict:
    """Everything the templates use, computed once per render."""
    positions = briefing.positions
    names = source_names(briefing)
    namer = Namer(names)
    return {
        "b": briefing, "columns": columns, "date_range": date_range(briefing),
        "answers": answers(briefing), "names": names,
        "rationale": lambda group: rationale(briefing, group, namer),
        "rationale_legend": rationale_legend(briefing),
        "footnotes": footnote_numbers(briefing),
        "cell_symbols": CELL_SYMBOLS, "count": count, "verb": verb, "and_list": and_list,
        "counts": source_counts(briefing), "takeaways": takeaways(briefing),
        "omitted": len(briefing.more_groups),
        "matrix": matrix(briefing), "matrix_table": matrix_table(briefing),
        "gaps": coverage_gaps(briefing), "silent_sources": silent_sources(briefing),
        "questions": discussion_questions(briefing), "unsupported": ranked_unsupported(briefing),
        "cite": lambda claim: cite(claim, positions), "highlight": highlight,
        "flag_reason": flag_reason,
        "bibliography_entry": bibliography_entry, "group_sources": group_sources,
        "link_url": link_url, "text_command": lambda source: text_command(briefing, source),
        "sources_by_id": {s.id: s for s in briefing.sources},
        "flag_unsupported": FLAG_UNSUPPORTED,
    }


# --- helpers ------------------------------------------------------------------


def _stylesheet(env: Environment) -> Markup:
    """briefing.css for inlining in <style>. It is a template file (packaged
    or the user's own), not article data, so it is not HTML-escaped (that
    would break its quoted font names), but it may not close the element."""
    name = "briefing.css"
    css, filename, _uptodate = env.loader.get_source(env, name)
    if "</" in css:
        raise CompareError(f"{filename}: a stylesheet may not contain '</'; remove it")
    return Markup(css)


def _split_by_spans(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """Cut text into marked and unmarked pieces.

    Where spans overlap, each character takes the narrowest span over it (the
    first listed among equals), so a cue inside a wider one keeps its own mark:
    'Reports suggest' (vague attribution) around 'suggest' (hedge) becomes
    'Reports' and 'suggest', each marked as what the assessor said of it.
    Whitespace at a piece's edge stays unmarked.
    """
    painted: list[tuple[int, int] | None] = [None] * len(text)  # (width, order) per char
    classes: list[str | None] = [None] * len(text)
    for order, (start, end, css) in enumerate(spans):
        for i in range(max(start, 0), min(end, len(text))):
            if painted[i] is None or (end - start, order) < painted[i]:
                painted[i], classes[i] = (end - start, order), css
    runs: list[tuple[str, str | None]] = []
    for char, css in zip(text, classes, strict=True):
        if runs and runs[-1][1] == css:
            runs[-1] = (runs[-1][0] + char, css)
        else:
            runs.append((char, css))
    pieces: list[tuple[str, str | None]] = []
    for run, css in runs:
        core = run.strip()
        if css is None or not core:
            pieces.append((run, None))
            continue
        head, tail = run[:len(run) - len(run.lstrip())], run[len(run.rstrip()):]
        pieces += [(head, None), (core, css), (tail, None)]
    merged: list[tuple[str, str | None]] = []
    for piece, css in pieces:
        if not piece:
            continue
        if merged and merged[-1][1] is None and css is None:
            merged[-1] = (merged[-1][0] + piece, None)
        else:
            merged.append((piece, css))
    return merged


def _first_cites(
    group: AssessedGroup, positions: dict[tuple[str, int], int] | None = None
) -> tuple[Cite, ...]:
    """One citation per source of the group (its first claim)."""
    seen: dict[str, Cite] = {}
    for claim in group.claims:
        seen.setdefault(claim.claim.sentence.source, cite(claim, positions))
    return tuple(seen.values())


def _first_sentence(text: str) -> str:
    """The text up to its first full stop followed by a space (the divergence's point)."""
    head = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.strip(), maxsplit=1)[0]
    return head if head.endswith((".", "!", "?")) else head + "."


def _limit_takeaways(items: list[Takeaway]) -> list[Takeaway]:
    """Keep the coverage line, then agreements/divergences/unsupported in
    turn so no kind crowds out the others."""
    head, rest = items[:1], items[1:]
    order = ("divergence", "agreement", "unsupported", "single-source")
    queues = {kind: [t for t in rest if t.kind == kind] for kind in order}
    picked: list[Takeaway] = []
    while len(picked) < RENDER_MAX_TAKEAWAYS - 1 and any(queues.values()):
        for kind in order:
            if queues[kind] and len(picked) < RENDER_MAX_TAKEAWAYS - 1:
                picked.append(queues[kind].pop(0))
    return head + sorted(picked, key=lambda t: order.index(t.kind))


def _shorten(text: str, limit: int = RENDER_TAKEAWAY_QUOTE_CHARS) -> str:
    """A claim to quote inside “...”: at most `limit` characters, cut at a
    word with "…", its own double quotes made single ones (a quote inside a
    quote: “‘President Trump pledged ...’”, never ““President ...)."""
    text = _single_quotes(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _single_quotes(text: str) -> str:
    """Double quotation marks as single ones: “ and a straight one that opens
    (at the start, after a space or bracket) become ‘, the others ’."""
    text = text.replace("“", "‘").replace("”", "’")
    return re.sub(r'(^|(?<=[\s(\[—–-]))"|"', lambda m: "‘" if m.group(1) is not None else "’",
                  text)


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


def _bibtex_escape(value: str) -> str:
    """TeX-escape a field value (not a url: that field is written verbatim)."""
    value = value.replace("\\", "\x00").replace("~", r"\textasciitilde{}")
    value = value.replace("^", r"\textasciicircum{}")
    return _BIBTEX_SPECIAL.sub(r"\\\1", value).replace("\x00", r"\textbackslash{}")


def split_authors(author: str | None) -> list[str]:
    """The names in an author field: 'A; B', 'A and B', 'A & B', 'A, B and C' and
    'A, B' (when every part is a full name) are several; 'Lee, Ann' is one."""
    if not author or not author.strip():
        return []
    parts = [p.strip() for p in re.split(r"\s*;\s*|\s+and\s+|\s+&\s+", author.strip())
             if p.strip()]
    names: list[str] = []
    for part in parts:
        pieces = [q.strip() for q in part.split(",") if q.strip()]
        several = len(pieces) > 1 and all(" " in q for q in pieces)
        names += pieces if several else [part]
    return names


def _date_parts(published: str | None) -> list[int]:
    """'2024-08-26' -> [2024, 8, 26]; '2024-08' -> [2024, 8]; junk -> []."""
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published or "")
    return [int(g) for g in match.groups() if g] if match else []


def _bibtex_keys(sources: Sequence[BriefingSource]) -> dict[str, str]:
    """Source id -> its BibTeX key: the id in the characters BibTeX accepts,
    made unique ("a b" and "a/b" both give a-b; Cyrillic ids of one length give
    the same run of hyphens, so an id with no ASCII letter or digit left is
    source-N instead). A repeated key would make the whole .bib fail."""
    keys: dict[str, str] = {}
    for number, source in enumerate(sources, start=1):
        key = re.sub(r"[^A-Za-z0-9_:-]", "-", source.id)
        key = key if re.search(r"[A-Za-z0-9]", key) else f"source-{number}"
        base, suffix = key, 2
        while key in keys.values():
            key, suffix = f"{base}-{suffix}", suffix + 1
        keys[source.id] = key
    return keys


def _bibtex_entry(source: BriefingSource, briefing: Briefing, key: str):
    """One source as a bibtexparser Entry. @article only for news or analysis
    with an outlet and a title; everything else is @misc."""
    from bibtexparser import model

    parts = _date_parts(source.published)
    news = source.genre in ("news", "analysis")
    kind = "article" if news and source.outlet and source.title else "misc"
    text = {
        "title": source.title, "author": " and ".join(split_authors(source.author)) or None,
        "journal" if kind == "article" else "howpublished": source.outlet,
        "year": str(parts[0]) if parts else None, "date": source.published if parts else None,
        "langid": source.language,
        "note": _source_note(source, briefing),
    }
    fields = [model.Field(name, _bibtex_escape(value)) for name, value in text.items() if value]
    if len(parts) > 1:
        fields.insert(-2, model.Field("month", parts[1]))  # written as a month name: aug
    if source.url:
        fields.append(model.Field("url", source.url))
        if _date_parts(source.accessed):
            fields.append(model.Field("urldate", source.accessed))
    return model.Entry(kind, key, fields)


def render_bibtex(briefing: Briefing) -> str:
    """One BibTeX entry per source, keyed by source id, written by bibtexparser.

    Values are TeX-escaped except `url`; authors are joined with `and`; the
    month is BibTeX's month name (`aug`); `urldate` is the day the article was
    read at its URL, when the corpus says it (`accessed`), never a guess.
    """
    import bibtexparser
    from bibtexparser.middlewares import AddEnclosingMiddleware, MonthAbbreviationMiddleware

    keys = _bibtex_keys(briefing.sources)
    library = bibtexparser.Library([_bibtex_entry(s, briefing, keys[s.id])
                                    for s in briefing.sources])
    layout = bibtexparser.BibtexFormat()
    layout.indent, layout.block_separator = "  ", "\n"
    stack = [MonthAbbreviationMiddleware(),
             AddEnclosingMiddleware(reuse_previous_enclosing=False, enclose_integers=False,
                                    default_enclosing="{")]
    return bibtexparser.write_string(library, unparse_stack=stack, bibtex_format=layout)


#: CSL item types by genre (what Zotero and pandoc-citeproc expect).
_CSL_TYPES = {"news": "article-newspaper", "analysis": "article-magazine",
              "opinion": "article-newspaper", "blog": "post-weblog"}


def _csl_name(name: str) -> dict:
    """'Lee, Ann' and 'Ann Lee' -> family/given; a single word stays a literal."""
    if "," in name:
        family, given = (p.strip() for p in name.split(",", 1))
        return {"family": family, "given": given}
    words = name.split()
    return {"family": words[-1], "given": " ".join(words[:-1])} if len(words) > 1 \
        else {"literal": name}


def _source_note(source: BriefingSource, briefing: Briefing) -> str:
    return f"{source.genre or 'article'}; file {source.path} in corpus {briefing.corpus}"


def render_csl(briefing: Briefing) -> str:
    """The sources as CSL-JSON (a list of items keyed by source id)."""
    items = []
    for source in briefing.sources:
        item: dict = {"id": source.id, "type": _CSL_TYPES.get(source.genre or "", "article")}
        if source.title:
            item["title"] = source.title
        if split_authors(source.author):
            item["author"] = [_csl_name(n) for n in split_authors(source.author)]
        if source.outlet:
            item["container-title"] = source.outlet
        if _date_parts(source.published):
            item["issued"] = {"date-parts": [_date_parts(source.published)]}
        if source.url:
            item["URL"] = source.url
            if _date_parts(source.accessed):
                item["accessed"] = {"date-parts": [_date_parts(source.accessed)]}
        if source.language:
            item["language"] = source.language
        item["note"] = _source_note(source, briefing)
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _index_entry(briefing: Briefing, formats: Sequence[str]) -> dict:
    relations = [g.relation for g in briefing.groups]
    return {
        "id": briefing.topic.id, "title": briefing.topic.title,
        "question": briefing.topic.question,
        "covering": sum(s.covers_topic for s in briefing.sources),
        "sources": len(briefing.sources), "groups": len(briefing.groups),
        "agreement": relations.count("agreement"), "divergence": relations.count("divergence"),
        "single": relations.count("single-source"), "unsupported": len(briefing.unsupported),
        "files": {fmt: f"{briefing.topic.id}{EXTENSIONS[fmt]}" for fmt in formats},
    }


#: Characters that Markdown would read as markup or that could smuggle HTML in.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def markdown_escape(value: object) -> Markup:
    """Escape a value for Markdown: `&`, `<`, `>` as entities (GitHub then
    shows them as text), Markdown's own markup characters with a backslash.
    Used as the Markdown templates' finalize, so autoescape stays on there
    too while apostrophes and quotes stay readable."""
    if isinstance(value, Markup) or value is None:
        return value
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", text))


def _environment(template_dir: Path | None, markdown: bool = False) -> Environment:
    loaders = [FileSystemLoader(str(packaged_templates()))]
    if template_dir is not None:
        if not Path(template_dir).is_dir():
            raise CompareError(f"{template_dir}: no such template folder; fix --template-dir")
        loaders.insert(0, FileSystemLoader(str(template_dir)))
    return Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        finalize=markdown_escape if markdown else None,
    )


def _is_folder(output: Path | str) -> bool:
    """`-o reports/` or an existing folder: write <topic>.<ext> inside it."""
    return str(output).endswith(("/", os.sep)) or Path(output).is_dir()


def _target(briefing: Briefing, fmt: str, output: Path | str | None, several: bool) -> Path:
    extension = EXTENSIONS[fmt]
    if output is None or _is_folder(output):
        folder = DEFAULT_REPORTS if output is None else Path(output)
        return folder / f"{briefing.topic.id}{extension}"
    path = Path(output)
    return path.with_suffix(extension) if several or not path.suffix else path
