"""Rendering: the briefing's sections, citations and exports, read from the
HTML and Markdown that Jinja produces for the seeds' real briefings.

The PDF itself is smoke-tested in test_pdf.py.
"""

from __future__ import annotations

import calendar
import json
import os
import re
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

import compare
from compare import render
from compare.cli import cli
from compare.errors import CompareError
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
from compare.segment import normalise_space, segment

#: The sections of issue 5, in the order the briefing must show them.
SECTIONS = ["cover", "takeaways", "sources", "matrix", "groups", "unsupported", "gaps",
            "questions", "references"]

#: regime-stability is the seeds' richest topic (agreement, divergence,
#: unsupported claims, gaps); kursk-leverage is the README's example.
TOPICS = ["kursk-leverage", "regime-stability"]


@pytest.fixture(scope="session")
def corpus(seeds_dir):
    """The seed corpus, read once."""
    return compare.load_corpus(seeds_dir)


@pytest.fixture(scope="session")
def briefings(corpus) -> dict[str, Briefing]:
    """The real pipeline's briefings for the topics under test."""
    return {topic: compare.brief(corpus, topic) for topic in TOPICS}


@pytest.fixture(scope="session")
def pages(briefings) -> dict[str, lxml.html.HtmlElement]:
    """Each briefing's HTML, parsed."""
    return {topic: lxml.html.fromstring(render.render_html(b)) for topic, b in briefings.items()}


@pytest.fixture(scope="session")
def documents(corpus):
    """Segmented seed documents by source id."""
    return {d.meta.id: segment(d) for d in corpus.documents}


def _text(element) -> str:
    return normalise_space(element.text_content())


def _all_claims(briefing: Briefing) -> list[AssessedClaim]:
    return [c for g in briefing.groups for c in g.claims]


# --- sections -------------------------------------------------------------------


@pytest.mark.parametrize("topic", TOPICS)
def test_every_section_is_present_in_the_issue_order(pages, topic):
    """The HTML has the nine sections of issue 5, in that order."""
    ids = [s.get("id") for s in pages[topic].xpath("//section")]
    assert ids == SECTIONS


@pytest.mark.parametrize("topic", TOPICS)
def test_cover_names_topic_question_dates_and_version(pages, briefings, topic):
    """The cover gives title, question, corpus, date range, generated date and version."""
    b, cover = briefings[topic], _text(pages[topic].get_element_by_id("cover"))
    for expected in (b.topic.title, b.topic.question, b.generated, f"compare {b.version}",
                     render.date_range(b)):
        assert normalise_space(expected) in cover


@pytest.mark.parametrize("topic", TOPICS)
def test_takeaways_are_three_to_six_and_cite_real_claims(pages, briefings, topic):
    """3-6 takeaways; every citation mark links to a claim shown in the briefing."""
    page = pages[topic]
    bullets = page.xpath("//ul[@class='takeaways']/li")
    assert 3 <= len(bullets) <= 6
    anchors = {e.get("id") for e in page.xpath("//div[contains(@class,'claim')]")}
    marks = page.xpath("//section[@id='takeaways']//a[@class='mark']")
    assert all(m.get("href")[1:] in anchors for m in marks)
    relations = {g.relation for g in briefings[topic].groups}
    kinds = {b.get("class").split()[1] for b in bullets}
    assert ({"agreement", "divergence"} & relations) <= kinds


def test_an_agreement_takeaway_says_the_claims_were_grouped_not_that_they_agree(briefings):
    """Most grouped claims share a subject rather than a point (README, the reading
    of kursk-leverage), so a takeaway tells what the tool did and asks for the
    quotes to be read; it never asserts that the sources make the same point."""
    texts = [t.text for t in render.takeaways(briefings["kursk-leverage"])
             if t.kind == "agreement"]
    assert texts
    assert all("were grouped as making the same point (read their quotes before citing it)"
               in text and " make the same point" not in text for text in texts)


def test_takeaways_state_the_biggest_unsupported_claim(briefings):
    """The most topic-relevant unsupported claim is a takeaway, with its reason."""
    b = briefings["regime-stability"]
    biggest = render.ranked_unsupported(b)[0]
    texts = [t.text for t in render.takeaways(b) if t.kind == "unsupported"]
    assert texts and render.flag_reason(biggest, "unsupported") in texts[0]


@pytest.mark.parametrize("topic", TOPICS)
def test_source_table_counts_attributed_and_unsupported_claims(pages, briefings, topic):
    """Each source row gives metadata and its attributed/unsupported counts on the topic."""
    b = briefings[topic]
    rows = pages[topic].xpath("//table[@class='sources']/tbody/tr[not(contains(@class,'sub'))]")
    assert [r.xpath("td")[0].text_content() for r in rows] == [s.id for s in b.sources]
    for row, source in zip(rows, b.sources, strict=True):
        cells = [_text(td) for td in row.xpath("td")]
        mine = [c for c in _all_claims(b) if c.claim.sentence.source == source.id]
        assert cells[1] == (source.outlet or "—") and cells[5] == (source.language or "—")
        assert cells[6] == ("yes" if source.covers_topic else "no")
        assert int(cells[7]) == len(mine)
        assert int(cells[8]) == sum("attributed" in c.assessment.flags for c in mine)
        assert int(cells[9]) == sum("unsupported" in c.assessment.flags for c in mine)


