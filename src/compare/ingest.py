"""Stage 1: read a corpus folder into Documents, marking boilerplate.

A corpus is a folder of articles (.txt, .md, .html/.htm, .pdf, and .jsonl
files holding one article per line) plus two optional sidecars:
`sources.toml` (metadata per file; it wins over anything inferred) and
`topics.toml` (the topic codebook and spelling aliases).

Steps, per file:
1. read the bytes (size-checked first, so a huge file is never loaded);
2. decode (BOM, UTF-16, cp1251... see _encoding.py) or extract (HTML via
   trafilatura, PDF via pypdf, JSONL records);
3. mark boilerplate as character spans (_boilerplate.py): the text stays
   whole so every later offset points into it;
4. take metadata from the sidecar, else infer it from the document.
Parsed files are cached by content hash (_cache.py). Nothing in the corpus
folder is ever written, except by `add_to_corpus` (`compare add`).
"""

from __future__ import annotations

import datetime
import fcntl
import functools
import hashlib
import io
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Literal

import frontmatter
import tomli_w
import tomllib

from . import _cache
from ._boilerplate import author_from, boilerplate_spans, merge_spans, outlet_from
from ._cache import write_atomically
from ._encoding import DecodeProblem, decode, has_mojibake, repair_mojibake
from ._fetch import fetch, is_url
from ._parallel import ordered_map
from ._progress import with_progress
from .errors import CorpusError, InputFileError
from .models import Corpus, Document, SourceMeta, Span, Topic
from .settings import (
    DATELINE_MAX_CHARS,
    INGEST_PARALLEL_MIN_DOCUMENTS,
    LANGUAGE_MIN_PROBABILITY,
    LANGUAGE_SAMPLE_CHARS,
    MAX_FILE_BYTES,
    MIN_EXTRACTED_WORDS,
    TITLE_MAX_CHARS,
    TOPIC_ID_MAX_CHARS,
)

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".jsonl")
SOURCES_FILE = "sources.toml"
TOPICS_FILE = "topics.toml"
META_FIELDS = ("title", "outlet", "author", "published", "genre", "url", "language", "accessed")
#: Dates written as ISO dates wherever they are read.
_DATE_FIELDS = ("published", "accessed")
_WHITESPACE = re.compile(r"\s+")
#: A codebook id is a lower-case slug: ids become report file names, so one
#: such as "../x" or "/abs/path" must never reach the file system.
TOPIC_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def read_corpus(path: str | Path, *, progress: bool = False) -> Corpus:
    """Read every article in `path` with its sidecar metadata and codebook.

    A file that cannot be read becomes a warning naming it; the rest of the
    corpus still works. A missing or article-less folder is a CorpusError.
    """
    root = Path(path)
    if not root.is_dir():
        raise CorpusError(f"{root}: no such folder; pass --corpus with a folder of articles")
    sidecar = read_sidecar(root / SOURCES_FILE)
    topics, aliases = read_codebook(root / TOPICS_FILE)
    files = article_files(root)
    warnings: list[str] = []
    documents: list[Document] = []
    for file, outcome in _parse_files(files, progress):
        if isinstance(outcome, str):
            warnings.append(outcome)
            continue
        warnings.extend(w for parsed in outcome for w in parsed.warnings)
        documents.extend(_document(file, parsed, sidecar) for parsed in outcome)
    described = {meta.id for meta in sidecar.values()}
    documents = _unique(documents, warnings, prefer=described)
    if not documents:
        detail = f" ({len(warnings)} unreadable, see warnings)" if warnings else ""
        raise CorpusError(
            f"{root}: no readable articles{detail}; add .txt, .md, .html, .pdf or .jsonl "
            "files (or run `compare add FILE --corpus " + str(root) + "`)"
        )
    warnings.extend(_orphan_warnings(root, sidecar, files))
    warnings.extend(_unsupported_warnings(root))
    warnings.extend(_skipped_entry_warnings(root))
    return Corpus(shown_path(root), tuple(documents), topics, aliases, tuple(warnings))


def read_document(path: Path, meta: SourceMeta | None = None) -> Document:
    """Read one article file; raises InputFileError with the fix if it cannot.

    A .jsonl file must then hold exactly one article (use read_corpus for more).
    """
    path = Path(path)
    parsed = _parse_cached(path)
    if len(parsed) != 1:
        raise InputFileError(
            str(path), f"holds {len(parsed)} articles",
            "read it as part of a corpus folder (compare topic ... --corpus DIR)",
        )
    sidecar = {path.name: meta} if meta else {}
    return _document(path, parsed[0], sidecar)


