"""Stage 2: cut a document into paragraphs and sentences with true offsets.

Sentences come from syntok, which keeps each token's character offset and
splits glued sentences such as ``confrontation.The`` (a common artefact of
copy-pasted web text). Paragraph numbers count every block of the original
text, boilerplate included, so a citation "¶7" is what a reader counts in the
file; boilerplate paragraphs are kept but marked, and never yield claims.

syntok is pure Python (~3 ms per news article), so `segment_all` keeps each
document's offsets in the on-disk cache (keyed by its text, its boilerplate
spans, SEGMENT_REVISION and syntok's version) and splits uncached documents
across cores.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

import syntok.segmenter as syntok

from . import _cache
from ._parallel import ordered_map
from .ingest import FRONT_MATTER
from .models import Document, Paragraph, SegmentedDocument, Sentence, Span
from .settings import (
    MIN_SENTENCE_CHARS,
    SEGMENT_PARALLEL_MIN_DOCUMENTS,
    SENTENCE_STATES,
    SENTENCE_TITLES,
    WRAPPED_LINE_MAX,
    WRAPPED_LINE_MIN,
)

#: Bump when segmentation changes for the same text, so cached offsets are not reused.
SEGMENT_REVISION = "segment-7"

#: Offsets of one document: per paragraph (start, end, boilerplate, sentence
#: spans, before sentences under settings.MIN_SENTENCE_CHARS are dropped).
_Layout = list[tuple[int, int, bool, list[tuple[int, int]]]]

_BLANK_LINES = re.compile(r"\n[ \t\r\f\v]*\n")
_WHITESPACE = re.compile(r"\s+")
#: A title written before a name ("Gov. Jerry Brown", "Lt. Gen. Flynn"): a
#: chunk of syntok's that ends with one never ends a sentence.
_ENDS_WITH_TITLE = re.compile(rf"(?:^|[\s(\"“'‘-])(?:{SENTENCE_TITLES})\.$")
#: A state abbreviation ("Mass.") ends a sentence unless a title follows it
#: ("Mass. Gov. Deval Patrick").
_ENDS_WITH_STATE = re.compile(rf"(?:^|\s)(?:{SENTENCE_STATES})\.$")
_STARTS_WITH_TITLE = re.compile(rf"^(?:{SENTENCE_TITLES})\.\s")


def ends_with_title(text: str) -> bool:
    """Whether `text` ends with a title's full stop ("... said Gov."): no
    sentence ends there (the segmenter's rule, shared with assess)."""
    return bool(_ENDS_WITH_TITLE.search(text))
#: No sentence opens with a possessive: "Martin Luther King Jr. ' s speech"
#: (the spaced apostrophe of some news feeds; syntok cuts after "Jr." there).
_STARTS_WITH_POSSESSIVE = re.compile(r"^['’]\s?s\b")
#: A sentence glued to one that ends in a figure ("9/11/2001.Arizona
#: Congressman ..."); syntok splits letters glued this way, not digits.
_GLUED_AFTER_FIGURE = re.compile(r"(?<=\d)\.(?=[A-Z][a-z])")
#: A closing quotation mark written after a space ('... families. "'), which
#: syntok gives to the next sentence: a straight mark followed by the end or
#: by a space and a new sentence can only close a quote (one followed by
#: other marks, '" ) imperial ambitions', is left where it is).
_LEADING_CLOSER = re.compile(r"[”\"](?=\s*$|\s+[A-Z“\"‘'])\s*")


def segment(document: Document) -> SegmentedDocument:
    """Split `document.text` into numbered paragraphs of sentences.

    Paragraphs inside a boilerplate span are kept (so numbering matches the
    file) but marked and given no sentences; sentences lose any boilerplate
    they overlap.
    """
    return _from_layout(document, _layout(document.text, document.boilerplate))


def segment_all(documents: Sequence[Document]) -> tuple[SegmentedDocument, ...]:
    """`segment` for a whole corpus: cached offsets where known, the rest in parallel."""
    keys = [_layout_key(d) for d in documents]
    layouts = [_load_layout(k, len(d.text)) for k, d in zip(keys, documents, strict=True)]
    missing = [i for i, layout in enumerate(layouts) if layout is None]
    texts = [(documents[i].text, documents[i].boilerplate) for i in missing]
    for i, layout in zip(missing, _layouts(texts), strict=True):
        layouts[i] = layout
        _cache.store(keys[i], layout, namespace="segment")
    return tuple(_from_layout(d, layout) for d, layout in zip(documents, layouts, strict=True))


def _layouts(texts: list[tuple[str, tuple[Span, ...]]]) -> Iterator[_Layout]:
    return ordered_map(_layout_of, texts, min_items=SEGMENT_PARALLEL_MIN_DOCUMENTS,
                       chunksize=16)


def _layout_of(item: tuple[str, tuple[Span, ...]]) -> _Layout:
    return _layout(*item)


def _layout(text: str, boilerplate: tuple[Span, ...]) -> _Layout:
    """The offsets of every paragraph and of its sentences, boilerplate cut off."""
    layout = []
    for start, end in paragraph_spans(text):
        is_boilerplate = _inside_any(start, end, boilerplate)
        spans = [] if is_boilerplate else sentence_spans(text, start, end)
        layout.append((start, end, is_boilerplate,
                       list(_without_boilerplate(text, spans, boilerplate))))
    return layout


def _from_layout(document: Document, layout: _Layout) -> SegmentedDocument:
    """Paragraphs numbered as a reader counts them: a Markdown file's front
    matter is metadata (shown rendered as nothing), so it is no paragraph."""
    source, text = document.meta.id, document.text
    front = _front_matter_end(document)
    body = [item for item in layout if item[1] > front]
    inner = document.boilerplate
    paragraphs = []
    for index, (start, end, boilerplate, spans) in enumerate(body, start=1):
        said = ((s, e, sentence_text(text, s, e, inner)) for s, e in spans)
        paragraphs.append(Paragraph(source, index, start, end, tuple(
            Sentence(source, index, s, e, words) for s, e, words in said
            if len(words) >= MIN_SENTENCE_CHARS
        ), bool(boilerplate)))
    return SegmentedDocument(document, tuple(paragraphs))


def _front_matter_end(document: Document) -> int:
    """Where a Markdown file's front matter ends (0 if none; never for .txt,
    whose text is all the article's)."""
    if document.path.lower().endswith(".txt"):
        return 0
    match = FRONT_MATTER.match(document.text)
    return match.end() if match else 0


def _layout_key(document: Document) -> str:
    spans = ";".join(f"{s.start}-{s.end}" for s in document.boilerplate)
    settings = f"{MIN_SENTENCE_CHARS},{WRAPPED_LINE_MIN},{WRAPPED_LINE_MAX}"
    return _cache.key(document.text.encode("utf-8"), SEGMENT_REVISION, _syntok_version(),
                      spans, settings)


def _syntok_version() -> str:
    """syntok's version: a new release may cut sentences differently."""
    return f"syntok-{_cache.installed_version('syntok')}"


def _load_layout(key: str, length: int) -> _Layout | None:
    """Cached offsets, or None when the entry is not a layout of a text of this
    `length` (no paragraphs, or spans past its end): then segment again."""
    value = _cache.load(key, namespace="segment")
    try:
        layout = [(int(a), int(b), bool(c), [(int(s), int(e)) for s, e in d])
                  for a, b, c, d in value] if isinstance(value, list) else None
    except (TypeError, ValueError):
        return None  # an entry from a foreign or damaged cache: segment again
    spans = [(a, b) for a, b, _c, d in layout or () for a, b in [(a, b), *d]]
    return layout if spans and all(0 <= a <= b <= length for a, b in spans) else None


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return _WHITESPACE.sub(" ", text).strip()


def paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each non-empty paragraph.

    Blocks are separated by blank lines. Inside a block, every line is its own
    paragraph (web text saved as .txt puts one paragraph per line) unless the
    block looks hard-wrapped (email-style lines of similar, short length), in
    which case the block is one paragraph.
    """
    for block_start, block_end in _blocks(text):
        block = text[block_start:block_end]
        lines = block.split("\n")
        if _looks_hard_wrapped(lines):
            yield _strip_span(text, block_start, block_end)
            continue
        offset = block_start
        for line in lines:
            if line.strip():
                yield _strip_span(text, offset, offset + len(line))
            offset += len(line) + 1


def sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each sentence of text[start:end], in file offsets.

    syntok's sentences are joined again where it cut after a title ("Gov.",
    "Sen.", "Lt."; see SENTENCE_TITLES) and cut where a sentence is glued to
    one ending in a figure ("2001.Arizona"); a closing quotation mark cut off
    after a space goes back to the sentence it closes.
    """
    spans = _closers_back(_joined_at_titles(_syntok_spans(text, start, end), text), text)
    for s, e in spans:
        for piece_start, piece_end in _split_after_figures(text, s, e):
            if len(text[piece_start:piece_end].strip()) >= MIN_SENTENCE_CHARS:
                yield piece_start, piece_end


def _syntok_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    chunk = text[start:end]
    for syntok_paragraph in syntok.analyze(chunk):
        for tokens in syntok_paragraph:
            if tokens:
                first, last = tokens[0], tokens[-1]
                yield start + first.offset, start + last.offset + len(last.value)


def _joined_at_titles(spans: Iterable[tuple[int, int]], text: str) -> Iterator[tuple[int, int]]:
    """Join a span that ends with a title abbreviation to the next one, and a
    span to the next one when that one opens with a possessive ("' s")."""
    pending: tuple[int, int] | None = None
    for s, e in spans:
        if pending is not None:
            s = pending[0]
        sentence = text[s:e]
        pending = None
        following = text[e:e + 40].lstrip()
        if _ENDS_WITH_TITLE.search(sentence) or _STARTS_WITH_POSSESSIVE.match(following) or (
                _ENDS_WITH_STATE.search(sentence) and _STARTS_WITH_TITLE.match(following)):
            pending = (s, e)
            continue
        yield s, e
    if pending is not None:
        yield pending


def _closers_back(spans: Iterable[tuple[int, int]], text: str) -> Iterator[tuple[int, int]]:
    """Move a closing quotation mark that opens a span to the span before it."""
    previous: tuple[int, int] | None = None
    for s, e in spans:
        if previous is not None and (closer := _LEADING_CLOSER.match(text, s, e)):
            previous = (previous[0], s + 1)
            s = closer.end()
            if s >= e:
                continue
        if previous is not None:
            yield previous
        previous = (s, e)
    if previous is not None:
        yield previous


def _split_after_figures(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    position = start
    for match in _GLUED_AFTER_FIGURE.finditer(text, start, end):
        yield position, match.end()
        position = match.end()
    yield position, end


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    position = 0
    for match in _BLANK_LINES.finditer(text):
        yield position, match.start()
        position = match.end()
    yield position, len(text)


def _looks_hard_wrapped(lines: list[str]) -> bool:
    body = [line for line in lines[:-1] if line.strip()]
    if len(body) < 2:
        return False
    return all(WRAPPED_LINE_MIN <= len(line) <= WRAPPED_LINE_MAX for line in body) and not all(
        line.rstrip().endswith((".", "!", "?", ":", "\u201d", '"')) for line in body
    )


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _without_boilerplate(
    text: str, spans: Iterable[tuple[int, int]], boilerplate: tuple[Span, ...]
) -> Iterator[tuple[int, int]]:
    """Drop sentences inside boilerplate and cut boilerplate off the ends of
    others: ingest may mark a sub-line span, e.g. a byline glued to the last
    sentence of a paragraph ("...end of story.About the author..."). Sentences
    too short to be claims are dropped by `_from_layout`, which reads each
    sentence's text once."""
    for start, end in spans:
        for span in boilerplate:
            if span.start < end and start < span.end:  # overlap
                if _strictly_inside(span, start, end, text):
                    continue  # furniture inside the sentence: left out of its text
                if span.start > start:
                    end = span.start
                else:
                    start = max(start, span.end)
        start, end = _strip_span(text, start, end)
        if start < end:
            yield start, end


def _strictly_inside(span: Span, start: int, end: int, text: str) -> bool:
    """Whether boilerplate lies inside a sentence with words on both sides
    (The Hill's inline link text), not at one of its ends."""
    return start < span.start and span.end < end and bool(text[span.end:end].strip())


def sentence_text(text: str, start: int, end: int, boilerplate: Iterable[Span] = ()) -> str:
    """What a sentence says: `text[start:end]` with white space collapsed and
    any furniture inside it (The Hill's inline link text) left out."""
    pieces, at = [], start
    for span in sorted(boilerplate, key=lambda s: s.start):
        if _strictly_inside(span, start, end, text) and span.start >= at:
            pieces.append(text[at:span.start])
            at = span.end
    pieces.append(text[at:end])
    return normalise_space("".join(pieces))


def _inside_any(start: int, end: int, spans: tuple[Span, ...]) -> bool:
    return any(span.start <= start and end <= span.end for span in spans)
