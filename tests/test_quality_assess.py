"""Quality gate for the assess stage, on labelled data it was not tuned on.

Floors are measured with `.venv/bin/python bench/eval_assess.py` and pinned
a little below the measured value, so a regression fails and noise does not.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from compare import assess
from compare.assess import audit as compare_audit
from compare.models import FLAG_ATTRIBUTED, FLAG_UNSUPPORTED

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import eval_assess  # the bench script owns the split and the scoring

#: Held-out weasel part (1,455 sentences), unsupported-or-hedged vs uncertain:
#: measured P 50.7, R 75.8, F1 60.8 with the learned part (the MiniLM
#: flagger, per-channel 7-bit int8 at 0.7, 2026-12-04, whose scores are the
#: same on CPUs with and without VNNI; the 8-bit file before it read P 51.1,
#: F1 61.0 on the machine that chose its threshold and P 50.6, F1 60.3 on an
#: AVX2 one; rules alone: F1 49.3; CoNLL-2010 best system F1 ≈ 60). A
#: 1,455-sentence sample moves F1 by ~1.5 points and precision by ~1.5 at one
#: standard error: the floors sit 1.3 and 1.2 below today's figures (the
#: precision floor had been pinned at the 8-bit file's 51.1 with no margin).
WEASEL_HELD_OUT_F1_FLOOR = 59.5
WEASEL_HELD_OUT_PRECISION_FLOOR = 49.5

#: news_claims, the 8 held-out stories (40 unsupported and 40 attributed
#: labelled claims, each assessed in its whole sentence in its article):
#: measured unsupported precision 100.0 and recall 55.0 against the labels
#: (22 of 40; 52.5 with the 8-bit file, 42.5 with the per-matrix int8 flagger
#: at 0.8 before, 42.5 with the n-gram model before it), attributed claims
#: flagged unsupported 0.0 % (0 of 40). With 40 claims a side one claim is
#: 2.5 points; the recall floor is two claims below today's 22.
NEWS_HELD_OUT_PRECISION_FLOOR = 89.0
NEWS_HELD_OUT_RECALL_FLOOR = 50.0
NEWS_HELD_OUT_ATTRIBUTED_FLAGGED_CEILING = 5.0

#: The issue's two seed predictions with no source.
SEED_PREDICTIONS = (
    "any future arrangement will almost certainly be on Ukraine's terms",
    "It's highly likely that Putin may not survive this critical test",
)

#: The issue's examples of attributed statements, as they occur in the seeds.
ATTRIBUTED_NEEDLES = (
    "Antony Blinken spoke about",
    "Dmitry Polyansky, the first Deputy",
    "TheTelegraph writes",
    "according to the head of state",
    "Putin said.",
)


def test_weasel_held_out_f1_stays_above_the_measured_floor(shared_data: Path) -> None:
    """Unsupported-or-hedged finds CoNLL-2010 uncertain sentences on the held-out part."""
    count, (precision, _recall, f1) = eval_assess.weasel_scores("held-out")
    assert count > 1000
    assert f1 >= WEASEL_HELD_OUT_F1_FLOOR
    assert precision >= WEASEL_HELD_OUT_PRECISION_FLOOR


def test_news_held_out_unsupported_stays_above_the_measured_floors(shared_data: Path) -> None:
    """On the 8 held-out news_claims stories, labelled unsupported claims are
    flagged and labelled attributed ones are not, at the pinned floors."""
    scores = eval_assess.news_scores("held-out")
    assert scores["unsupported"] >= 30 and scores["attributed"] >= 30
    assert scores["precision"] >= NEWS_HELD_OUT_PRECISION_FLOOR
    assert scores["recall"] >= NEWS_HELD_OUT_RECALL_FLOOR
    assert scores["attributed_flagged"] <= NEWS_HELD_OUT_ATTRIBUTED_FLAGGED_CEILING


def test_news_parts_are_cut_by_story(shared_data: Path) -> None:
    """The held-out stories are the last 8 of stories.jsonl, and no story is in both parts."""
    fit = {s["group_id"] for s in eval_assess.news_stories("fit")}
    held = [s["group_id"] for s in eval_assess.news_stories("held-out")]
    assert len(held) == 8 and not fit & set(held)


@pytest.mark.parametrize("needle", SEED_PREDICTIONS)
def test_seed_predictions_are_unsupported_with_a_checkable_reason(needle: str) -> None:
    """The issue's unsourced seed predictions are flagged unsupported, and the
    reason quotes words that are in the sentence."""
    sentences = [s for found in eval_assess.seed_sentences().values() for s in found
                 if needle in s]
    assert len(sentences) == 1
    result = assess(sentences[0])
    reason = result.reasons[result.flags.index(FLAG_UNSUPPORTED)]
    quoted = re.findall(r"'([^']+)'", reason)
    assert "prediction" in reason and quoted
    assert all(words.lower() in sentences[0].lower() for words in quoted)


def test_the_held_out_part_is_stable_and_disjoint(shared_data: Path) -> None:
    """The hash split puts about a fifth in held-out, never a sentence in both parts."""
    held_out = {text for text, _ in eval_assess.load_weasel("held-out")}
    tune = {text for text, _ in eval_assess.load_weasel("tune")}
    assert not held_out & tune
    assert 0.15 < len(held_out) / (len(held_out) + len(tune)) < 0.25


def test_gold_unsupported_assertions_in_the_seeds_are_flagged(shared_data: Path) -> None:
    """Every unsupported assertion listed in seeds_dev_gold.json is flagged unsupported."""
    pairs = eval_assess.gold_unsupported()
    assert pairs
    for needle, sentence in pairs:
        assert sentence, f"gold needle {needle!r} not found in the seeds"
        assert FLAG_UNSUPPORTED in assess(sentence).flags, needle


@pytest.mark.parametrize("needle", ATTRIBUTED_NEEDLES)
def test_attributed_statements_are_attributed_not_unsupported(needle: str) -> None:
    """The issue's attributed examples are flagged attributed and never unsupported."""
    sentences = [s for found in eval_assess.seed_sentences().values() for s in found
                 if needle in s]
    assert len(sentences) == 1
    context_free = assess(sentences[0])
    assert FLAG_ATTRIBUTED in context_free.flags
    assert FLAG_UNSUPPORTED not in context_free.flags