@pytest.mark.parametrize("topic", TOPICS)
def test_agreement_matrix_has_a_cell_per_group_and_source(pages, briefings, topic):
    """The matrix table has a row per group (its id linking to the group, its title
    beside its cells) and a cell per source, silent exactly where a source has no claim."""
    b = briefings[topic]
    table = pages[topic].xpath("//section[@id='matrix']//table[@class='matrix']")[0]
    heads = table.xpath("./thead//th[@data-source]")
    names = render.source_names(b)
    assert [(h.get("data-source"), _text(h)) for h in heads] == [(s.id, names[s.id])
                                                                 for s in b.sources]
    rows = table.xpath("./tbody/tr")
    assert len(rows) == len(b.groups)
    expected = {"agreement": "agree", "divergence": "diverge", "single-source": "single"}
    for row, group in zip(rows, b.groups, strict=True):
        assert row.xpath("./th/a/@href") == [f"#{group.id}"]
        assert _text(row.xpath("./td[@class='point']")[0]).endswith(group.title)
        cells = row.xpath("./td[contains(@class,'cell')]")
        assert [c.get("data-source") for c in cells] == [s.id for s in b.sources]
        speaking = {c.claim.sentence.source for c in group.claims}
        for cell, source in zip(cells, b.sources, strict=True):
            state = cell.get("class").split()[1]
            assert state == (expected[group.relation] if source.id in speaking else "silent")


@pytest.mark.parametrize("topic", TOPICS)
def test_each_group_shows_its_sources_side_by_side(pages, briefings, topic):
    """A group section has one column per source with claims, each claim's text and rationale."""
    for group in briefings[topic].groups:
        article = pages[topic].get_element_by_id(group.id)
        names = [_text(p).split(" · ")[0] for p in article.xpath(".//p[@class='source-name']")]
        assert names == list(render.group_sources(group))
        shown = [_text(q) for q in article.xpath(".//blockquote")]
        for claim, quote in zip(group.claims, shown, strict=True):
            assert quote.startswith(claim.claim.sentence.text)
        assert "Assessment (automated)" in _text(article.xpath(".//p[@class='rationale']")[0])
        assert normalise_space(render.rationale(briefings[topic], group)) in _text(article)


@pytest.mark.parametrize("topic", TOPICS)
def test_footnotes_point_to_real_paragraphs(pages, documents, topic):
    """Every citation's paragraph holds its character span, and the span is the claim."""
    notes = pages[topic].xpath("//span[@class='fn']")
    assert notes
    for note in notes:
        source, paragraph = note.get("data-source"), int(note.get("data-paragraph"))
        start, end = int(note.get("data-start")), int(note.get("data-end"))
        document = documents[source]
        block = document.paragraphs[paragraph - 1]
        assert block.index == paragraph and block.start <= start < end <= block.end
        sentence = int(note.get("data-sentence"))
        assert block.sentences[sentence - 1].start == start  # s.N is the Nth sentence
        quote = note.getparent()
        claim_text = normalise_space("".join(quote.xpath("./text()|./mark/text()")))
        assert normalise_space(document.document.text[start:end]) == claim_text
        number = note.get("id").removeprefix("fn-")
        assert _text(note) == f"{number}. {source}, ¶{paragraph}, s.{sentence}, chars {start}–{end}"


def test_decisive_words_are_the_assessors_cues(pages, briefings):
    """Marked words are the cues quoted in the flag reasons (e.g. a hedge), never invented."""
    b, page = briefings["kursk-leverage"], pages["kursk-leverage"]
    hedged = next(c for c in _all_claims(b) if "hedged" in c.assessment.flags)
    cue = re.search(r"'([^']+)'", render.flag_reason(hedged, "hedged")).group(1)
    claim = page.get_element_by_id(render.cite(hedged).anchor)
    assert cue.lower() in [m.text.lower() for m in claim.xpath(".//mark[@class='cue-hedge']")]
    for mark in page.xpath("//blockquote/mark[not(@class='cue-figure')]"):
        owner = mark.xpath("ancestor::div[contains(@class,'claim')]")[0]
        reasons = _text(owner.xpath(".//ul[@class='flags']")[0])
        assert mark.text.lower() in reasons.lower()


def test_a_cue_inside_a_wider_cue_keeps_its_own_mark(pages, briefings):
    """Every word of every cue a reason quotes is marked in its claim, and a
    hedge inside a vague attribution ('Reports suggest') is marked as a hedge:
    overlapping cues split, neither hides the other."""
    b, page = briefings["kursk-leverage"], pages["kursk-leverage"]
    nested = 0
    for claim in _all_claims(b):
        html = page.get_element_by_id(render.cite(claim).anchor)
        marks = {m.text.lower(): m.get("class") for m in html.xpath(".//blockquote/mark")}
        cues = {flag: render._QUOTED_CUE.findall(reason) for flag, reason in
                zip(claim.assessment.flags, claim.assessment.reasons, strict=False)}
        for quoted in cues.values():
            for cue in quoted:
                if cue.lower() not in claim.claim.sentence.text.lower():
                    continue  # a reason may quote a word of a neighbouring sentence
                for word in re.findall(r"[\w'’-]+", cue.lower()):
                    assert any(word in m for m in marks), (cue, marks)
        inner = [(f, c) for f, q in cues.items() for c in q for g, r in cues.items()
                 for w in r if g != f and c.lower() in w.lower() and c.lower() != w.lower()]
        for flag, cue in inner:
            nested += 1
            assert marks.get(cue.lower()) == render._CUE_CLASS.get(flag, "cue"), (cue, marks)
    assert nested > 0  # 'Reports suggest' / 'suggest' in the Times' piece