def read_codebook(path: Path) -> tuple[tuple[Topic, ...], dict[str, tuple[str, ...]]]:
    """Topics and aliases from a topics.toml; empty when the file is absent."""
    path = Path(path)
    if not path.is_file():
        return (), {}
    data = _load_toml(path)
    entries, table = data.get("topic", []), data.get("aliases", {})
    problem = _codebook_problem(entries, table)
    if problem:
        raise CorpusError(f"{path}: {problem}; fix the file")
    topics = tuple(
        Topic(id=entry["id"], title=entry["title"],
              question=entry.get("question", entry["title"]), terms=tuple(entry.get("terms", ())))
        for entry in entries
    )
    aliases = {str(name): tuple(variants) for name, variants in table.items()}
    return topics, aliases


def _codebook_problem(entries: object, aliases: object) -> str | None:
    """What is wrong with a codebook's [[topic]] list and [aliases] table, if
    anything: a string where a list belongs would otherwise be read letter by
    letter, and an id that is not a slug would become a path."""
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        return "[[topic]] entries must be tables with an id and a title"
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        ident = entry.get("id")
        if not isinstance(ident, str) or not isinstance(entry.get("title"), str):
            return f"topic {number} needs an id and a title, both strings"
        if not TOPIC_ID.match(ident) or len(ident) > TOPIC_ID_MAX_CHARS:
            return (f"topic id {ident!r} must be a slug of lower-case letters, digits and "
                    f"hyphens, at most {TOPIC_ID_MAX_CHARS} characters (ids name report files)")
        if ident in seen:
            return f"topic id {ident!r} appears twice"
        seen.add(ident)
        if not isinstance(entry.get("question", ""), str):
            return f"the question of {ident} must be a string"
        if not _strings(entry.get("terms", [])):
            return f'the terms of {ident} must be a list of strings (terms = ["..."])'
    if not isinstance(aliases, dict):
        return '[aliases] must be a table of name = ["variant", ...]'
    for name, variants in aliases.items():
        if not _strings(variants):
            return f'alias {name} must be a list of variants ({name} = ["..."])'
    return None


def _strings(value: object) -> bool:
    """True for a list of strings (TOML arrays)."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def read_sidecar(path: Path) -> dict[str, SourceMeta]:
    """sources.toml as {file name: SourceMeta}; empty when the file is absent.

    An absent key means unknown. `inferred = [...]` (written by `compare add`)
    keeps track of values that were guessed from the document.
    """
    if not path.is_file():
        return {}
    metas: dict[str, SourceMeta] = {}
    for entry in _load_toml(path).get("source", []):
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise CorpusError(f'{path}: every [[source]] needs a file = "..." key; fix the file')
        if not _strings(entry.get("inferred", [])):
            raise CorpusError(f"{path}: inferred for {entry['file']} must be a list of field "
                              'names (inferred = ["title"]); fix the file')
        values = {f: (str(entry[f]) if entry.get(f) not in (None, "") else None)
                  for f in META_FIELDS}
        metas[str(entry["file"])] = SourceMeta(
            id=str(entry.get("id") or slug(Path(str(entry["file"])).stem)),
            inferred=tuple(str(f) for f in entry.get("inferred", ())), **values,
        )
    return metas


def article_files(root: Path) -> list[Path]:
    """The article files of a corpus folder, sorted; hidden files are skipped,
    and so are pipes, devices and links that lead out of the folder (named by
    `_skipped_entry_warnings`): nothing outside the corpus is ever read."""
    return sorted(p for p in _article_entries(root) if _skip_reason(root, p) is None)


def _article_entries(root: Path) -> Iterator[Path]:
    return (p for p in root.iterdir()
            if p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith(".")
            and not p.is_dir())


def _skip_reason(root: Path, path: Path) -> str | None:
    """Why an article-named entry is not read, or None to read it."""
    if path.is_symlink():
        try:
            target = path.resolve()
        except (RuntimeError, OSError):  # a loop of links (a.txt -> b.txt -> a.txt)
            return ("is a link that leads back to itself; not read "
                    "(replace it with the article file)")
        if not target.is_relative_to(root.resolve()):
            return (f"is a link to {target}, outside the corpus folder; not read "
                    "(copy the file into the folder to use it)")
    if not path.is_file():
        return ("is not a regular file (a pipe, socket, device or broken link); not read "
                "(replace it with the article file)")
    return None


def _skipped_entry_warnings(root: Path) -> list[str]:
    return [f"{path}: {reason}" for path in sorted(_article_entries(root))
            if (reason := _skip_reason(root, path))]


def describe_sources(corpus: Corpus) -> list[dict]:
    """Each source's metadata with what was inferred and what is missing."""
    rows = []
    for document in corpus.documents:
        meta = document.meta
        row: dict = {"id": meta.id, "path": document.path}
        row.update({field: getattr(meta, field) for field in META_FIELDS})
        row["inferred"] = [f for f in meta.inferred if getattr(meta, f)]
        row["missing"] = [field for field in META_FIELDS if not getattr(meta, field)
                          and (field != "accessed" or meta.url)]  # only a URL is accessed
        row["text_origin"] = document.text_origin
        rows.append(row)
    return rows


