"""The PDF: a smoke test on the seeds' real briefing (pages, text, footnotes,
fonts, no WeasyPrint warnings) and the renderer's safety (no local files, no
network)."""

from __future__ import annotations

import io
import logging
import re

import pypdf
import pytest

import compare
from compare import pdf, render
from compare.ingest import read_document
from compare.models import (
    AssessedClaim,
    AssessedGroup,
    Assessment,
    Briefing,
    BriefingSource,
    Claim,
    Sentence,
    Topic,
)
from compare.segment import normalise_space


@pytest.fixture(scope="session")
def briefing(seeds_dir) -> Briefing:
    """The real pipeline's kursk-leverage briefing (the README's example)."""
    return compare.brief(compare.load_corpus(seeds_dir), "kursk-leverage")


@pytest.fixture(scope="session")
def rendered(briefing) -> tuple[bytes, list[logging.LogRecord]]:
    """The kursk-leverage PDF and every WeasyPrint log record made while rendering it."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(level=logging.WARNING)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        data = pdf.html_to_pdf(render.render_html(briefing))
    finally:
        logger.removeHandler(handler)
    return data, records


@pytest.fixture(scope="session")
def reader(rendered) -> pypdf.PdfReader:
    """The PDF, parsed."""
    return pypdf.PdfReader(io.BytesIO(rendered[0]))


def _all_text(reader: pypdf.PdfReader) -> str:
    return normalise_space(" ".join(page.extract_text() for page in reader.pages))


def _capture_warnings(html: str) -> tuple[bytes, list[str]]:
    records: list[str] = []
    handler = logging.Handler(level=logging.WARNING)
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        return pdf.html_to_pdf(html), records
    finally:
        logger.removeHandler(handler)


def test_pdf_renders_without_weasyprint_warnings(rendered, reader):
    """The seeds' briefing is a real PDF with pages, made without a single WeasyPrint warning."""
    data, records = rendered
    assert data.startswith(b"%PDF-") and len(reader.pages) > 0
    assert [r.getMessage() for r in records] == []


def test_warning_capture_does_see_weasyprint_warnings():
    """The capture used above does catch a warning (so 'no warnings' means something)."""
    _data, warnings = _capture_warnings('<p style="colour: red">x</p><p style="color: nope">y</p>')
    assert warnings


def test_pdf_text_is_extractable_with_every_section(reader, briefing):
    """The PDF's text holds the title, question and every section heading."""
    text = _all_text(reader)
    for expected in (briefing.topic.title, briefing.topic.question, "Key takeaways", "Sources",
                     "Agreement matrix", "Claim groups", "Unsupported assertions",
                     "Coverage gaps", "Discussion questions", "References"):
        assert normalise_space(expected) in text


def test_pdf_has_page_numbers_and_a_running_header(reader, briefing):
    """Every page says 'page N of M'; pages after the cover repeat the topic title on top."""
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"page {number} of {total}" in text
        if number > 1:
            assert text.lstrip().startswith(briefing.topic.title) or briefing.topic.title in text


def test_pdf_footnotes_cite_each_claim_to_a_real_paragraph(reader, briefing, seeds_dir):
    """Each claim's footnote 'N. source, ¶N, s.M, chars a–b' is in the PDF, ¶N holds that
    span and its sentence M starts it."""
    text = _all_text(reader)
    corpus = compare.load_corpus(seeds_dir)
    from compare.segment import segment

    documents = {d.meta.id: segment(d) for d in corpus.documents}
    notes = re.findall(r"(\d+)\. ([\w-]+), ¶(\d+), s\.(\d+), chars (\d+)–(\d+)", text)
    claims = [c for g in briefing.groups for c in g.claims]
    assert len(notes) == len(claims)
    assert [int(n[0]) for n in notes] == list(range(1, len(claims) + 1))
    for _number, source, paragraph, sentence, start, end in notes:
        block = documents[source].paragraphs[int(paragraph) - 1]
        assert block.start <= int(start) < int(end) <= block.end
        assert block.sentences[int(sentence) - 1].start == int(start)


def test_fonts_are_embedded(rendered):
    """Every font in the PDF is embedded (a file stream in its descriptor), and it is DejaVu."""
    data = rendered[0]
    reader = pypdf.PdfReader(io.BytesIO(data))
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font.get("/FontDescriptor") or
                          font["/DescendantFonts"][0].get_object()["/FontDescriptor"]).get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            names.add(str(font["/BaseFont"]))
    assert names and all("DejaVu" in name for name in names)


def _one_claim_briefing(text: str, title: str = "A topic") -> Briefing:
    sentence = Sentence("src", 1, 0, len(text), text)
    claim = AssessedClaim(Claim(sentence, 0.9), Assessment((), ()))
    group = AssessedGroup("g1", "group", "single-source", "Only src says it.", (claim,))
    source = BriefingSource("src", "src.txt", "t", "o", "a", "2025", "news", None, "en", True)
    return Briefing(Topic("t", title, "Q?"), (source,), (group,), "c", "2025-01-01", "0")