def test_unsupported_box_lists_each_with_its_reason(pages, briefings):
    """The unsupported box lists every unsupported claim, with the assessor's reason."""
    b = briefings["regime-stability"]
    items = pages["regime-stability"].xpath("//section[@id='unsupported']//li")
    assert len(items) == len(b.unsupported) > 0
    shown = {_text(li) for li in items}
    for claim in b.unsupported:
        reason = normalise_space(render.flag_reason(claim, "unsupported"))
        assert any(claim.claim.sentence.text in s and reason in s for s in shown)


@pytest.mark.parametrize("topic", TOPICS)
def test_coverage_gaps_name_exactly_the_silent_sources(pages, briefings, topic):
    """Each gap row lists the sources that have no claim in that group."""
    b = briefings[topic]
    rows = pages[topic].xpath("//table[@class='gaps']/tbody/tr")
    by_group = {_text(r.xpath("td")[0]): r.xpath("td")[2] for r in rows}
    names = render.source_names(b)
    for group in b.groups:
        speaking = set(render.group_sources(group))
        silent = [s.id for s in b.sources if s.id not in speaking]
        cell = by_group.get(group.id)
        assert (cell.get("data-sources").split() if cell is not None else []) == silent
        if cell is not None:  # shown by name
            assert _text(cell) == ", ".join(names[s] for s in silent)


def test_discussion_questions_come_from_divergences_and_the_question(briefings):
    """Each divergence yields a question naming its sources; the topic question closes.

    No seed topic has a divergence today, so the widest group of a real
    briefing is relabelled as one."""
    real = briefings["regime-stability"]
    widest = max(real.groups, key=lambda g: len(render.group_sources(g)))
    b = replace(real, groups=tuple(replace(g, relation="divergence") if g is widest else g
                                   for g in real.groups))
    questions = render.discussion_questions(b)
    divergent = [g for g in b.groups if g.relation == "divergence"]
    assert divergent and 1 <= len(questions) <= 6
    names = render.source_names(b)
    assert render.and_list([names[s] for s in render.group_sources(divergent[0])]) in questions[0]
    assert b.topic.question in questions[-1]


@pytest.mark.parametrize("topic", TOPICS)
def test_references_list_every_source(pages, briefings, topic):
    """The reference list has one entry per source with its author or outlet and date."""
    items = pages[topic].xpath("//ol[@class='references']/li")
    assert [li.get("id") for li in items] == [f"ref-{s.id}" for s in briefings[topic].sources]
    for li, source in zip(items, briefings[topic].sources, strict=True):
        assert (source.author or source.outlet or source.id) in _text(li)


def _parse_bib(text: str):
    """The .bib text parsed back by bibtexparser, names split into parts."""
    import bibtexparser
    from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts

    library = bibtexparser.parse_string(
        text, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    assert library.failed_blocks == []
    return library


def test_bibtex_has_one_well_formed_entry_per_source(briefings):
    """The .bib parses back with an entry per source id; specials escaped, url verbatim."""
    b = briefings["kursk-leverage"]
    library = _parse_bib(render.render_bibtex(b))
    assert [e.key for e in library.entries] == [s.id for s in b.sources]
    notes = " ".join(e["note"] for e in library.entries)
    assert "000\\_93a67479786ea94b.txt" in notes  # the file name's underscore is escaped
    for entry, source in zip(library.entries, b.sources, strict=True):
        assert entry.entry_type == "misc" or "title" in entry.fields_dict  # no untitled @article
        if source.published and len(source.published) >= 7:
            month = entry.fields_dict["month"]
            assert month.value == calendar.month_abbr[int(source.published[5:7])].lower()


def test_bibtex_keys_stay_unique_when_ids_are_not_ascii_slugs(briefings):
    """Ids from sources.toml ("a b", "a/b") or Cyrillic file names ("фокус", "вести")
    that clean up to one key get distinct keys, so the .bib is written and parses back:
    a repeated key raised ValueError and no PDF or HTML was written."""
    real = briefings["kursk-leverage"]
    ids = ["a b", "a/b", "фокус", "вести", "kaspruk-2024"]
    b = replace(real, sources=tuple(replace(s, id=i) for s, i in zip(real.sources, ids,
                                                                    strict=True)))
    keys = [e.key for e in _parse_bib(render.render_bibtex(b)).entries]
    assert keys == ["a-b", "a-b-2", "source-3", "source-4", "kaspruk-2024"]


@pytest.mark.parametrize(("author", "names"), [
    ("Ann Lee; Bo Kim", ["Ann Lee", "Bo Kim"]),
    ("Ann Lee and Bo Kim", ["Ann Lee", "Bo Kim"]),
    ("Ann Lee, Bo Kim and Cy Young", ["Ann Lee", "Bo Kim", "Cy Young"]),
    ("Ann Lee, Bo Kim", ["Ann Lee", "Bo Kim"]),
    ("Lee, Ann", ["Lee, Ann"]),
    ("Viktor Kaspruk", ["Viktor Kaspruk"]),
])
def test_bibtex_authors_are_split_and_joined_with_and(briefings, author, names):
    """Each way of listing authors becomes BibTeX names joined with 'and', read back as
    the same people by a BibTeX parser; the CSL-JSON lists them too."""
    real = briefings["kursk-leverage"]
    b = replace(real, sources=(replace(real.sources[2], author=author),))
    [entry] = _parse_bib(render.render_bibtex(b)).entries
    people = entry["author"]
    assert [" ".join([*p.first, *p.von, *p.last]) if "," not in n else f"{p.last[0]}, "
            f"{p.first[0]}" for p, n in zip(people, names, strict=True)] == names
    [item] = json.loads(render.render_csl(b))
    assert len(item["author"]) == len(names)


def test_bibtex_escapes_specials_but_not_the_url(briefings):
    """_ & % # and backslashes are escaped in titles; the url stays as it is, with urldate."""
    real = briefings["kursk-leverage"]
    url = "https://example.org/a_b?x=1&y=2#top"
    b = replace(real, sources=(replace(real.sources[2], title=r"Kursk_2024: 50% & #1 \ odd",
                                       url=url, accessed="2024-08-27"),))
    text = render.render_bibtex(b)
    [entry] = _parse_bib(text).entries
    assert entry["title"] == r"Kursk\_2024: 50\% \& \#1 \textbackslash{} odd"
    assert entry["url"] == url and entry["urldate"] == "2024-08-27"
    assert entry.entry_type == "article" and entry["journal"] == "Byline Times"
    [item] = json.loads(render.render_csl(b))
    assert item["URL"] == url and item["accessed"] == {"date-parts": [[2024, 8, 27]]}


def test_urldate_is_the_declared_access_date_never_the_run_date(briefings, tmp_path):
    """`accessed` in sources.toml or front matter becomes urldate / CSL accessed; a
    source that does not say when it was read gets none (the run's date would be a
    guess presented as a fact)."""
    from compare.ingest import read_document

    real = briefings["kursk-leverage"]
    b = replace(real, sources=(replace(real.sources[2], url="https://example.org/k"),))
    [entry] = _parse_bib(render.render_bibtex(b)).entries
    assert entry["url"] == "https://example.org/k" and "urldate" not in entry.fields_dict
    assert "accessed" not in json.loads(render.render_csl(b))[0]
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: A\nurl: https://example.org/a\nretrieved: 27 Aug. 2024\n"
                       "---\nThe port will connect its cranes to the grid next year.\n", "utf-8")
    assert read_document(article).meta.accessed == "2024-08-27"