def shown_path(path: Path | str) -> str:
    """The path as text every output can hold: bytes of a file name that are not
    UTF-8 (Python keeps them as lone surrogates, which no encoder writes)
    become U+FFFD. For display and reports only; the file is opened by its Path."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def slug(text: str) -> str:
    """A lower-case id made of letters, digits and hyphens."""
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-_") or "source"


# Formats ----------------------------------------------------------------------


@dataclass
class ParsedText:
    """One article as parsed from a file, before sidecar metadata is applied.

    Plain data (JSON-serialisable) so it can cross a process pool and sit in
    the on-disk cache. `declared` names metadata the document states outright
    (front matter, JSONL keys); everything else in `meta` was guessed.
    """

    text: str
    origin: Literal["file", "extracted"]
    boilerplate: list[tuple[int, int]]
    meta: dict[str, str]
    content_hash: str
    declared: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    record: int | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ParsedText:
        data = dict(data, boilerplate=[tuple(span) for span in data["boilerplate"]])
        return cls(**data)


def read_limited(path: Path) -> bytes:
    """The file's bytes; refused by size before anything is read."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; it is then
        # refused as not a regular file, like a device or a socket.
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise InputFileError(str(path), "is not a regular file (a pipe, socket or "
                                     "device)", "give the article file itself")
            if info.st_size > MAX_FILE_BYTES:
                raise InputFileError(
                    str(path), f"is {info.st_size / 2**20:.0f} MB, above the "
                    f"{MAX_FILE_BYTES // 2**20} MB limit for one article",
                    "split it into articles or remove it from the corpus",
                )
            return handle.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise InputFileError(
            str(path), "permission denied", f"make it readable (chmod a+r '{path}')"
        ) from None
    except OSError as error:
        raise InputFileError(str(path), error.strerror or str(error), "check the file") from None


def parse_bytes(path: Path, raw: bytes) -> list[ParsedText]:
    """The articles in a file's bytes, by its suffix; InputFileError if none."""
    if not raw.strip():
        raise InputFileError(str(path), "is empty", "remove it or put the article text in it")
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return [_parse_html(path, raw)]
    if suffix == ".pdf":
        return [_parse_pdf(path, raw)]
    if suffix == ".jsonl":
        return _parse_jsonl(path, raw)
    return [_parse_text(path, raw)]


def _decode(path: Path, raw: bytes) -> str:
    try:
        text, _encoding_name = decode(raw)
    except DecodeProblem as problem:
        raise InputFileError(str(path), str(problem), "save the article as UTF-8 text") from None
    return text


def _unmangled(path: Path, text: str, origin: str) -> tuple[str, str, list[str]]:
    """Repair mojibake or refuse the text: garbled characters never reach a report."""
    if not has_mojibake(text):
        return text, origin, []
    repaired = repair_mojibake(text)
    lost = repaired.count("\ufffd")  # bytes the wrong decoding dropped: no repair brings them back
    if has_mojibake(repaired) or lost:
        partly = f" ({lost} characters are lost)" if lost and not has_mojibake(repaired) else ""
        raise InputFileError(
            str(path), f"contains garbled characters (mojibake) that cannot be repaired{partly}",
            "re-save the article from its original source as UTF-8",
        )
    note = f"{path}: repaired garbled characters (mojibake); offsets index the repaired text"
    return repaired, "extracted", [note]


def _parse_text(path: Path, raw: bytes) -> ParsedText:
    """.txt and .md: the decoded file is the text; front matter is boilerplate."""
    text, origin, notes = _unmangled(path, _decode(path, raw), "file")
    spans = boilerplate_spans(text)
    front_meta, front_end = _front_matter(text) if path.suffix.lower() != ".txt" else ({}, 0)
    if front_end:
        spans = merge_spans([*spans, Span(0, front_end)])
    meta = {**_infer_from_text(text, spans), **front_meta}
    return ParsedText(text, origin, [(s.start, s.end) for s in spans], meta,
                      hashlib.sha256(raw).hexdigest(), declared=list(front_meta), warnings=notes)


