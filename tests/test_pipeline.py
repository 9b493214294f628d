"""The whole pipeline on the seeds: the JSON contract and provenance hold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import compare
from compare.errors import CorpusError, UnknownTopicError
from compare.segment import normalise_space

BOILERPLATE_MARKERS = (
    "ENJOYING THIS ARTICLE", "subscribe", ":lol:", "Text Size", "About the author",
    "do not always share the opinions", "Add a comment", "Enter the correct answer",
    "republished this article", "Based on materials",
)


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> compare.models.Corpus:
    return compare.load_corpus(seeds_dir)


@pytest.fixture(scope="module")
def kursk(seeds) -> dict:
    return json.loads(compare.brief(seeds, "kursk-leverage").to_json())


def _all_claims(briefing: dict) -> list[dict]:
    return [claim for group in briefing["groups"] for claim in group["claims"]]


def test_briefing_json_has_the_contract_shape(kursk: dict) -> None:
    """Topic, sources, groups and unsupported carry the documented keys and types."""
    assert kursk["topic"]["id"] == "kursk-leverage"
    assert set(kursk["topic"]) >= {"id", "title", "question"}
    source_keys = {"id", "path", "title", "outlet", "author", "published", "genre", "covers_topic"}
    for source in kursk["sources"]:
        assert set(source) >= source_keys
        assert isinstance(source["covers_topic"], bool)
    claim_keys = {"source", "text", "paragraph", "start", "end", "score", "flags", "reasons"}
    for group in kursk["groups"]:
        assert group["relation"] in {"agreement", "divergence", "single-source"}
        assert group["rationale"].strip()
        for claim in group["claims"]:
            assert set(claim) >= claim_keys
            assert 0.0 <= claim["score"] <= 1.0
    assert all(set(c) >= claim_keys for c in kursk["unsupported"])


def test_every_claim_slices_back_out_of_its_source_file(kursk: dict, seeds_dir: Path) -> None:
    """Provenance: the file's text at [start:end] is the claim, in the cited paragraph."""
    paths = {s["id"]: s["path"] for s in kursk["sources"]}
    claims = _all_claims(kursk)
    assert claims
    for claim in claims:
        text = (seeds_dir / Path(paths[claim["source"]]).name).read_text(encoding="utf-8")
        assert normalise_space(text[claim["start"]:claim["end"]]) == claim["text"]
        paragraphs = [line for line in text.split("\n") if line.strip()]
        assert claim["text"][:30] in normalise_space(paragraphs[claim["paragraph"] - 1])


def test_no_flag_without_a_reason(kursk: dict) -> None:
    """Every flag on every claim comes with a human-readable reason."""
    for claim in _all_claims(kursk):
        assert len(claim["flags"]) == len(claim["reasons"])
        assert all(reason.strip() for reason in claim["reasons"])


def test_unsupported_lists_exactly_the_claims_flagged_unsupported(kursk: dict) -> None:
    """The unsupported section is the set of claims carrying the flag."""
    flagged = [(c["source"], c["start"]) for c in _all_claims(kursk) if "unsupported" in c["flags"]]
    assert [(c["source"], c["start"]) for c in kursk["unsupported"]] == flagged


def test_boilerplate_never_becomes_a_claim(seeds) -> None:
    """Subscription pitches, comment widgets, bylines and disclaimers are absent everywhere."""
    for topic in seeds.topics:
        for claim in _all_claims(json.loads(compare.brief(seeds, topic.id).to_json())):
            for marker in BOILERPLATE_MARKERS:
                assert marker.lower() not in claim["text"].lower(), (topic.id, claim["text"])


def test_silent_sources_contribute_no_claim(kursk: dict) -> None:
    """covers_topic is true exactly for the sources that have claims."""
    with_claims = {c["source"] for c in _all_claims(kursk)}
    assert {s["id"] for s in kursk["sources"] if s["covers_topic"]} == with_claims


def test_kursk_leverage_is_covered_by_the_sources_that_discuss_negotiations(kursk: dict) -> None:
    """The Focus, Conversation and Byline Times pieces all address Kursk as leverage."""
    covering = {s["id"] for s in kursk["sources"] if s["covers_topic"]}
    assert {"focus-2025", "conversation-wolff", "byline-times"} <= covering
    spanning = [g for g in kursk["groups"] if len({c["source"] for c in g["claims"]}) > 1]
    assert spanning, "no claim group spans two sources"


def test_land_swap_aligns_the_zaporizhzhia_spellings(seeds) -> None:
    """Zaporizhzhya (Byline Times) and Zaporozhye (Focus) land in one land-swap group."""
    briefing = json.loads(compare.brief(seeds, "land-swap").to_json())
    together = [
        g for g in briefing["groups"]
        if {"byline-times", "focus-2025"} <= {c["source"] for c in g["claims"]}
    ]
    assert together, [[c["source"] for c in g["claims"]] for g in briefing["groups"]]


def test_an_adhoc_topic_is_briefed_from_free_text(seeds) -> None:
    """Free text becomes an ad-hoc topic that finds the captured-conscripts passage."""
    briefing = compare.brief(seeds, "captured Russian conscripts")
    assert briefing.topic.adhoc
    sources = {c.claim.sentence.source for g in briefing.groups for c in g.claims}
    texts = " ".join(c.claim.sentence.text for g in briefing.groups for c in g.claims)
    assert "byline-times" in sources and "conscripts" in texts


def test_a_typo_in_a_topic_id_suggests_the_nearest(seeds) -> None:
    """An unknown one-word id is refused with the closest codebook ids."""
    with pytest.raises(UnknownTopicError) as raised:
        compare.brief(seeds, "kursk-leverag")
    assert raised.value.suggestions[0] == "kursk-leverage"


def test_a_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    """Loading a folder that does not exist names it."""
    with pytest.raises(CorpusError, match="nowhere"):
        compare.load_corpus(tmp_path / "nowhere")


def test_brief_all_gives_each_topic_the_briefing_brief_gives(seeds) -> None:
    """brief_all segments once, but every briefing equals the one-topic call."""
    def comparable(briefing) -> dict:
        data = json.loads(briefing.to_json())
        data.pop("generated")
        return data

    everything = compare.brief_all(seeds)
    assert [b.topic.id for b in everything] == [t.id for t in seeds.topics]
    for briefing in everything:
        assert comparable(briefing) == comparable(compare.brief(seeds, briefing.topic.id))