def test_no_article_without_a_title(briefings):
    """A news source without a title is @misc, never an @article with no title."""
    real = briefings["kursk-leverage"]
    b = replace(real, sources=(replace(real.sources[2], title=None),))
    [entry] = _parse_bib(render.render_bibtex(b)).entries
    assert entry.entry_type == "misc" and "title" not in entry.fields_dict


def test_csl_json_describes_each_source(briefings, tmp_path):
    """The .csl.json beside a report has one CSL item per source: type, title, authors,
    container, issued date parts."""
    b = briefings["kursk-leverage"]
    written = render.write_reports(b, ["html"], tmp_path / "k.html")
    assert tmp_path / "k.csl.json" in written
    items = json.loads((tmp_path / "k.csl.json").read_text("utf-8"))
    assert [i["id"] for i in items] == [s.id for s in b.sources]
    for item, source in zip(items, b.sources, strict=True):
        assert item.get("title") == source.title and item.get("container-title") == source.outlet
        assert item["issued"]["date-parts"][0] == [int(p) for p in source.published.split("-")]
        assert item["type"] in {"article-newspaper", "article-magazine", "post-weblog"}
    wolff = next(i for i in items if i["id"] == "conversation-wolff")
    assert wolff["author"] == [{"family": "Wolff", "given": "Stefan"}]


# --- Markdown and JSON ------------------------------------------------------------


@pytest.mark.parametrize("topic", TOPICS)
def test_markdown_has_every_section_and_every_claim(briefings, topic):
    """The Markdown has the same sections in order and cites every claim."""
    b = briefings[topic]
    text = render.render_markdown(b)
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings == ["Key takeaways", "Sources", "Agreement matrix", "Claim groups",
                        "Unsupported assertions", "Coverage gaps", "Discussion questions",
                        "References"]
    for claim in _all_claims(b):
        assert render.cite(claim, b.positions).label in text


def test_markdown_escapes_markup_in_article_text():
    """Markdown and HTML in article text come out as text, not as markup."""
    text = render.render_markdown(_briefing_with_text(INJECTION))
    assert "<img" not in text and "<script" not in text
    assert "&lt;script&gt;" in text and r"\*bold\*" in text


def test_json_output_is_the_models_contract(briefings, tmp_path):
    """--format json writes exactly Briefing.to_json()."""
    b = briefings["kursk-leverage"]
    [path] = render.write_reports(b, ["json"], tmp_path / "k.json")
    assert json.loads(path.read_text("utf-8")) == json.loads(b.to_json())


# --- writing ----------------------------------------------------------------------


def test_default_paths_and_bib_beside_html(briefings, tmp_path, monkeypatch):
    """No --output writes reports/<topic>.<ext>, and the .bib beside the HTML."""
    monkeypatch.chdir(tmp_path)
    written = render.write_reports(briefings["kursk-leverage"], ["html", "md"], None)
    assert written == [Path("reports/kursk-leverage.html"), Path("reports/kursk-leverage.md"),
                       Path("reports/kursk-leverage.bib"), Path("reports/kursk-leverage.csl.json")]
    assert all(p.stat().st_size > 0 for p in written)