def _parse_html(path: Path, raw: bytes) -> ParsedText:
    """HTML: trafilatura finds the main text and the page's metadata."""
    import trafilatura

    html = _decode_html(path, raw)
    try:
        result = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False,
        )
    except Exception as error:  # lxml and trafilatura raise many types on broken markup
        raise InputFileError(str(path), f"is malformed HTML ({error.__class__.__name__})",
                             "save the page again, or copy its text into a .txt file") from None
    body = (result.text or "") if result is not None else ""
    if len(re.findall(r"\w{2,}", body)) < MIN_EXTRACTED_WORDS:
        raise InputFileError(
            str(path), "has no article text that could be found in the HTML",
            "save the full page again, or copy the article text into a .txt file",
        )
    text, _origin, notes = _unmangled(path, body, "extracted")
    spans = boilerplate_spans(text)
    guessed = _infer_from_text(text, spans)
    page = {"title": result.title, "author": result.author, "published": result.date,
            "outlet": result.sitename, "url": result.url}
    meta = {**guessed, **{k: str(v).strip() for k, v in page.items() if v and str(v).strip()}}
    return ParsedText(text, "extracted", [(s.start, s.end) for s in spans], meta,
                      hashlib.sha256(raw).hexdigest(), warnings=notes)


def _decode_html(path: Path, raw: bytes) -> str:
    """The page's declared charset first (<meta charset>), then detection."""
    declared = _META_CHARSET.search(raw[:4096])
    if declared:
        try:
            return raw.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return _decode(path, raw)


def _parse_pdf(path: Path, raw: bytes) -> ParsedText:
    """PDF: the text layer, page by page; a scan without one is refused."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputFileError(str(path), "is a password-protected PDF",
                                 "save an unprotected copy")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        info = reader.metadata or {}
    except InputFileError:
        raise
    except Exception as error:  # pypdf raises many types on damaged files
        raise InputFileError(str(path), f"is not a readable PDF ({error.__class__.__name__})",
                             "export the PDF again or add the text as a .txt file") from None
    body = "\n\n".join(page for page in pages if page)
    if len(re.findall(r"\w{2,}", body)) < MIN_EXTRACTED_WORDS:
        raise InputFileError(
            str(path), "is a PDF without a text layer (a scanned image?)",
            f"run OCR on it first (e.g. ocrmypdf '{path}' out.pdf) or add the text as a .txt file",
        )
    text, _origin, notes = _unmangled(path, body, "extracted")
    spans = boilerplate_spans(text)
    meta = _infer_from_text(text, spans)
    for field_name, key in (("title", "/Title"), ("author", "/Author")):
        value = str(info.get(key) or "").strip()
        if value:
            meta[field_name] = value
    return ParsedText(text, "extracted", [(s.start, s.end) for s in spans], meta,
                      hashlib.sha256(raw).hexdigest(), warnings=notes)


def _parse_jsonl(path: Path, raw: bytes) -> list[ParsedText]:
    """JSONL: one article object per line; a bad line is a warning, not a failure."""
    records: list[ParsedText] = []
    problems: list[str] = []
    for number, line in enumerate(_decode(path, raw).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            records.append(_parse_record(path, number, line))
        except InputFileError as error:
            problems.append(str(error))
    if not records:
        raise InputFileError(
            str(path), f"holds no readable article lines ({len(problems)} bad)",
            'write one JSON object per line with a "text" field',
        )
    records[0].warnings[:0] = problems
    return records


def _parse_record(path: Path, number: int, line: str) -> ParsedText:
    where = f"{path}:{number}"
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        raise InputFileError(where, f"is not valid JSON ({error.msg})",
                             "fix or remove the line") from None
    if not isinstance(data, dict):
        raise InputFileError(where, "is not a JSON object", "write one object per line")
    body = next((data[k] for k in _JSONL_TEXT_KEYS if isinstance(data.get(k), str)
                 and data[k].strip()), None)
    if body is None:
        raise InputFileError(where, "has no article text",
                             f"give each object one of the fields {', '.join(_JSONL_TEXT_KEYS)}")
    text, _origin, notes = _unmangled(Path(where), body, "extracted")
    spans = boilerplate_spans(text)
    declared = {}
    for field_name, keys in _JSONL_META_KEYS.items():
        value = next((data[k] for k in keys if data.get(k) not in (None, "", [])), None)
        if value is not None and _meta_text(value):
            declared[field_name] = _meta_text(value)
    for field_name in _DATE_FIELDS:
        if field_name in declared:
            declared[field_name] = _date_in([declared[field_name]]) or declared[field_name]
    meta = {**_infer_from_text(text, spans), **declared}
    return ParsedText(text, "extracted", [(s.start, s.end) for s in spans], meta,
                      hashlib.sha256(line.encode("utf-8")).hexdigest(),
                      declared=list(declared), warnings=notes, record=number)


def _front_matter(text: str) -> tuple[dict[str, str], int]:
    """Markdown front matter: `---` YAML (read by python-frontmatter, so lists
    of authors and real dates survive) or `+++` TOML; its metadata and where it ends."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, 0
    try:
        if match.group("fence") == "+++":
            data = tomllib.loads(match.group("body"))
        else:
            data = frontmatter.loads(text.lstrip("\ufeff")).metadata
    except Exception:  # malformed YAML/TOML: read it as plain key: value lines
        data = _front_matter_lines(match.group("body"), match.group("fence"))
    meta: dict[str, str] = {}
    for key, value in (data or {}).items():
        field_name = _FRONT_MATTER_KEYS.get(str(key).strip().lower())
        text_value = _meta_text(value)
        if field_name and text_value and field_name not in meta:
            meta[field_name] = text_value
    for field_name in _DATE_FIELDS:  # "Jan. 8, 2025" -> 2025-01-08, as sources.toml has it
        if field_name in meta:
            meta[field_name] = _date_in([meta[field_name]]) or meta[field_name]
    return meta, match.end()