def test_cyrillic_from_seed_004_renders(seeds_dir):
    """The Cyrillic line of seed 004 ("photo Фокус") comes out of the PDF as text, no warning."""
    document = read_document(seeds_dir / "004_cc85c02ca42a962c.txt")
    line = next(line for line in document.text.splitlines() if "Фокус" in line)
    data, warnings = _capture_warnings(render.render_html(_one_claim_briefing(line)))
    text = _all_text(pypdf.PdfReader(io.BytesIO(data)))
    assert "Фокус" in text and warnings == []


# --- safety ---------------------------------------------------------------------


def test_markup_in_article_text_is_printed_not_fetched(monkeypatch):
    """An article's <img src=file:///etc/passwd> is printed as text; nothing is fetched."""
    fetched: list[str] = []
    monkeypatch.setattr(pdf, "fetch_packaged_only", lambda url, *a, **k: fetched.append(url))
    hostile = '<img src="file:///etc/passwd"> <script>document.write("x")</script> said X.'
    data = pdf.html_to_pdf(render.render_html(_one_claim_briefing(hostile)))
    text = _all_text(pypdf.PdfReader(io.BytesIO(data)))
    assert '<img src="file:///etc/passwd">' in text and "<script>" in text
    assert fetched == [] and "root:" not in text


def test_fetcher_refuses_local_files_and_the_network():
    """The url_fetcher refuses file:// outside the templates, http(s) and data: URLs."""
    for url in ("file:///etc/passwd", "https://example.org/x.png", "http://127.0.0.1/",
                "data:text/plain,hi",
                render.packaged_templates().as_uri() + "/../render.py"):
        with pytest.raises(pdf.RefusedResource):
            pdf.fetch_packaged_only(url)


def test_fetcher_serves_packaged_templates():
    """The packaged stylesheet is the one thing the fetcher will serve."""
    served = pdf.fetch_packaged_only(render.packaged_templates().as_uri() + "/briefing.css")
    assert served["mime_type"] == "text/css" and b"@page" in served["string"]


def test_local_file_in_markup_is_refused_by_the_renderer():
    """Even markup that does ask for /etc/passwd (a hostile template) gets nothing from it."""
    html = '<p>before</p><img src="file:///etc/passwd"><object data="/etc/hostname"></object>'
    data, warnings = _capture_warnings(html)
    text = _all_text(pypdf.PdfReader(io.BytesIO(data)))
    assert "root:" not in text and any("refused" in w.lower() or "failed" in w.lower()
                                       for w in warnings)


# --- issue 16: accessible, linked, well laid out ------------------------------------


def _links(reader: pypdf.PdfReader) -> list[tuple[int, str]]:
    """(page index, named destination) of every internal link annotation."""
    found = []
    for index, page in enumerate(reader.pages):
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and "/Dest" in annotation:
                found.append((index, str(annotation["/Dest"])))
    return found


def test_pdf_is_tagged_pdf_ua_with_language_and_metadata(reader, briefing):
    """PDF/UA: marked and tagged, language set, title shown; metadata names the
    topic, the tool, the question, the source ids and the dates."""
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    assert root["/Lang"] == "en" and bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert "pdfuaid" in reader.xmp_metadata.rdf_root.toxml()
    meta = reader.metadata
    assert meta.title == f"{briefing.topic.title} — briefing"
    assert meta.author.startswith(f"compare {briefing.version}")
    assert meta.subject == briefing.topic.question
    assert meta["/Keywords"].split(", ") == [s.id for s in briefing.sources]
    stamp = briefing.generated[:19].replace("-", "").replace(":", "").replace("T", "")
    assert meta["/CreationDate"].startswith(f"D:{stamp}")


def test_footnote_calls_link_to_footnotes_on_the_same_page(reader, briefing):
    """Each footnote call is a link to its footnote, and the footnote is on the call's page;
    each footnote links on to its reference."""
    destinations = {name: reader.get_destination_page_number(dest)
                    for name, dest in reader.named_destinations.items()}
    links = _links(reader)
    calls = [(page, dest) for page, dest in links if dest.startswith("fn-")]
    claims = [c for g in briefing.groups for c in g.claims]
    assert sorted(int(d[3:]) for _, d in calls) == list(range(1, len(claims) + 1))
    assert all(destinations[dest] == page for page, dest in calls)
    refs = [dest for _, dest in links if dest.startswith("ref-")]
    assert set(refs) >= {f"ref-{c.claim.sentence.source}" for c in claims}
    assert all(dest in destinations for dest in refs)