def test_the_readme_safety_section_names_every_file_written_beside_a_report(
        briefings, tmp_path):
    """What a report writes beside itself (.bib, .csl.json) is in the README's list of
    what compare writes."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    writes = re.search(r"- \*\*What it writes\*\*:(.*?)\n- \*\*", readme, flags=re.S).group(1)
    written = render.write_reports(briefings["kursk-leverage"], ["html"], tmp_path / "k.html")
    beside = [path.name[len("k"):] for path in written if path.name != "k.html"]
    assert beside == [".bib", ".csl.json"]
    for suffix in beside:
        assert f"`{suffix}`" in writes, suffix


def test_one_path_is_used_as_is_and_several_as_a_stem(briefings, tmp_path):
    """A path for one format is used verbatim; for several it is the stem."""
    b = briefings["kursk-leverage"]
    assert render.write_reports(b, ["md"], tmp_path / "notes.txt") == [tmp_path / "notes.txt"]
    several = render.write_reports(b, ["md", "json"], tmp_path / "out" / "brief")
    assert several == [tmp_path / "out" / "brief.md", tmp_path / "out" / "brief.json"]


def test_dash_writes_one_text_format_to_stdout(briefings, capsys):
    """-o - prints the one text format and writes no file; PDF to stdout is refused."""
    b = briefings["kursk-leverage"]
    assert render.write_reports(b, ["md"], "-") == []
    assert capsys.readouterr().out.startswith(f"# {b.topic.title}")
    with pytest.raises(CompareError, match="one text format"):
        render.write_reports(b, ["pdf"], "-")


def test_interrupted_write_leaves_no_file(briefings, tmp_path, monkeypatch):
    """An interruption at the rename leaves neither the report nor a temporary file."""
    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        render.write_reports(briefings["kursk-leverage"], ["md"], tmp_path / "k.md")
    assert list(tmp_path.iterdir()) == []


def test_failing_format_leaves_no_report_at_all(briefings, tmp_path, monkeypatch):
    """If one format fails to render, none of the requested reports is written."""
    def broken(_html):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr("compare.pdf.html_to_pdf", broken)
    with pytest.raises(RuntimeError):
        render.write_reports(briefings["kursk-leverage"], ["md", "pdf"], tmp_path / "k")
    assert list(tmp_path.iterdir()) == []


def test_template_dir_overrides_one_template(briefings, tmp_path):
    """A briefing.md.j2 in --template-dir replaces the packaged one; others stay."""
    (tmp_path / "briefing.md.j2").write_text("custom {{ b.topic.id }}\n", "utf-8")
    b = briefings["kursk-leverage"]
    assert render.render_markdown(b, tmp_path) == "custom kursk-leverage\n"
    assert "<section id=\"cover\"" in render.render_html(b, tmp_path)
    with pytest.raises(CompareError, match="template-dir"):
        render.render_html(b, tmp_path / "missing")


def test_brief_all_writes_every_topic_and_an_index(corpus, seeds_dir, tmp_path):
    """`compare brief --all` writes one briefing per codebook topic and index files."""
    out = tmp_path / "all"
    result = CliRunner().invoke(cli, ["brief", "--all", "--corpus", str(seeds_dir),
                                      "--format", "md,html", "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for topic in corpus.topics:
        assert (out / f"{topic.id}.md").is_file() and (out / f"{topic.id}.html").is_file()
    index = lxml.html.fromstring((out / "index.html").read_text("utf-8"))
    links = [a.get("href") for a in index.xpath("//a")]
    assert links == [f"{t.id}.{ext}" for t in corpus.topics for ext in ("md", "html")]
    assert all(f"`{t.id}`" in (out / "index.md").read_text("utf-8") for t in corpus.topics)


# --- safety -------------------------------------------------------------------------

INJECTION = ('Officials said <img src="file:///etc/passwd"> and <script>alert(1)</script> '
             "that *bold* | pipes [link](http://example.org) stay text.")


def _briefing_with_text(text: str) -> Briefing:
    """A one-claim briefing whose claim text is `text` (a hostile article)."""
    sentence = Sentence("hostile", 1, 0, len(text), text)
    claim = AssessedClaim(Claim(sentence, 0.9),
                          Assessment(("attributed",), ("attributed to officials ('said')",)))
    group = AssessedGroup("g1", text[:40], "single-source", "Only hostile says it.", (claim,))
    source = BriefingSource("hostile", "hostile.html", text, "<b>Outlet</b>", None, None,
                            "news", "javascript:alert(1)", "en", True)
    topic = Topic("t", "Hostile <i>title</i>", "A question?")
    return Briefing(topic, (source,), (group,), "corpus", "2025-01-01T00:00:00+00:00", "0")


def test_html_in_article_text_renders_as_text():
    """An article's <img> and <script> are escaped: the HTML has no such elements."""
    page_text = render.render_html(_briefing_with_text(INJECTION))
    page = lxml.html.fromstring(page_text)
    assert page.xpath("//img|//script|//i|//b") == []
    assert "<img src=\"file:///etc/passwd\">" in page.text_content()
    assert "javascript:" not in "".join(page.xpath("//@href|//@src"))


def test_real_seed_sentence_survives_escaping(documents):
    """A seed sentence with quotes and apostrophes reads the same after HTML escaping."""
    sentence = next(s for s in documents["focus-2025"].sentences
                    if "“" in s.text and "’" in s.text)
    page = lxml.html.fromstring(render.render_html(_briefing_with_text(sentence.text)))
    assert sentence.text in _text(page.get_element_by_id("groups"))


def test_cyrillic_from_the_seeds_reaches_the_html(seeds_dir):
    """Seed 004's Cyrillic ("Фокус") is kept verbatim in the rendered HTML."""
    document = read_document(seeds_dir / "004_cc85c02ca42a962c.txt")
    line = next(line for line in document.text.splitlines() if "Фокус" in line)
    page = render.render_html(_briefing_with_text(line))
    assert "Фокус" in lxml.html.fromstring(page).text_content()


# --- issue 16: a briefing a seminar can use ---------------------------------------

ALL_SEED_TOPICS = ["kursk-leverage", "regime-stability", "land-swap"]