#: Reported facts of the fit stories that the earlier rules flagged unsupported.
NEWS_FIT_NOT_UNSUPPORTED = (
    "said prosecutors, who referred",  # an inverted institutional speaker
    "solicitor general argued",  # a role after a possessive name
    "could hear a long applause",  # a past perception, not a look ahead
)


def _audited_in_fit_stories(needle: str) -> list:
    """The assessments `audit` gives the fit-story sentences holding `needle`."""
    from compare._boilerplate import boilerplate_spans
    from compare.models import Document, SourceMeta
    from compare.segment import segment

    found = []
    for story in eval_assess.news_stories("fit"):
        for article in story["articles"]:
            if needle in article["text"]:
                text = article["text"]
                document = Document(SourceMeta(article["ID"]), article["ID"], text,
                                    tuple(boilerplate_spans(text)))
                found += [r for s, r in compare_audit(segment(document)) if needle in s.text]
    return found


@pytest.mark.parametrize("needle", NEWS_FIT_NOT_UNSUPPORTED)
def test_reported_facts_of_fit_stories_are_not_unsupported(needle: str,
                                                           shared_data: Path) -> None:
    """Sentences of the fit stories that are sourced or state a past fact are
    not flagged unsupported when audited in their article."""
    found = _audited_in_fit_stories(needle)
    assert found
    assert all(FLAG_UNSUPPORTED not in result.flags for result in found)


@pytest.mark.parametrize(("needle", "speaker"), [
    ("These are significant findings but it is a Phase 1", "Dr. Amesh Adalja"),  # after a title
    ("according to DOMA", "DOMA"),  # not "DOMA."
    ("although the U.S. alleges Iran", "U.S."),
])
def test_speakers_are_named_as_written(needle: str, speaker: str, shared_data: Path) -> None:
    """The speaker recorded for a fit-story sentence is the name as the article writes it."""
    found = _audited_in_fit_stories(needle)
    assert found and all(result.speaker == speaker for result in found)


def test_quoted_words_are_not_the_writers_unsupported_claims() -> None:
    """A seed sentence that opens somebody's quotation is not flagged
    unsupported; the same words as the writer's own would be."""
    sentences = [s for found in eval_assess.seed_sentences().values() for s in found
                 if s.startswith('"Donald Trump, having apparently finally realized')]
    assert len(sentences) == 1
    assert FLAG_UNSUPPORTED not in assess(sentences[0]).flags
    assert FLAG_UNSUPPORTED in assess(sentences[0].lstrip('"')).flags
