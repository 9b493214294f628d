"""Stage 2: paragraphs and sentences keep true offsets into the original text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.models import Document, SourceMeta, Span
from compare.segment import normalise_space, paragraph_spans, segment

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


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400))
def test_any_text_segments_into_spans_that_slice_back(text: str) -> None:
    """For arbitrary text, every sentence span slices back to the sentence."""
    for sentence in segment(_document(text)).sentences:
        assert normalise_space(text[sentence.start:sentence.end]) == sentence.text
        assert 0 <= sentence.start < sentence.end <= len(text)