def test_takeaways_lead_with_each_sources_answer(pages, briefings):
    """Before the takeaways, one line per source quotes its most topic-relevant claim,
    cited with a link to that claim; a silent source is said to say nothing."""
    b, page = briefings["regime-stability"], pages["regime-stability"]
    section = page.get_element_by_id("takeaways")
    assert section.xpath("./*")[1].get("class") == "answers-head"
    assert b.topic.question in _text(section.xpath(".//p[@class='answers-head']")[0])
    lines = section.xpath(".//ul[@class='answers']/li")
    assert len(lines) == len(b.sources)
    names = render.source_names(b)
    anchors = {e.get("id") for e in page.xpath("//div[contains(@class,'claim')]")}
    for line, source in zip(lines, b.sources, strict=True):
        assert _text(line.xpath("strong")[0]) == names[source.id]
        mine = [c for c in _all_claims(b) if c.claim.sentence.source == source.id]
        if not mine:
            assert "says nothing" in _text(line)
            continue
        best = max(mine, key=lambda c: c.claim.score)
        assert render._shorten(best.claim.sentence.text) in _text(line)
        [mark] = line.xpath(".//a[@class='mark']")
        assert mark.get("href") == f"#{render.cite(best).anchor}"
        assert mark.get("href")[1:] in anchors
    markdown = render.render_markdown(b)
    assert markdown.index("How each source answers") < markdown.index("**coverage**")
    for answer in render.answers(b):
        assert f"- **{answer.name}**: “" in markdown and f"[{answer.cite.short}]" in markdown


def test_a_silent_source_answers_nothing(briefings):
    """A source that does not address the topic is listed with no answer and no citation."""
    real = briefings["kursk-leverage"]
    quiet = real.sources[0].id
    b = replace(real, sources=tuple(replace(s, covers_topic=s.id != quiet) for s in real.sources),
                groups=tuple(replace(g, claims=tuple(c for c in g.claims
                                                     if c.claim.sentence.source != quiet))
                             for g in real.groups if set(render.group_sources(g)) != {quiet}))
    answer = next(a for a in render.answers(b) if a.source == quiet)
    assert answer.cite is None and answer.text == ""
    coverage = render.takeaways(b)[0].text
    assert f"{len(b.sources) - 1} of {len(b.sources)} sources address the topic" in coverage
    assert f"{render.source_names(b)[quiet]} says nothing on it" in coverage


@pytest.mark.parametrize("topic", TOPICS)
def test_repeated_rationale_is_said_once_in_a_legend(pages, briefings, topic):
    """The caveats the assessor appends to every rationale appear once, in the legend,
    and no group's rationale repeats them."""
    b, page = briefings[topic], pages[topic]
    carried = [(caveat, legend) for caveat, legend in render.RATIONALE_CAVEATS
               if any(caveat in g.rationale for g in b.groups)]
    assert carried  # the seeds' rationales do carry them (assess.py's wording is matched)
    html = _text(page)
    shown = [_text(p) for p in page.xpath("//p[@class='rationale']")]
    assert len(shown) == len(b.groups)
    for caveat, legend in carried:
        assert html.count(normalise_space(legend)) == 1
        assert not any(normalise_space(caveat).strip(" ,()") in text for text in shown)
    legend = _text(page.xpath("//section[@id='groups']/p[@class='legend']")[0])
    assert all(normalise_space(text) in legend for _, text in carried)


def test_every_caveat_is_one_the_assessor_writes(corpus):
    """Each caveat the briefing moves to its legend occurs in a real seed rationale, so a
    change of wording in assess.py fails here instead of bringing the repetition back."""
    rationales = " ".join(g.rationale for b in compare.brief_all(corpus) for g in b.groups)
    for caveat, _legend in render.RATIONALE_CAVEATS:
        assert caveat in rationales, caveat


def test_words_agree_with_their_numbers(briefings):
    """One source, one group: '1 of 5 sources addresses', '1 group', 'says nothing',
    '1 of 1 group rests'; never '1 groups' or '1 sources'."""
    real = briefings["regime-stability"]
    group = next(g for g in real.groups if g.relation == "single-source")
    speaker = render.group_sources(group)[0]
    b = replace(real, groups=(group,),
                sources=tuple(replace(s, covers_topic=s.id == speaker) for s in real.sources))
    texts = [t.text for t in render.takeaways(b)] + render.discussion_questions(b)
    joined = " ".join(texts)
    assert f"1 of {len(b.sources)} sources addresses the topic" in joined
    assert "Its claims fall into 1 group." in joined
    assert "1 of 1 group rests on a single source." in joined
    assert " do not address the topic at all" in joined  # four silent sources: plural verb
    for rendered in (_text(lxml.html.fromstring(render.render_html(b))),
                     render.render_markdown(b)):
        assert not re.search(r"\b1 (groups|sources|claims|articles)\b", rendered)
        assert not re.search(r"\b1 of \d+ sources address\b", rendered)


@pytest.mark.parametrize("topic", TOPICS)
def test_sources_are_named_by_outlet_in_prose(pages, briefings, topic):
    """Takeaways, answers and questions name sources (outlet, else author) instead of
    their slugs; a slug appears only inside citation marks."""
    b, page = briefings[topic], pages[topic]
    names = render.source_names(b)
    assert names["byline-times"] == "Byline Times" and names["focus-2025"] == "Focus"
    assert names["kaspruk-2024"] == "Viktor Kaspruk (2024)"  # one author, two articles
    assert len(set(names.values())) == len(names)
    section = page.get_element_by_id("takeaways")
    prose = " ".join(normalise_space("".join(li.xpath("./text()|./strong/text()")))
                     for li in section.xpath(".//li"))
    prose += " ".join(render.discussion_questions(b))
    for source in b.sources:
        assert not re.search(rf"(?<![\w-]){re.escape(source.id)}(?![\w-])", prose), source.id


