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
    """Each claim's footnote 'source, ¶N, chars a–b' is in the PDF, and ¶N holds that span."""
    text = _all_text(reader)
    corpus = compare.load_corpus(seeds_dir)
    from compare.segment import segment

    documents = {d.meta.id: segment(d) for d in corpus.documents}
    notes = re.findall(r"(\d+)\. ([\w-]+), ¶(\d+), chars (\d+)–(\d+)", text)
    claims = [c for g in briefing.groups for c in g.claims]
    assert len(notes) == len(claims)
    assert [int(n[0]) for n in notes] == sorted(int(n[0]) for n in notes)
    for _number, source, paragraph, start, end in notes:
        block = documents[source].paragraphs[int(paragraph) - 1]
        assert block.start <= int(start) < int(end) <= block.end


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
