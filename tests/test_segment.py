"""Stage 2: paragraphs and sentences keep true offsets into the original text."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare import segment as segment_module
from compare.models import Document, SourceMeta, Span
from compare.segment import normalise_space, paragraph_spans, segment, segment_all

SEED_FILES = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))


def _document(text: str, boilerplate: tuple[Span, ...] = ()) -> Document:
    return Document(SourceMeta("doc"), "doc.txt", text, boilerplate)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
def test_every_seed_sentence_slices_back_out_of_the_file(path: Path) -> None:
    """Each sentence's [start:end] in the file's decoded text is the sentence."""
    text = path.read_text(encoding="utf-8")
    segmented = segment(_document(text))
    assert len(segmented.sentences) > 20
    for sentence in segmented.sentences:
        assert normalise_space(text[sentence.start:sentence.end]) == sentence.text
        paragraph = segmented.paragraphs[sentence.paragraph - 1]
        assert paragraph.index == sentence.paragraph
        assert paragraph.start <= sentence.start < sentence.end <= paragraph.end


def test_glued_sentences_in_a_seed_are_split() -> None:
    """Seed 001 glues sentences ("confrontation.The"); they come out separate."""
    text = SEED_FILES[1].read_text(encoding="utf-8")
    sentences = [s.text for s in segment(_document(text)).sentences]
    assert any(s.endswith("continues his uncompromising confrontation.") for s in sentences)
    assert "The question remains unanswered." in sentences


def test_one_line_per_paragraph_is_numbered_as_a_reader_counts() -> None:
    """Web text saved with one paragraph per line gets one number per line."""
    text = "Headline here\nFirst paragraph says one thing.\n\nSecond one says another thing."
    numbers = [(p.index, text[p.start:p.end]) for p in segment(_document(text)).paragraphs]
    assert numbers == [
        (1, "Headline here"),
        (2, "First paragraph says one thing."),
        (3, "Second one says another thing."),
    ]


def test_hard_wrapped_prose_is_one_paragraph() -> None:
    """E-mail style wrapping at ~70 columns does not make every line a paragraph."""
    block = (
        "The Kremlin has deployed troops in the area, but it has so far failed\n"
        "to stop the Ukrainian progress on Russian land, according to several\n"
        "officials who spoke on condition of anonymity to reporters on Monday."
    )
    assert len(list(paragraph_spans(block))) == 1


def test_boilerplate_paragraphs_keep_their_number_but_yield_no_sentence() -> None:
    """A subscription pitch is counted as a paragraph and never becomes a sentence."""
    text = "Real reporting sentence one.\nSUBSCRIBE TO OUR NEWSLETTER!\nReal sentence two here."
    pitch = text.index("SUBSCRIBE")
    segmented = segment(_document(text, (Span(pitch, text.index("\nReal sentence two")),)))
    assert [p.index for p in segmented.paragraphs] == [1, 2, 3]
    assert [s.paragraph for s in segmented.sentences] == [1, 3]


def test_a_byline_glued_to_the_last_sentence_is_cut_off() -> None:
    """A boilerplate span inside a line trims the sentence it is glued to."""
    text = "Beijing should take the first step toward peace.SourceAbout the author. Jane Doe"
    byline = text.index("Source")
    segmented = segment(_document(text, (Span(byline, len(text)),)))
    assert [s.text for s in segmented.sentences] == [
        "Beijing should take the first step toward peace."
    ]


#: The Hill's inline link cards as pasted with an article (AllSides dev, The Hill,
#: "Treasury misses second Dem deadline on Trump tax returns").
HILL = (
    "The Treasury Department on Tuesday missed a second deadline from House Democrats to "
    "provide President Trump Donald John TrumpGOP senators balk at lengthy impeachment trial "
    "Warren goes local in race to build 2020 movement 2020 Democrats make play for veterans' "
    "votes MORE’s tax returns.\n\nWays and Means Committee Chairman Richard Neal Richard "
    "Edmund NealJudge sides with NY officials in Trump tax return lawsuit On The Money: US paid "
    "record .1B in tariffs in September | Dems ramp up oversight of 'opportunity zones' | Judge "
    "hints at letting House lawsuit over Trump tax returns proceed MORE (D-Mass.) had given the "
    "IRS until Tuesday at 5 p.m. to comply with his request.\n\nIt reportedly blindsided many "
    "in the administration, including White House chief of staff John Kelly John Francis "
    "KellyMORE.\n\nMORE than half of them voted "
    "for the McConnell plan, said Sen. John Thune (R-S.D.)."
)


def test_inline_link_cards_are_left_out_of_the_sentence_text() -> None:
    """The Hill's link text inside a sentence ("President Trump Donald John TrumpGOP
    ... MORE’s") is furniture: the sentence reads without it and its span still
    covers what is written; a capitalised "MORE" with no card before it stays."""
    from compare.ingest import boilerplate_spans

    spans = tuple(boilerplate_spans(HILL))
    sentences = segment(_document(HILL, spans)).sentences
    assert [s.text for s in sentences] == [
        "The Treasury Department on Tuesday missed a second deadline from House Democrats to "
        "provide President Trump’s tax returns.",
        "Ways and Means Committee Chairman Richard Neal (D-Mass.) had given the IRS until "
        "Tuesday at 5 p.m. to comply with his request.",
        "It reportedly blindsided many in the administration, including White House chief of "
        "staff John Kelly.",
        "MORE than half of them voted for the McConnell plan, said Sen. John Thune (R-S.D.).",
    ]
    for sentence in sentences:
        written = normalise_space(HILL[sentence.start:sentence.end])
        assert written.startswith(sentence.text[:20]) and written[-1] == sentence.text[-1]
    assert "TrumpGOP" in HILL[sentences[0].start:sentences[0].end]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400))
def test_any_text_segments_into_spans_that_slice_back(text: str) -> None:
    """For arbitrary text, every sentence span slices back to the sentence."""
    for sentence in segment(_document(text)).sentences:
        assert normalise_space(text[sentence.start:sentence.end]) == sentence.text
        assert 0 <= sentence.start < sentence.end <= len(text)


@pytest.fixture
def seed_documents(seeds_dir: Path, tmp_path: Path, monkeypatch) -> tuple[Document, ...]:
    """The seed documents, with the cache in a fresh folder."""
    from compare.ingest import read_corpus

    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path / "cache"))
    return read_corpus(seeds_dir).documents


def test_segment_all_caches_offsets_and_reuses_them(seed_documents, monkeypatch) -> None:
    """A second run over unchanged documents reads the cache and gives the same result."""
    first = segment_all(seed_documents)
    assert first == tuple(segment(d) for d in seed_documents)

    def no_segmenting(item):
        raise AssertionError("segmented again although the offsets were cached")

    monkeypatch.setattr(segment_module, "_layout_of", no_segmenting)
    assert segment_all(seed_documents) == first


def test_a_changed_boilerplate_span_is_not_served_from_the_cache(seed_documents) -> None:
    document = seed_documents[0]
    segment_all([document])
    first_paragraph = segment(document).paragraphs[0]
    marked = replace(document, boilerplate=(Span(first_paragraph.start, first_paragraph.end),))
    (again,) = segment_all([marked])
    assert again.paragraphs[0].boilerplate and not again.paragraphs[0].sentences


def test_a_damaged_cache_entry_is_segmented_again(seed_documents, tmp_path) -> None:
    first = segment_all(seed_documents)
    for entry in (tmp_path / "cache" / "segment").rglob("*.json"):
        entry.write_text('{"not": "a layout"}', encoding="utf-8")
    assert segment_all(seed_documents) == first


def test_parallel_segmentation_matches_one_process(seed_documents, monkeypatch) -> None:
    monkeypatch.setenv("COMPARE_CACHE_DIR", "off")
    serial = segment_all(seed_documents)
    monkeypatch.setattr(segment_module, "SEGMENT_PARALLEL_MIN_DOCUMENTS", 1)
    assert segment_all(seed_documents) == serial


def test_titles_before_names_never_end_a_sentence() -> None:
    """Every case of bench/eval_segment.py (Gov., Rep., Sen., Gen., Lt. ..., glued
    "2001.Arizona", a closing quotation mark after a space, "Jr. ' s") is cut as a
    reader cuts it, with true offsets."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import eval_segment

    assert eval_segment.errors() == []
    assert eval_segment.errors(eval_segment._syntok_sentences)  # the cases are not trivial
    for text, _expected in eval_segment.CASES:
        for sentence in segment(_document(text)).sentences:
            assert normalise_space(text[sentence.start:sentence.end]) == sentence.text


def test_front_matter_is_no_paragraph_a_reader_counts() -> None:
    """A Markdown file's front matter is metadata: the heading after it is ¶1 and the
    first sentence of the body ¶2, offsets still into the whole file; a .txt file
    that starts with dashes keeps them as its first paragraph."""
    from compare.ingest import read_document

    doc = read_document(Path(__file__).parent / "corpus" / "frontmatter.md")
    paragraphs = segment(doc).paragraphs
    assert doc.text[paragraphs[0].start:].startswith("# Harbour cranes")
    assert paragraphs[0].index == 1
    first = paragraphs[1].sentences[0]
    assert first.paragraph == 2 and first.text.startswith("The port authority of Westhaven")
    assert doc.text[first.start:first.end].startswith("The port authority")
    text = "---\nnot: metadata\n---\n\nA sentence of the article that is long enough."
    plain = Document(SourceMeta("plain"), "plain.txt", text)
    assert segment(plain).paragraphs[0].start == 0