@pytest.mark.parametrize(("text", "expected"), [
    # ids from files named 1.txt, 2.txt: the assessor's counts are not source ids
    ("2 independent voices (1 + kaspruk-2024; 3)",
     "2 independent voices (1 + Viktor Kaspruk (2024); 3)"),
    ("Only 1 was found making this claim", "Only 1 was found making this claim"),
    ("kaspruk-2024 hedges where focus_2 states it", "Viktor Kaspruk (2024) hedges where Focus "
     "states it"),
    ("the 2024 offensive, a kaspruk-2024-like id", "the 2024 offensive, a kaspruk-2024-like id"),
])
def test_the_namer_replaces_slugs_never_numbers(text, expected):
    """Source ids become names in generated prose, but an id of digits alone never does:
    it would turn every count in a rationale into a source's name."""
    namer = render.Namer({"1": "Kyiv Post", "2": "Meduza", "3": "3", "2024": "Novaya Gazeta",
                          "kaspruk-2024": "Viktor Kaspruk (2024)", "focus_2": "Focus"})
    assert namer(text) == expected


@pytest.mark.parametrize("topic", TOPICS)
def test_footnote_marks_link_to_footnotes_and_footnotes_to_references(pages, topic):
    """Each footnote call links to its footnote; each footnote links to its reference."""
    page = pages[topic]
    ids = set(page.xpath("//@id"))
    calls = page.xpath("//a[@class='fn-call']")
    notes = page.xpath("//span[@class='fn']")
    assert calls and len(calls) == len(notes)
    for number, (call, note) in enumerate(zip(calls, notes, strict=True), start=1):
        assert call.get("href") == f"#fn-{number}" == f"#{note.get('id')}"
        assert call.text_content() == f"\u2060{number}"  # a word joiner: never alone on a line
        before = call.getprevious()
        preceding = (before.tail or before.text_content()) if before is not None \
            else call.getparent().text
        assert not preceding[-1].isspace()
        [ref] = note.xpath("./a[@class='ref']")
        assert ref.get("href") == f"#ref-{note.get('data-source')}" and ref.get("href")[1:] in ids


def test_references_link_known_urls_only(briefings):
    """An http(s) URL is a link in the references and the source table; others stay text."""
    real = briefings["kursk-leverage"]
    url = "https://www.bylinetimes.com/2024/08/20/putin_kursk/"
    b = replace(real, sources=tuple(replace(s, url=url) if s.id == "byline-times" else s
                                    for s in real.sources))
    page = lxml.html.fromstring(render.render_html(b))
    ref = page.get_element_by_id("ref-byline-times")
    assert [a.get("href") for a in ref.xpath(".//a[@class='url']")] == [url]
    assert len(page.xpath(f"//table[@class='sources']//a[@href='{url}']")) == 1
    assert f"[{url.replace('_', chr(92) + '_')}]({url.replace('_', chr(92) + '_')})" \
        in render.render_markdown(b)


def test_extracted_sources_say_how_to_see_their_text(briefings):
    """For a source read from HTML, the footnote says 'of the extracted text' and the
    reference gives the command that prints that text."""
    real = briefings["kursk-leverage"]
    b = replace(real, sources=tuple(replace(s, text_origin="extracted") if s.id == "focus-2025"
                                    else s for s in real.sources))
    page = lxml.html.fromstring(render.render_html(b))
    for note in page.xpath("//span[@class='fn']"):
        assert ("of the extracted text" in _text(note)) == (note.get("data-source") ==
                                                           "focus-2025")
    ref = _text(page.get_element_by_id("ref-focus-2025"))
    assert f"compare sources --corpus {b.corpus} --text focus-2025" in ref
    assert "--text" not in _text(page.get_element_by_id("ref-byline-times"))


def test_sources_text_prints_what_offsets_index(seeds_dir, briefings):
    """`compare sources --text ID` prints the text whose [start:end] is each cited claim;
    an unknown id is a one-line error listing the ids."""
    runner = CliRunner()
    b = briefings["kursk-leverage"]
    claim = _all_claims(b)[0].claim.sentence
    result = runner.invoke(cli, ["sources", "--corpus", str(seeds_dir), "--text", claim.source])
    assert result.exit_code == 0, result.output
    assert normalise_space(result.stdout[claim.start:claim.end]) == claim.text
    missing = runner.invoke(cli, ["sources", "--corpus", str(seeds_dir), "--text", "nope"])
    assert missing.exit_code == 2 and "no source with id 'nope'" in missing.output
    assert "focus-2025" in missing.output and "Traceback" not in missing.output


def test_json_claims_carry_their_sentence_position(briefings):
    """The JSON contract's claims gain `sentence`: the position the citations print."""
    b = briefings["kursk-leverage"]
    data = json.loads(b.to_json())
    for group, claim in zip(b.all_groups, data["groups"], strict=True):
        for real, shown in zip(group.claims, claim["claims"], strict=True):
            assert shown["sentence"] == render.cite(real, b.positions).sentence >= 1
    assert {s["text_origin"] for s in data["sources"]} == {"file"}


def _matrix_cells(page) -> list:
    return page.xpath("//section[@id='matrix']//td[contains(@class,'cell')]")


def _cell_style(cell) -> dict[str, str]:
    pairs = (item.split(":") for item in cell.get("style").split(";") if item.strip())
    return {key.strip(): value.strip() for key, value in pairs}


