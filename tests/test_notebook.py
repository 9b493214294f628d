"""The notebook API: a Briefing shows itself in Jupyter, saves itself, and turns
into table rows (issue 16)."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace

import lxml.html
import pypdf
import pytest

import compare
from compare.models import Briefing


@pytest.fixture(scope="module")
def briefing(seeds_dir) -> Briefing:
    """The real regime-stability briefing (agreements, unsupported claims)."""
    return compare.brief(compare.load_corpus(seeds_dir), "regime-stability")


def test_repr_html_shows_groups_and_flags(briefing):
    """`_repr_html_` is a compact table: one row per group with relation, sources, flags."""
    page = lxml.html.fromstring(briefing._repr_html_())
    rows = page.xpath("//tbody/tr")
    assert len(rows) == len(briefing.groups)
    for row, group in zip(rows, briefing.groups, strict=True):
        cells = [td.text_content() for td in row.xpath("td")]
        assert cells[0] == group.id and cells[1] == group.relation and cells[3] == group.title
        flags = sum(len(c.assessment.flags) for c in group.claims)
        assert sum(int(n) for n in re.findall(r"\d+", cells[4])) == flags
    assert f"{len(briefing.unsupported)} unsupported" in page.text_content()


def test_repr_html_escapes_article_text(briefing):
    """A group title with markup stays text in the notebook view."""
    hostile = replace(briefing, groups=(replace(briefing.groups[0],
                                                title="<script>alert(1)</script>"),))
    page = lxml.html.fromstring(hostile._repr_html_())
    assert page.xpath("//script") == [] and "<script>" in page.text_content()


def test_to_records_is_one_row_per_claim_with_its_citation(briefing, seeds_dir):
    """Each record is one claim with its group, source, offsets and flags; rows write
    as CSV with one header."""
    records = briefing.to_records()
    claims = [c for g in briefing.groups for c in g.claims]
    assert len(records) == len(claims)
    texts = {d.meta.id: d.text for d in compare.load_corpus(seeds_dir).documents}
    for record, claim in zip(records, claims, strict=True):
        assert record["source"] == claim.claim.sentence.source
        assert " ".join(texts[record["source"]][record["start"]:record["end"]].split()) \
            == record["text"]
        assert record["flags"].split("; ") == list(claim.assessment.flags) or \
            (record["flags"] == "" and not claim.assessment.flags)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]))
    writer.writeheader()
    writer.writerows(records)
    assert len(list(csv.DictReader(io.StringIO(out.getvalue())))) == len(records)


def test_save_and_to_pdf_write_the_formats_asked(briefing, tmp_path):
    """`save('x.md')` writes Markdown, `save('x.json')` the JSON contract, `to_pdf` a PDF
    with its bibliography beside it."""
    assert briefing.save(tmp_path / "x.md") == [tmp_path / "x.md"]
    assert (tmp_path / "x.md").read_text("utf-8").startswith(f"# {briefing.topic.title}")
    briefing.save(tmp_path / "x.json")
    assert json.loads((tmp_path / "x.json").read_text("utf-8")) == json.loads(briefing.to_json())
    written = briefing.to_pdf(tmp_path / "x.pdf")
    assert written == [tmp_path / "x.pdf", tmp_path / "x.bib", tmp_path / "x.csl.json"]
    assert len(pypdf.PdfReader(tmp_path / "x.pdf").pages) > 1