def _front_matter_lines(body: str, fence: str) -> dict[str, str]:
    pairs = (line.partition("=" if fence == "+++" else ":") for line in body.splitlines())
    return {key.strip(): value.strip().strip("\"'") for key, sep, value in pairs if sep}


def _meta_text(value: object) -> str | None:
    """A front-matter value as text: a list of names as 'A, B and C', a date in ISO."""
    if isinstance(value, (list, tuple)):
        names = [str(v).strip() for v in value if str(v).strip()]
        return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else \
            (names[0] if names else None)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.date().isoformat() if isinstance(value, datetime.datetime) \
            else value.isoformat()
    text = str(value).strip() if value is not None else ""
    return text or None


def _infer_from_text(text: str, spans: list[Span]) -> dict[str, str]:
    """Guess title, author, outlet, date and language from the text itself."""
    guessed = {
        "title": _first_content_line(text, spans),
        "author": author_from(text, spans),
        "outlet": outlet_from(text, spans),
        "published": _date_in([text[s.start:s.end] for s in spans] + [
            line for line in text.split("\n")[:5] if len(line.strip()) <= DATELINE_MAX_CHARS
        ]),
        "language": detect_language(text),
    }
    return {k: v for k, v in guessed.items() if v}


def _first_content_line(text: str, spans: list[Span]) -> str | None:
    offset = 0
    for line in text.split("\n"):
        start = offset + len(line) - len(line.lstrip())
        offset += len(line) + 1
        candidate = line.strip().lstrip("#").strip()
        if not candidate or any(s.start <= start < s.end for s in spans):
            continue
        headline = len(candidate) <= TITLE_MAX_CHARS and not candidate.endswith(".")
        return candidate if headline else None
    return None


def _date_in(lines: list[str]) -> str | None:
    """The first date in the lines, as ISO: a day (2025-01-08) or a month (2024-03).

    Candidates are cut by shape (2025-01-08T10:00, 08.01.2025, 8 Jan. 2025,
    Jan. 8, 2025, 8 января 2025, March 2024) and read by dateparser, which
    knows month names and abbreviations in many languages and refuses
    impossible dates (13.13.2025) and words that are no month (Kursk 2024).
    """
    for line in lines:
        for candidate in _DATE_SHAPE.finditer(line):
            found = _date_parser().get_date_data(candidate.group(0))
            if found.date_obj is None:
                continue
            day = found.date_obj.date()
            return day.isoformat() if found.period == "day" else day.isoformat()[:7]
    return None


@functools.cache
def _date_parser():
    """One dateparser reader for the languages compare identifies most often;
    day before month for numeric dates (08.01.2025 is 8 January)."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=list(DATE_LANGUAGES), settings={
        "DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["month", "year"],
    })


def detect_language(text: str) -> str | None:
    """ISO 639-1 code by py3langid (97 languages, Ukrainian told from Russian),
    or None when no language is more likely than all the others together."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if not sample.strip():
        return None
    language, probability = _language_identifier().classify(sample)
    return language if probability >= LANGUAGE_MIN_PROBABILITY and language != "zxx" else None