def test_bookmarks_hold_titles_without_badge_text(reader, briefing):
    """The PDF outline lists the sections and each group as 'gN title', no badge words."""
    [document, sections] = reader.outline  # h1, then the h2s with their h3s nested
    assert document.title == briefing.topic.title
    top = [item.title for item in sections if not isinstance(item, list)]
    assert top[:4] == ["Key takeaways", "Sources", "Agreement matrix", "Claim groups"]
    assert not any("Assessment" in title or "automated" in title for title in top)
    groups = next(item for item in sections if isinstance(item, list))
    assert [g.title for g in groups] == [f"{g.id} {g.title}" for g in briefing.groups]


def test_source_rows_never_split_across_pages(reader, briefing):
    """Each source's row and its title line below it are on one page (compared with
    white space removed, since table cells wrap)."""
    pages = [re.sub(r"\s", "", page.extract_text()) for page in reader.pages]
    for source in briefing.sources:
        row = re.sub(r"\s", "", f"{source.id}{source.outlet or '—'}{source.author or '—'}")
        title = re.sub(r"\s", "", (source.title or "untitled")[:40])
        [on] = [i for i, text in enumerate(pages) if row in text]
        assert title in pages[on], source.id


def test_an_empty_briefing_is_one_page(briefing):
    """No source addresses the topic: the PDF is one honest page."""
    from dataclasses import replace

    empty = replace(briefing, groups=(), sources=tuple(replace(s, covers_topic=False)
                                                       for s in briefing.sources))
    data, warnings = _capture_warnings(render.render_html(empty))
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    assert warnings == [] and len(pages) == 1
    assert "No source addresses this topic" in normalise_space(pages[0].extract_text())


def test_group_headings_stay_with_their_first_claim(reader, briefing):
    """No group heading is stranded at a page foot: its bookmark is on the page of the
    group's first footnote call."""
    destinations = {name: reader.get_destination_page_number(dest)
                    for name, dest in reader.named_destinations.items()}
    call_page = {dest: page for page, dest in _links(reader) if dest.startswith("fn-")}
    [_document, sections] = reader.outline
    groups = next(item for item in sections if isinstance(item, list))
    first = 1
    for entry, group in zip(groups, briefing.groups, strict=True):
        heading_page = reader.get_destination_page_number(entry)
        assert call_page[f"fn-{first}"] == heading_page == destinations[f"fn-{first}"], group.id
        first += len(group.claims)


def test_the_readme_gives_each_part_of_the_briefing_its_real_pages(seeds_dir, briefing):
    """The README's list of the briefing's parts, `N. **Part** [first–last]`, names the pages
    on which each part starts (and the PDF's length) as `compare topic kursk-leverage`, run
    in the repository, prints them: the corpus is named `seeds` there, as here."""
    from dataclasses import replace
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    parts = re.findall(r"^\d\. \*\*(.+?)\*\* \[(\d+)(?:–(\d+))?\]", readme, flags=re.M)
    length = int(re.search(r"pages of the (\d+)-page kursk-leverage PDF", readme).group(1))
    relative = replace(briefing, corpus="seeds", sources=tuple(
        replace(s, path=f"seeds/{Path(s.path).name}") for s in briefing.sources))
    reader = pypdf.PdfReader(io.BytesIO(pdf.html_to_pdf(render.render_html(relative))))
    [document, sections] = reader.outline
    starts = {"Cover": reader.get_destination_page_number(document) + 1}
    starts.update({item.title: reader.get_destination_page_number(item) + 1
                   for item in sections if not isinstance(item, list)})
    assert len(parts) == len(starts) == 9 and len(reader.pages) == length
    ends = [int(first) for _name, first, _last in parts[1:]] + [length]
    for (name, first, last), next_start in zip(parts, ends, strict=True):
        assert starts[name] == int(first), name
        assert int(last or first) in (next_start, next_start - 1), name


def test_section_headings_are_never_stranded(reader, briefing):
    """A section heading is on the page where its content starts: the matrix's first
    row and the first group share their heading's page, and every other section's
    heading page holds more of the section than the heading."""
    [_document, sections] = reader.outline
    pages = [re.sub(r"\s", "", page.extract_text()) for page in reader.pages]
    heading_page = {item.title: reader.get_destination_page_number(item)
                    for item in sections if not isinstance(item, list)}
    groups = next(item for item in sections if isinstance(item, list))
    first_title = re.sub(r"\s", "", briefing.groups[0].title)[:30]
    assert first_title in pages[heading_page["Agreement matrix"]].split("THEPOINT", 1)[-1]
    assert reader.get_destination_page_number(groups[0]) == heading_page["Claim groups"]
    for title, page in heading_page.items():
        after = pages[page].split(re.sub(r"\s", "", title), 1)[-1]
        assert len(re.sub(r"page\d+of\d+$", "", after)) >= 150, title