@pytest.mark.parametrize("topic", TOPICS)
def test_matrix_cells_carry_symbols_not_only_colour(pages, briefings, topic):
    """Every matrix cell has its state's symbol, so the matrix reads in greyscale."""
    cells = _matrix_cells(pages[topic])
    assert len(cells) == len(briefings[topic].groups) * len(briefings[topic].sources) > 0
    for cell in cells:
        state = cell.get("class").split()[1]
        assert _text(cell) == render.CELL_SYMBOLS[state]
        assert _cell_style(cell)["background-color"] == render.CELL_COLOURS[state]
    assert len(set(render.CELL_SYMBOLS.values())) == len(render.CELL_SYMBOLS)


def test_an_empty_briefing_says_so_without_empty_sections(briefings):
    """No source addresses the topic: no takeaways, matrix, groups or questions, one
    section saying so and naming what was searched."""
    real = briefings["kursk-leverage"]
    b = replace(real, topic=Topic("soybean tariffs", "soybean tariffs", "soybean tariffs?",
                                  adhoc=True),
                groups=(), sources=tuple(replace(s, covers_topic=False) for s in real.sources))
    page = lxml.html.fromstring(render.render_html(b))
    assert [s.get("id") for s in page.xpath("//section")] == ["cover", "empty", "references"]
    assert page.xpath("//table[@class='matrix']") == []
    text = _text(page.get_element_by_id("empty"))
    assert f"None of the {len(b.sources)} sources" in text and "try other wordings" in text
    assert all(name in text for name in render.source_names(b).values())
    md = render.render_markdown(b)
    assert "## No source addresses this topic" in md and "## Agreement matrix" not in md


def test_a_divergence_takeaway_states_its_point_by_name(briefings):
    """A divergence's takeaway names the sources and gives the rationale's point (the
    first sentence, sources by name), not only the group title."""
    real = briefings["regime-stability"]
    widest = max(real.groups, key=lambda g: len(render.group_sources(g)))
    a, b_ = render.group_sources(widest)[:2]
    point = f"{a} gives 12 and {b_} gives 20 for the same count"
    b = replace(real, groups=tuple(
        replace(g, relation="divergence", rationale=f"{point}. The sources date a year apart.")
        if g is widest else g for g in real.groups))
    names = render.source_names(b)
    [takeaway] = [t for t in render.takeaways(b) if t.kind == "divergence"]
    assert f"{names[a]} gives 12 and {names[b_]} gives 20 for the same count." in takeaway.text
    assert "a year apart" not in takeaway.text and a not in takeaway.text
    assert {c.source for c in takeaway.cites} == set(render.group_sources(widest))


def _luminance(colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_matrix_symbols_stand_out_in_greyscale(pages):
    """Every cell's symbol contrasts with its cell by at least WCAG's 3:1 for graphics,
    a contrast of lightness alone, so it survives greyscale printing."""
    cells = _matrix_cells(pages["regime-stability"])
    assert cells
    for cell in cells:
        style = _cell_style(cell)
        darker, lighter = sorted((_luminance(style["background-color"]),
                                  _luminance(style["color"])))
        assert (lighter + 0.05) / (darker + 0.05) >= 3, cell.get("class")


def test_json_answers_name_the_group_that_holds_them(briefings):
    """Each source's answer in the JSON carries the id of the group its claim is in."""
    b = briefings["kursk-leverage"]
    data = json.loads(b.to_json())
    groups = {g["id"]: {(c["source"], c["start"]) for c in g["claims"]} for g in data["groups"]}
    answers = [a for claims in data["answers"].values() for a in claims]
    assert answers and len(answers) == sum(len(c) for c in b.answers.values())
    for answer in answers:
        assert (answer["source"], answer["start"]) in groups[answer["group"]]


def test_the_readme_json_contract_names_every_key(briefings):
    """The README's JSON contract lists the top-level keys, a source's keys and a claim's
    keys that `to_dict` writes, no more and no fewer."""
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    block = readme.split('{"topic": {"id", "title", "question"},', 1)[1].split("```", 1)[0]
    block = '{"topic": {"id", "title", "question"},' + block
    data = briefings["kursk-leverage"].to_dict()
    top = set(re.findall(r'^ "(\w+)"', block, flags=re.M)) | {"topic"}
    top |= set(re.findall(r'^ "generated", "(\w+)", "(\w+)"', block, flags=re.M)[0])
    assert top == set(data)
    sources = block.split('"sources": [', 1)[1].split("}]", 1)[0]
    assert set(re.findall(r'"(\w+)"', sources)) - {"file", "extracted"} == set(data["sources"][0])
    claims = block.split('"claims": [', 1)[1].split("}]", 1)[0]
    assert set(re.findall(r'"(\w+)"', claims)) == set(data["groups"][0]["claims"][0])


def test_a_quoted_claim_quotes_its_own_quotes_as_single_ones() -> None:
    """A claim quoted inside “...” in the takeaways and questions keeps its own
    quotation as single marks, so a claim that opens with a quote never
    renders as ““ (a seed sentence and a news sentence)."""
    seed = ("“If the Trump team suggests a pause of 10-20 years in the issue of Ukraine’s "
            "integration into NATO, then Putin insists that this be infinite.")
    short = render._shorten(seed)
    assert short.startswith("‘If the Trump team") and "“" not in short and "”" not in short
    assert render._shorten('Trump called the probe a "witch hunt" on Sunday.') == \
        "Trump called the probe a ‘witch hunt’ on Sunday."