@functools.cache
def _language_identifier():
    """py3langid's shipped model with normalised probabilities, loaded once (~0.8 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


#: Languages whose month names dateparser reads in datelines.
DATE_LANGUAGES = ("en", "ru", "uk", "de", "fr", "es", "it", "pt", "pl", "nl")

_MONTH_WORD = r"[^\W\d_]{3,10}\.?"
_YEAR = r"(?:19|20)\d\d"
_DATE_SHAPE = re.compile(
    rf"\b{_YEAR}-\d\d-\d\d(?=\b|T)"                       # 2025-01-08, 2025-01-08T10:00
    rf"|\b\d{{1,2}}[./]\d{{1,2}}[./]{_YEAR}\b"                # 08.01.2025
    rf"|\b\d{{1,2}}\.? {_MONTH_WORD},? {_YEAR}\b"             # 8 Jan. 2025, 8 января 2025
    rf"|\b{_MONTH_WORD} \d{{1,2}}(?:st|nd|rd|th)?,? {_YEAR}\b"  # Jan. 8, 2025
    rf"|\b{_MONTH_WORD},? {_YEAR}\b"                          # March 2024
)


#: Document formats people save articles in that compare cannot read (yet).
_UNSUPPORTED_DOCUMENTS = frozenset(
    (".doc", ".docx", ".odt", ".rtf", ".epub", ".mht", ".mhtml", ".pages", ".json", ".xml")
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)
#: Markdown front matter (`---` YAML or `+++` TOML) at the very start of a file;
#: segment uses it too, since front matter is metadata, not a paragraph.
FRONT_MATTER = re.compile(
    r"\A\ufeff?(?P<fence>---|\+\+\+)[ \t]*\n(?P<body>.*?)\n(?P=fence)[ \t]*(\n|\Z)", re.DOTALL
)
_FRONT_MATTER_KEYS = {
    "title": "title", "author": "author", "authors": "author", "date": "published",
    "published": "published", "outlet": "outlet", "source": "outlet", "publisher": "outlet",
    "site": "outlet", "url": "url", "link": "url", "canonical": "url", "language": "language",
    "lang": "language", "genre": "genre", "accessed": "accessed", "retrieved": "accessed",
    "urldate": "accessed", "saved": "accessed", "clipped": "accessed",
}
_JSONL_TEXT_KEYS = ("text", "body", "articleBody", "content")
_JSONL_META_KEYS = {
    "id": ("id", "Body ID", "body_id", "doc_id"), "title": ("title", "headline"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher"),
    "author": ("author", "authors", "byline"),
    "published": ("published", "date", "published_at", "publish_date"),
    "genre": ("genre",), "url": ("url", "link"), "language": ("language", "lang"),
    "accessed": ("accessed", "retrieved", "urldate", "crawled"),
}


# Adding articles (`compare add`) ----------------------------------------------


def add_to_corpus(
    items: Iterable[str], corpus_dir: str | Path
) -> tuple[list[tuple[Path, SourceMeta]], list[str]]:
    """Copy files or download URLs into the corpus and record them in sources.toml.

    One `compare add` at a time per corpus (a lock on the folder): two at once
    would each rewrite sources.toml from what they read, and one entry would be
    lost. See `_add_unlocked` for what is written.
    """
    root = Path(corpus_dir)
    root.mkdir(parents=True, exist_ok=True)
    with _locked(root):
        return _add_unlocked(items, root)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on `folder` (flock on the folder itself: no lock file)."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def _add_unlocked(
    items: Iterable[str], root: Path
) -> tuple[list[tuple[Path, SourceMeta]], list[str]]:
    """`add_to_corpus` once the corpus is locked.

    Each item is parsed before anything is written, so a file the corpus
    could not read is never added; it becomes a warning instead. An article
    already in the corpus (same bytes) is skipped with a warning. Returns the
    files written with their metadata, and the warnings. The only function of
    this module that writes into a corpus folder.
    """
    known = {}
    for existing in article_files(root):
        try:
            known[hashlib.sha256(read_limited(existing)).hexdigest()] = existing
        except InputFileError:
            continue  # unreadable or too large: reading the corpus warns of it, adding goes on
    taken_ids = {meta.id for meta in read_sidecar(root / SOURCES_FILE).values()}
    added: list[tuple[Path, SourceMeta]] = []
    warnings: list[str] = []
    for item in items:
        try:
            name, raw, url = _obtain(item)
            parsed = parse_bytes(Path(name), raw)
        except InputFileError as error:
            warnings.append(str(error))
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest in known:
            warnings.append(f"{item}: already in the corpus as {known[digest]}; not added again")
            continue
        target = _free_name(root, name, parsed[0] if url else None)
        if not write_atomically(target, raw):
            raise CorpusError(f"{target}: cannot be written; check that {root} is writable")
        known[digest] = target
        added += _record_sources(root, target, parsed, url, taken_ids)
        warnings += [note for record in parsed for note in record.warnings]  # bad JSONL lines
    return added, warnings


def _obtain(item: str) -> tuple[str, bytes, str | None]:
    """(file name, bytes, url or None) for a path or an http(s) URL."""
    if is_url(item):
        download = fetch(item)
        return "download" + download.suffix, download.body, download.final_url
    path = Path(item)
    if path.suffix.lower() not in ARTICLE_SUFFIXES:
        raise InputFileError(item, "is not an article format compare reads",
                             f"use one of {', '.join(ARTICLE_SUFFIXES)}")
    # a name that is not UTF-8 (b"\xe9t\xe9.txt") could not be recorded in sources.toml
    return shown_path(path.name).replace("\ufffd", "_"), read_limited(path), None


def _free_name(root: Path, name: str, parsed: ParsedText | None) -> Path:
    """A file name not yet used in the corpus (downloads are named by title)."""
    suffix = Path(name).suffix
    stem = Path(name).stem
    if parsed is not None:
        stem = slug(parsed.meta.get("title") or stem)[:60].strip("-") or "download"
    candidate, number = root / f"{stem}{suffix}", 2
    while candidate.exists():
        candidate, number = root / f"{stem}-{number}{suffix}", number + 1
    return candidate


def _record_sources(
    root: Path, target: Path, parsed: list[ParsedText], url: str | None, taken_ids: set[str]
) -> list[tuple[Path, SourceMeta]]:
    """Append one [[source]] entry per article of the new file to sources.toml
    (a JSONL file's lines as `file.jsonl#LINE`); each article's path and metadata."""
    added, entries = [], []
    for record in parsed:
        meta = _inferred_meta(target, record)
        if url:
            meta = replace(meta, url=url, inferred=tuple(f for f in meta.inferred if f != "url"))
        ident, number = meta.id, 2
        while ident in taken_ids:
            ident, number = f"{meta.id}-{number}", number + 1
        taken_ids.add(ident)
        meta = replace(meta, id=ident)
        name = target.name + (f"#{record.record}" if record.record else "")
        entry = {"file": name, "id": ident}
        entry.update({f: getattr(meta, f) for f in META_FIELDS if getattr(meta, f)})
        if meta.inferred:
            entry["inferred"] = list(meta.inferred)
        entries.append(entry)
        added.append((target.with_name(name), meta))
    sidecar = root / SOURCES_FILE
    existing = sidecar.read_text(encoding="utf-8") if sidecar.is_file() else ""
    separator = "" if not existing or existing.endswith("\n\n") else (
        "\n" if existing.endswith("\n") else "\n\n")
    header = "" if existing else "# Article metadata; see `compare sources`.\n\n"
    addition = tomli_w.dumps({"source": entries})
    if not write_atomically(sidecar, (existing + separator + header + addition).encode("utf-8")):
        raise CorpusError(f"{sidecar}: cannot be written; check that {root} is writable")
    return added


# Reading ----------------------------------------------------------------------


def _parse_files(
    files: list[Path], progress: bool
) -> Iterator[tuple[Path, list[ParsedText] | str]]:
    """Parse files in order; a process pool for large corpora, a bar on a terminal."""
    names = [str(f) for f in files]
    outcomes = ordered_map(_parse_file, names, min_items=INGEST_PARALLEL_MIN_DOCUMENTS,
                           chunksize=16)
    bar = with_progress(outcomes, len(files), "Reading articles", show=progress and len(files) > 1)
    yield from zip(files, bar, strict=True)


def _parse_file(name: str) -> list[ParsedText] | str:
    """One file to its parsed articles, or the warning line naming the problem."""
    try:
        return _parse_cached(Path(name))
    except InputFileError as error:
        return str(error)


def _parse_cached(path: Path) -> list[ParsedText]:
    """One file to its parsed articles, from the cache when its bytes are known."""
    raw = read_limited(path)
    key = _cache.key(raw, str(path.resolve()))
    cached = _from_cache(_cache.load(key))
    if cached is not None:
        return cached
    parsed = parse_bytes(path, raw)
    _cache.store(key, [item.to_dict() for item in parsed])
    return parsed


def _from_cache(value: object) -> list[ParsedText] | None:
    """A cache entry as parsed articles, or None when it is not one: a damaged
    or foreign entry (valid JSON of another shape) means parsing again."""
    if not isinstance(value, list) or not value:
        return None
    try:
        parsed = [ParsedText.from_dict(item) for item in value]
        return parsed if all(_well_formed(item) for item in parsed) else None
    except (TypeError, ValueError, KeyError, AttributeError):
        return None


def _well_formed(item: ParsedText) -> bool:
    """Every field of the type and range the later stages rely on."""
    return (isinstance(item.text, str) and item.origin in ("file", "extracted")
            and all(isinstance(a, int) and isinstance(b, int) and 0 <= a <= b <= len(item.text)
                    for a, b in item.boilerplate)
            and isinstance(item.meta, dict) and _strings(list(item.meta.values()))
            and _strings(item.declared) and _strings(item.warnings)
            and isinstance(item.content_hash, str)
            and (item.record is None or isinstance(item.record, int)))


def _document(path: Path, parsed: ParsedText, sidecar: dict[str, SourceMeta]) -> Document:
    name = path.name + (f"#{parsed.record}" if parsed.record else "")
    meta = sidecar.get(name) or _inferred_meta(path, parsed)
    return Document(
        meta=meta, path=shown_path(path) + (f"#{parsed.record}" if parsed.record else ""),
        text=parsed.text, boilerplate=tuple(Span(s, e) for s, e in parsed.boilerplate),
        text_origin=parsed.origin, content_hash=parsed.content_hash,
        warnings=tuple(parsed.warnings),
    )


def _inferred_meta(path: Path, parsed: ParsedText) -> SourceMeta:
    """Metadata from the document itself; `inferred` names the guessed fields."""
    values = {f: parsed.meta.get(f) or None for f in META_FIELDS}
    ident = parsed.meta.get("id") or (
        f"{slug(path.stem)}-{parsed.record}" if parsed.record else slug(path.stem)
    )
    declared = set(parsed.declared)
    inferred = tuple(f for f in META_FIELDS if values[f] and f not in declared)
    return SourceMeta(id=slug(str(ident)), inferred=inferred, **values)


def _unique(
    documents: list[Document], warnings: list[str], prefer: set[str]
) -> list[Document]:
    """Drop repeated texts (noting both files) and make ids unique.

    Of two copies, the one described in sources.toml (id in `prefer`) is kept,
    else the first in file order.
    """
    first_by_text: dict[int, Document] = {}
    kept: list[Document] = []
    used_ids: set[str] = set()
    ranked = sorted(documents, key=lambda d: d.meta.id not in prefer)
    order = {id(d): n for n, d in enumerate(documents)}
    for document in ranked:
        fingerprint = hash(_WHITESPACE.sub(" ", _content(document)).strip().lower())
        if fingerprint in first_by_text:
            warnings.append(
                f"{document.path}: same text as {first_by_text[fingerprint].path}; "
                "kept that one only (remove the duplicate to silence this)"
            )
            continue
        first_by_text[fingerprint] = document
        ident, suffix = document.meta.id, 2
        while ident in used_ids:
            ident, suffix = f"{document.meta.id}-{suffix}", suffix + 1
        used_ids.add(ident)
        kept.append(document if ident == document.meta.id
                    else replace(document, meta=replace(document.meta, id=ident)))
    return sorted(kept, key=lambda d: order.get(id(d), len(order)))


def _content(document: Document) -> str:
    """The text without boilerplate, so one article saved twice with different
    page furniture still counts as a duplicate."""
    pieces, position = [], 0
    for span in document.boilerplate:
        pieces.append(document.text[position:span.start])
        position = span.end
    pieces.append(document.text[position:])
    return " ".join(pieces)


def _unsupported_warnings(root: Path) -> list[str]:
    """Documents in a format compare does not read are named, not silently skipped."""
    return [
        f"{path}: {path.suffix} is not a format compare reads; "
        + ("rename it to .jsonl if it holds one article object per line"
           if path.suffix.lower() == ".json" else "save it as .txt, .html or .pdf")
        for path in sorted(root.iterdir())
        if path.suffix.lower() in _UNSUPPORTED_DOCUMENTS and not path.name.startswith(".")
    ]


def _orphan_warnings(root: Path, sidecar: dict[str, SourceMeta], files: list[Path]) -> list[str]:
    names = {f.name for f in files}
    return [
        f"{root / SOURCES_FILE}: entry for {name} names no file in the corpus; "
        "fix the file name or remove the entry"
        for name in sidecar if name.split("#")[0] not in names
    ]


def _load_toml(path: Path) -> dict:
    if not path.resolve().is_relative_to(path.parent.resolve()):
        raise CorpusError(f"{path}: is a link to {path.resolve()}, outside the corpus folder; "
                          "copy the file into the folder instead")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as error:
        raise CorpusError(f"{path}: not valid TOML ({error}); fix the file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(f"{path}: cannot be read ({error}); make it a readable UTF-8 file") \
            from None


__all__ = [
    "ARTICLE_SUFFIXES", "add_to_corpus", "article_files", "boilerplate_spans", "describe_sources",
    "read_codebook", "read_corpus", "read_document", "read_sidecar", "slug",
]
