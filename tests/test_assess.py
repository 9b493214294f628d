"""The assess stage on real text: claim flags with checkable reasons, and
group relations that count independent voices only."""

from __future__ import annotations

import csv
import itertools
import json
import re
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from compare import assess, diverge, match
from compare.assess import assess_alignment, audit, audit_contexts
from compare.cli import cli
from compare.ingest import read_corpus
from compare.models import (
    FLAG_ATTRIBUTED,
    FLAG_HEDGED,
    FLAG_OPINION,
    FLAG_UNSUPPORTED,
    Alignment,
    AssessedGroup,
    Claim,
    ClaimGroup,
    Corpus,
    Sentence,
    SourceMeta,
    Topic,
    pair_key,
)
from compare.segment import segment

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@cache
def _corpus() -> Corpus:
    return read_corpus(SEEDS)


@cache
def _seed_sentences() -> tuple[Sentence, ...]:
    return tuple(s for d in _corpus().documents for s in segment(d).sentences)


def _sentence(needle: str) -> Sentence:
    """The one seed sentence containing `needle`."""
    found = [s for s in _seed_sentences() if needle in s.text]
    assert len(found) == 1, f"{needle!r} found {len(found)} times"
    return found[0]


def _alignment(*groups: tuple[str, ...]) -> Alignment:
    """An Alignment over the seed corpus with one group per tuple of needles."""
    corpus = _corpus()
    claim_groups = tuple(
        ClaimGroup(f"g{i}", f"group {i}", tuple(Claim(_sentence(n), 0.8) for n in needles))
        for i, needles in enumerate(groups, start=1)
    )
    return Alignment(
        Topic("test", "Test", "What do the seeds say?"),
        tuple(d.meta for d in corpus.documents),
        {d.meta.id: d.path for d in corpus.documents},
        frozenset(c.sentence.source for g in claim_groups for c in g.claims),
        claim_groups,
    )


@pytest.mark.parametrize(
    ("needle", "flag", "expected"),
    [
        ("Reports suggest that the Ukrainian military", FLAG_UNSUPPORTED, True),
        ("Many facts indicate that a coup", FLAG_UNSUPPORTED, True),
        ("according to as yet unconfirmed but credible reports", FLAG_UNSUPPORTED, True),
        ("any future arrangement will almost certainly", FLAG_UNSUPPORTED, True),
        ("totals at least $200 billion", FLAG_UNSUPPORTED, True),
        ("Putin said.", FLAG_ATTRIBUTED, True),
        ("Putin said.", FLAG_UNSUPPORTED, False),
        ("Dmitry Polyansky, the first Deputy", FLAG_ATTRIBUTED, True),
        ("TheTelegraph writes", FLAG_ATTRIBUTED, True),
        ("TheTelegraph writes", FLAG_HEDGED, True),
        ("current developments in Kursk might force", FLAG_HEDGED, True),
        # a prediction with no source is unsupported, however hedged (issue 14)
        ("current developments in Kursk might force", FLAG_UNSUPPORTED, True),
        ("highly likely that Putin may not survive", FLAG_UNSUPPORTED, True),
        ("the U.S. and Europe must lift all restrictions", FLAG_OPINION, True),
        ("Ukrainian forces entered Russian territory, capturing", FLAG_UNSUPPORTED, False),
    ],
)
def test_seed_sentences_get_the_expected_flags(needle: str, flag: str, expected: bool) -> None:
    """Weasel words, unsourced estimates and certain predictions are unsupported;
    named speakers attribute; hedges and recommendations are marked as such."""
    assert (flag in assess(_sentence(needle).text).flags) is expected


@pytest.mark.parametrize(
    "text",
    [
        # news_claims fit-story sentences: plain reports limited by a scope hedge
        "The House on Thursday voted largely along party lines to approve a non-binding "
        "war powers resolution.",
        "Private citizens in China generally are not allowed to own firearms.",
        "Sometimes they hike for miles into the wilderness with chain saws and backpacks.",
        "They've agreed to divvy up some of the remaining primary states – and not compete "
        "with each other in three states.",
    ],
)
def test_a_scope_hedge_marks_hedged_but_alone_not_unsupported(text: str) -> None:
    """"largely", "generally", "sometimes" limit a report to a tendency or a
    part: the sentence is hedged, with a reason saying so, not unsupported."""
    result = assess(text)
    assert FLAG_HEDGED in result.flags
    assert FLAG_UNSUPPORTED not in result.flags
    assert any("a tendency or a part" in reason for reason in result.reasons)


def test_an_epistemic_hedge_outranks_a_scope_hedge() -> None:
    """With "largely" and "probably" in one sentence, the doubt is what counts:
    unsupported, and the reason quotes "probably"."""
    result = assess("The vote was largely symbolic and will probably change nothing.")
    assert FLAG_UNSUPPORTED in result.flags
    assert any("'probably' marks it as uncertain" in reason for reason in result.reasons)


def test_a_named_attribution_records_the_speaker() -> None:
    """The speaker of "X has stated" is recorded as named."""
    result = assess(_sentence("Dmitry Polyansky, the first Deputy").text)
    assert result.speaker == "Dmitry Polyansky"
    assert result.attribution == "named"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Biden hasn't ruled out a run for the White House when Obama's second term is up.",
         "Biden"),
        ("Scalise told Politico in March that he would not rule out running for the "
         "speakership if Ryan were to retire.", "Scalise"),
    ],
)
def test_not_ruling_something_out_is_a_stated_position(text: str, speaker: str) -> None:
    """"X hasn't ruled out Y" (news_claims) reports X's position: attributed to X."""
    result = assess(text)
    assert result.attribution == "named" and result.speaker == speaker
    assert FLAG_UNSUPPORTED not in result.flags


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # news_claims (a fit story): the justices' ruling, not the writer's prediction
        ("They split on three other disputed provisions of the law, with a majority of the "
         "justices ruling that each of those parts of the law could not be enforced because "
         "they interfered with federal powers.", "a majority of the justices ruling that"),
        # the judge speaks, not the place after the judge
        ("A federal judge in Texas said that the program would have to end by March.",
         "A federal judge in Texas said"),
    ],
)
def test_a_ruling_and_an_unnamed_judge_are_sources(text: str, source: str) -> None:
    """A ruling reported as "X ruled that" is X's, and "a federal judge in Texas said"
    is an unnamed judge, never "Texas"."""
    result = assess(text)
    assert result.attribution == "anonymous" and source in result.reasons[0]
    assert FLAG_UNSUPPORTED not in result.flags


@pytest.mark.parametrize(
    "text",
    [
        # news_claims fit stories, each flagged unsupported before
        "But it's highly unlikely that the confirmation process for Hagel's replacement will "
        "occur before next year when the Republican-led Senate convenes, Senate leadership "
        "aides from both parties tell CNN.",
        "She raised the topic unprompted, saying she knew it would likely arise.",
        "Democratic lawmakers, including New Jersey Sen. Cory Booker, have argued that Trump's "
        "appointment of a judge who could one day rule on elements of Mueller's investigation "
        "is a massive conflict of interest.",
        "There could be 10,000 new Ebola cases per week in Sierra Leone, Liberia and Guinea by "
        "the end of this year as the outbreak spreads, the WHO warned Tuesday.",
        "U.S. forces could also conduct counterterrorism operations against elements of ISIS in "
        "Afghanistan, should the group present a threat to the U.S. homeland, senior "
        "administration officials added.",
        "Perhaps anticipating some of the criticism, American Conservative Union President Matt "
        "Schlapp (who, like Kavanaugh, is a former Bush administration official) wrote in The "
        "Hill that conservatives could be disappointed again.",
    ],
)
def test_speakers_after_an_insertion_or_an_action_are_sources(text: str) -> None:
    """"aides ... tell CNN", "She raised the topic, saying ...", "lawmakers,
    including X, have argued", "the WHO warned", "senior administration
    officials added", a speaker with a bracketed aside: the hedged words are
    the speakers'."""
    result = assess(text)
    assert result.attribution in ("named", "anonymous")
    assert FLAG_UNSUPPORTED not in result.flags


def test_an_inference_after_a_fact_is_the_writers_not_a_speakers() -> None:
    """", suggesting that ..." or ", adding to ..." after a fact is the writer's
    inference: the sentence stays unattributed and its forecast flagged."""
    for text in ("Sales fell 3 percent in May, suggesting that demand could weaken further.",
                 "Prices rose sharply in May, adding to pressure on the central bank, which "
                 "could raise rates."):
        result = assess(text)
        assert result.attribution is None and FLAG_UNSUPPORTED in result.flags


@pytest.mark.parametrize(
    ("text", "unsupported"),
    [
        # news_claims fit stories: a plan's own terms
        ("The proposal would restore about $63 billion in funding that had been cut by the "
         "so-called sequester.", False),
        ("The legislation would also empower attorneys general and the Justice Department to "
         "play a much larger role in its oversight of police agencies.", False),
        # ... and a filing's terms in the present, with its figure (story 5)
        ("The 43-page indictment also seeks the forfeiture of more than $140,000 as well as "
         "dozens of gifts received by the McDonnells.", False),
        ("The bill includes more than $40 billion for border security.", False),
        # a forecast about a plan is still the writer's
        ("The law could face challenges in court.", True),
        ("The bill is likely to include about $5 billion for border security.", True),
    ],
)
def test_a_plans_own_terms_are_not_the_writers_forecast(text: str, unsupported: bool) -> None:
    """"The proposal would restore about $63 billion": what the plan provides,
    checkable in it; "The law could face challenges" is a forecast."""
    assert (FLAG_UNSUPPORTED in assess(text).flags) is unsupported


@pytest.mark.parametrize(
    "text",
    [
        "He appointed 67 of the 117 cardinals that -- as of Monday -- are set to make the "
        "decision.",
        "Additionally, some Democrats are due to question his position on the allegations.",
        "Only a fraction of Cairo's normally heavy traffic was on the streets amid worries "
        "that violence could flare up again.",
        "Meanwhile, Democratic concerns that Kavanaugh may have misled the Senate Judiciary "
        "Committee have fizzled in recent weeks.",
        "They remove brush, trees and anything that might burn in the direction of homes and "
        "cities.",
        "But the ruling struck down three other provisions, one of which allowed Arizona's law "
        "enforcement to arrest those they think might be guilty of a deportable offense.",
        "There is even talk that conservatives might revolt against Kavanaugh.",
        # a verb of hoping or fearing with the thing's subject (FNC-1 fit bodies)
        "When YouTuber Josh Paler Lin gave $100 dollars to a homeless man, he hoped he could "
        "videotape the man wasting the money away on alcohol.",
        "We are deeply concerned about how he might ultimately rule on issues related to "
        "abortion and religious liberty.",
    ],
)
def test_a_schedule_or_a_reported_worry_is_no_forecast_of_the_writer(text: str) -> None:
    """"are set to", "are due to" tell a schedule; a modal inside "worries that" or
    "concerns that", or after "hoped he" or "concerned about how", is the worried
    or hopeful people's, and one in "anything that might burn" a generic
    possibility, not the writer's forecast (news_claims and FNC-1 fit)."""
    assert assess(text).certainty == "fact"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # news_claims fit stories
        ("Two Republican members of the committee who often criticize the president agreed "
         "that judicial independence is a particular concern in the Trump era.", "anonymous"),
        ("However, some Senate Republicans have expressed interest in recent days to support a "
         "similar measure in their chamber.", "vague"),
        ("But several GOP strategists said Monday that the ruling could nevertheless redound to "
         "Mitt Romney's benefit in the presidential race.", "vague"),
        ("Senate Republicans have expressed interest in a similar measure.", "named"),
    ],
)
def test_a_share_of_a_group_is_a_vague_source(text: str, kind: str) -> None:
    """"agreed that" and "expressed" report a view; "some", "several" or "many"
    before the speakers make them nobody in particular (vague), a whole group
    stays who it is."""
    assert assess(text).attribution == kind


def test_a_seed_position_not_ruled_out_is_attributed_not_flagged() -> None:
    """Focus reports that a named analyst "did not rule out" coordination: his
    position, not the writer's own assessment."""
    result = assess(_sentence("did not rule out some coordination").text)
    assert result.speaker and result.speaker.endswith("Zhelikhovsky")
    assert FLAG_UNSUPPORTED not in result.flags


def test_vague_attribution_is_recorded_as_vague() -> None:
    """'according to various information' is an attribution, but a vague one."""
    result = assess(_sentence("according to various information").text)
    assert result.attribution == "vague"
    assert FLAG_ATTRIBUTED not in result.flags


def test_a_quote_continued_from_the_context_is_attributed_to_its_speaker() -> None:
    """A quote whose speaker is named in the sentence before is attributed to them."""
    quote = _sentence("It is characteristic that the publication calls Putin").text
    follow_up = '"Kursk may well become the beginning of the end for Putin in 2025."'
    assert FLAG_ATTRIBUTED not in assess(follow_up).flags
    with_context = assess(follow_up, context=quote)
    assert FLAG_ATTRIBUTED in with_context.flags


def test_audit_attributes_sentences_inside_a_quote_that_runs_on() -> None:
    """Sentences inside a quote opened earlier carry the attribution of its speaker."""
    document = next(d for d in _corpus().documents if d.meta.id == "focus-2025")
    audited = dict(audit(segment(document)))
    inside = _sentence("Why this pressure can be effective?")
    assert FLAG_ATTRIBUTED not in assess(inside.text).flags
    assert audited[inside].speaker == "Stanislav Zhelikhovsky"
    assert "continues what the text just before introduces" in audited[inside].reasons[0]


def test_every_flag_on_every_seed_sentence_has_a_checkable_reason() -> None:
    """Each flag has one non-empty reason, and words a reason quotes are in the sentence."""
    for sentence in _seed_sentences():
        result = assess(sentence.text)
        assert len(result.flags) == len(result.reasons)
        for reason in result.reasons:
            assert reason.strip()
            quoted = re.findall(r"'([^']+)'", reason.replace("’", "'"))
            plain = sentence.text.replace("’", "'").replace("“", '"').replace("”", '"').lower()
            for words in quoted:
                assert words.lower() in plain, (words, sentence.text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=300)))
def test_any_text_gets_one_reason_per_flag(sentence: str, context: str | None) -> None:
    """Whatever the input, assess returns known flags, each with one non-empty reason."""
    result = assess(sentence, context)
    assert len(result.flags) == len(result.reasons) == len(set(result.flags))
    assert set(result.flags) <= {FLAG_ATTRIBUTED, FLAG_UNSUPPORTED, FLAG_HEDGED, FLAG_OPINION}
    assert all(reason.strip() for reason in result.reasons)
    assert result.attribution in (None, "named", "anonymous", "vague")


def test_a_briefing_never_shows_a_flag_without_a_reason() -> None:
    """Every claim of a real briefing on the seeds has exactly one reason per flag."""
    from compare import brief, load_corpus

    briefing = brief(load_corpus(SEEDS), "kursk-leverage")
    claims = [c for g in briefing.to_dict()["groups"] for c in g["claims"]]
    assert claims
    assert all(len(c["flags"]) == len(c["reasons"]) for c in claims)
    assert all(g["rationale"] for g in briefing.to_dict()["groups"])


def test_no_seed_sentence_is_both_attributed_and_unsupported() -> None:
    """A named or anonymous attribution lifts the unsupported flag."""
    for sentence in _seed_sentences():
        flags = assess(sentence.text).flags
        assert not (FLAG_ATTRIBUTED in flags and FLAG_UNSUPPORTED in flags), sentence.text


def test_same_author_twice_is_single_source_and_says_why() -> None:
    """Kaspruk's two articles make one voice: the group is single-source, naming the author."""
    group = assess_alignment(_alignment((
        "might consider offering Putin and some of his cronies political asylum",
        "offer political asylum in China to Putin",
    )))[0]
    assert group.relation == "single-source"
    assert "Viktor Kaspruk" in group.rationale
    assert "kaspruk-2024" in group.rationale and "kaspruk-2025" in group.rationale


def test_independent_sources_without_a_contradiction_agree() -> None:
    """Two outlets reporting the incursion, with nothing opposed, are an agreement."""
    group = assess_alignment(_alignment((
        "Ukrainian forces entered Russian territory, capturing",
        "they have established an expanded hold",
    )))[0]
    assert group.relation == "agreement"
    assert "byline-times" in group.rationale and "conversation-wolff" in group.rationale


def test_a_negation_alone_no_longer_makes_a_divergence() -> None:
    """'will not escalate' against 'will escalate' is left to the matcher: on
    labelled same-point pairs only 11 of 88 negation hits were divergences."""
    result = _assess_pair(
        ("byline-times", "Moscow will escalate against NATO in response to the Kursk raid."),
        ("kaspruk-2025", "Whatever happens in Kursk, the Kremlin will not escalate against the "
                         "alliance."))
    assert result.relation == "agreement"
    assert "Negation" not in result.rationale


def test_a_negation_of_something_else_is_not_a_divergence() -> None:
    """'cannot defeat Ukraine' does not contradict 'is likely to lose this opportunity':
    the other claim never asserts what the negation denies (defeating)."""
    group = assess_alignment(_alignment((
        "Putin cannot defeat Ukraine.",
        "The Russian president is likely to lose this opportunity",
    )))[0]
    assert group.relation != "divergence"
    assert "Negation" not in group.rationale


def test_not_ruling_something_out_is_no_negation() -> None:
    """'I do not rule out that the factor ... can be used' is a guarded yes: it
    cannot contradict a claim that the factor can be used."""
    from compare.assess import _negation_difference

    assert _negation_difference(
        "I do not rule out that the factor of the region can in the future be used to "
        "liberate the plant.", "The factor of the region can be used to liberate the plant.",
    ) is None
    assert _negation_difference(
        "The factor of the region will not be used to liberate the plant.",
        "The region will be used to liberate the plant.",
    ) is not None


def _assess_pair(first: tuple[str, str], second: tuple[str, str]) -> AssessedGroup:
    """One group of two made-up sentences attributed to seed sources."""
    claims = tuple(Claim(Sentence(source, 1, 0, len(text), text), 0.8)
                   for source, text in (first, second))
    alignment = _alignment(("Putin cannot defeat Ukraine.",))
    return assess_alignment(Alignment(alignment.topic, alignment.sources, alignment.paths,
                                      alignment.covered, (ClaimGroup("g1", "pair", claims),)))[0]


def test_a_republished_copy_is_not_independent_corroboration() -> None:
    """The same sentence under two sources with different authors counts as one voice."""
    original = _sentence("Ukrainian forces entered Russian territory, capturing")
    copy = Sentence("conversation-wolff", 40, 0, len(original.text), original.text)
    alignment = _alignment(("Ukrainian forces entered Russian territory, capturing",))
    group = ClaimGroup("g1", "copy", (Claim(original, 0.8), Claim(copy, 0.8)))
    alignment = Alignment(alignment.topic, alignment.sources, alignment.paths,
                          alignment.covered, (group,))
    result = assess_alignment(alignment)[0]
    assert result.relation == "single-source"
    assert "republished" in result.rationale


def test_groups_keep_their_id_title_and_claims() -> None:
    """assess_alignment keeps each group's id, title and claims in order."""
    alignment = _alignment(("Putin cannot defeat Ukraine.",), ("Putin said.",))
    groups = assess_alignment(alignment)
    assert [(g.id, g.title) for g in groups] == [(g.id, g.title) for g in alignment.groups]
    assert [c.claim for c in groups[1].claims] == list(alignment.groups[1].claims)


def test_audit_lists_every_content_sentence_once() -> None:
    """The audit covers exactly the document's content sentences, in order."""
    document = next(d for d in _corpus().documents if d.meta.id == "byline-times")
    segmented = segment(document)
    assert [s for s, _ in audit(segmented)] == list(segmented.sentences)


def test_audit_command_prints_flags_and_reasons() -> None:
    """`compare audit FILE` prints paragraph numbers, flags and their reasons."""
    path = next(SEEDS.glob("002_*.txt"))
    result = CliRunner().invoke(cli, ["audit", str(path)], catch_exceptions=False)
    assert result.exit_code == 0
    assert "[unsupported, hedged] Reports suggest that" in result.output
    assert "unsupported: vague attribution: 'Reports suggest'" in result.output
    assert re.search(r"^¶6 +\[attributed\] .*Putin said\.$", result.output, re.MULTILINE)


def test_audit_command_json_is_one_row_per_sentence() -> None:
    """`--format json` gives one object per sentence with aligned flags and reasons."""
    path = next(SEEDS.glob("003_*.txt"))
    result = CliRunner().invoke(cli, ["audit", str(path), "--format", "json"],
                                catch_exceptions=False)
    rows = json.loads(result.output)
    assert len(rows) == len(audit(segment(read_corpus(SEEDS).documents[3])))
    assert all(len(r["flags"]) == len(r["reasons"]) for r in rows)


def test_audit_command_refuses_a_binary_file_in_one_line(tmp_path: Path) -> None:
    """A file that is not text gives a one-line error and exit 2, no traceback."""
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    result = CliRunner().invoke(cli, ["audit", str(binary)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


# -- divergence points: dates and who did what --------------------------------


@cache
def _fnc_bodies(folder: Path) -> tuple[str, ...]:
    with open(folder / "fnc1" / "train_bodies.csv", encoding="utf-8", newline="") as handle:
        return tuple(row["articleBody"] for row in csv.DictReader(handle))


@cache
def _allsides_texts(folder: Path) -> tuple[str, ...]:
    lines = (folder / "allsides_dev" / "stories.jsonl").read_text(encoding="utf-8").splitlines()
    return tuple(a["text"] for line in lines for a in json.loads(line)["articles"])


def _real_sentence(texts: tuple[str, ...], needle: str) -> str:
    """The sentence of a real article that contains `needle` (first found)."""
    for text in texts:
        found = re.search(rf"[^.!?\n]*{re.escape(needle)}[^!?\n]*?(?:[.!?](?=\s|$)|$)", text)
        if found:
            return found.group(0).strip()
    raise AssertionError(f"{needle!r} not in the data")


def _real_pair(folder: Path, corpus: str, needle_a: str, needle_b: str) -> tuple[str, str]:
    """The sentences of AllSides ("allsides") or FNC-1 ("fnc") articles holding the needles."""
    texts = _allsides_texts(folder) if corpus == "allsides" else _fnc_bodies(folder)
    return _real_sentence(texts, needle_a), _real_sentence(texts, needle_b)


def _pair(text_a: str, text_b: str, published: tuple[str | None, str | None] = (None, None),
          matches: dict[tuple[str, str], float] | None = None) -> AssessedGroup:
    """Two claims from two independent sources in one group, assessed
    (`matches`: the scores align would have given, `ClaimGroup.matches`)."""
    metas = tuple(SourceMeta(s, outlet=s, published=p) for s, p in zip("ab", published,
                                                                         strict=True))
    claims = tuple(Claim(Sentence(m.id, 1, 0, len(t), t), 0.8)
                   for m, t in zip(metas, (text_a, text_b), strict=True))
    alignment = Alignment(Topic("t", "T", "?"), metas, {m.id: m.id for m in metas},
                          frozenset("ab"), (ClaimGroup("g1", "pair", claims, matches or {}),))
    return assess_alignment(alignment)[0]


def test_figures_of_two_claims_that_make_different_points_are_no_divergence() -> None:
    """news_claims fit story (Super Tuesday): one group held "more than 1,300
    delegates will be up for grabs" and the party's rule about "the 3,979
    pledged delegates"; the matcher says they make different points, so their
    figures do not diverge (with "pledged" left out, so that the figure slot
    alone would differ: "pledged" also makes them a part of all delegates).
    The fire sizes of one fire (a pair it scores 0.8) do."""
    from compare.settings import DIVERGENCE_SAME_EVENT_MIN_MATCH

    up_for_grabs = ("In total, more than 1,300 delegates will be up for grabs, about a third of "
                    "the total available in the race to the Democratic presidential nomination.")
    pledged = ("The party ' s rules state that you need an outright majority of the 3,979 "
               "pledged delegates to win the nomination on the first ballot.")
    assert diverge.figure_difference(up_for_grabs, pledged) is None
    rule = pledged.replace("pledged ", "")
    assert diverge.figure_difference(up_for_grabs, rule)  # the slot alone differs
    assert float(match([(up_for_grabs, rule)])[0]) < DIVERGENCE_SAME_EVENT_MIN_MATCH
    assert _pair(up_for_grabs, rule).relation != "divergence"
    fire = _pair("The lightning-sparked fire, which spread to at least 2,000 acres (800 hectares) "
                 "amid triple-digit temperatures, also destroyed 200 homes.",
                 "In this case, a wind shift and other factors caused a central Arizona fire, "
                 "which now spans 8,400 acres, to become erratic, said Mike Reichling.")
    assert fire.relation == "divergence"
    assert fire.rationale.startswith("Figures differ: at least 2,000 acres (a) vs 8,400 acres")


def test_a_time_a_source_gives_itself_in_another_claim_is_not_disputed() -> None:
    """news_claims fit story (Syria, 2013-09-09): one outlet has "her Monday
    afternoon appearance" (Clinton's) and "Tuesday night" for Obama's address;
    the other has "Tuesday night" for the address. The first outlet gives the
    second's time itself, so the group holds no divergence; without its
    second claim, the two times differ."""
    clinton = ("Clinton is likely to address Syria during her Monday afternoon appearance at "
               "the White House as well as at a speech on Tuesday in Philadelphia, according "
               "to a person familiar with her plans.")
    obama_a = ("It's a big week for President Obama as he gets ready to make his case to the "
               "American people Tuesday night about why bombing Syria is necessary.")
    obama_b = ("Obama will make a televised address from the White House on Tuesday night as "
               "part of the administration's offensive to build support for military action.")
    assert diverge.time_difference(clinton, obama_b)
    assert diverge.time_difference(clinton, obama_b, also_a=[obama_a]) is None
    metas = (SourceMeta("a", outlet="a"), SourceMeta("b", outlet="b"))
    claims = tuple(Claim(Sentence(src, i, 0, len(t), t), 0.8)
                   for i, (src, t) in enumerate((("a", clinton), ("a", obama_a), ("b", obama_b))))
    scores = {pair_key(x.sentence.text, y.sentence.text): 0.9
              for x, y in itertools.combinations(claims, 2)}
    alignment = Alignment(Topic("t", "T", "?"), metas, {"a": "a", "b": "b"}, frozenset("ab"),
                          (ClaimGroup("g1", "speech", claims, scores),))
    assert assess_alignment(alignment)[0].relation != "divergence"


def test_the_score_align_gave_a_pair_decides_whether_its_figures_diverge() -> None:
    """assess reads the matcher's score from the group (`ClaimGroup.matches`,
    what align scored with the topic) and asks the matcher only for a pair
    align did not score: the same two fire sizes are no divergence when align
    scored them below the gate, and two figures the bare matcher scores apart
    diverge when align scored them as one point."""
    from compare.settings import DIVERGENCE_SAME_EVENT_MIN_MATCH

    fire_a = ("The lightning-sparked fire, which spread to at least 2,000 acres (800 hectares) "
              "amid triple-digit temperatures, also destroyed 200 homes.")
    fire_b = ("In this case, a wind shift and other factors caused a central Arizona fire, "
              "which now spans 8,400 acres, to become erratic, said Mike Reichling.")
    low = {pair_key(fire_a, fire_b): DIVERGENCE_SAME_EVENT_MIN_MATCH - 0.1}
    assert _pair(fire_a, fire_b, matches=low).relation != "divergence"
    up_for_grabs = "In total, more than 1,300 delegates will be up for grabs on Tuesday."
    rule = "The party's rules say that 3,979 delegates are at stake on Tuesday."
    assert _pair(up_for_grabs, rule).relation != "divergence"  # the matcher, asked, says apart
    high = {pair_key(rule, up_for_grabs): DIVERGENCE_SAME_EVENT_MIN_MATCH}
    assert _pair(up_for_grabs, rule, matches=high).relation == "divergence"


@pytest.mark.parametrize(
    ("needle_a", "needle_b", "dates"),
    [
        # FNC-1 story 1002: when Wozniak left Apple
        ("Wozniak left Apple in early 1987", "having left Apple in 1985",
         ("early 1987", "in 1985")),
        # FNC-1 story 1198: when Emwazi travelled to Tanzania
        ("during a trip to Tanzania in August 2009", "after travelling to Tanzania in May 2009",
         ("in August 2009", "in May 2009")),
    ],
)
def test_real_claims_dating_one_event_differently_diverge_on_the_date(
    shared_data: Path, needle_a: str, needle_b: str, dates: tuple[str, str]
) -> None:
    """Two outlets giving different dates for the same event diverge, quoting both dates."""
    bodies = _fnc_bodies(shared_data)
    group = _pair(_real_sentence(bodies, needle_a), _real_sentence(bodies, needle_b))
    assert group.relation == "divergence"
    assert group.rationale.startswith(f"Dates differ: a gives '{dates[0]}', b gives '{dates[1]}'")


@pytest.mark.parametrize(
    ("corpus", "needle_a", "needle_b"),
    [
        # AllSides 2017-07-09: "June 9, 2016" is in "June 2016"
        ("allsides", "Then on June 9, 2016, Donald Trump Jr.", "The meeting in June 2016 with"),
        # AllSides 2018-05-09: "April 2017" fits "in April and May of 2017"
        ("allsides", "who were arrested in April and May of 2017",
         "was detained at Pyongyang's airport in April 2017"),
        # FNC-1 story 1011: Sotloff's abduction and Foley's are two events
        ("fnc", "Sotloff was abducted in Syria in August 2013",
         "James Foley, who was abducted in Syria in 2012"),
        # FNC-1 story 1002: "from 1974 to 2001" does not contradict "in 2001"
        ("fnc", "covered the era from 1974 to 2001",
         "through the introduction of the iPod in 2001"),
    ],
)
def test_real_claims_with_compatible_dates_or_two_events_do_not_diverge_on_dates(
    shared_data: Path, corpus: str, needle_a: str, needle_b: str
) -> None:
    """A coarser date that contains the finer one, or two people's two events, is no divergence."""
    pair = _real_pair(shared_data, corpus, needle_a, needle_b)
    assert all(re.search(r"\b(?:19|20)\d\d\b", sentence) for sentence in pair)
    group = _pair(*pair)
    assert group.relation != "single-source"
    assert "Dates differ" not in group.rationale


@pytest.mark.parametrize(
    ("text_a", "text_b", "expected"),
    [
        ("Ukraine struck the Crimean bridge on Monday.",
         "Russian forces struck the Crimean bridge on Monday.", True),
        ("The Crimean bridge was struck by Ukrainian drones overnight.",
         "Russia struck the Crimean bridge overnight.", False),  # target: one word in common
        ("Poland delivered the first tanks to Kyiv, officials in Warsaw confirmed on Friday.",
         "Germany delivered the first tanks to Kyiv.", True),
        ("President Trump signed the trade deal with Mexico.",
         "Trump signed the trade deal with Mexico.", False),  # one agent, with a title
        ("Ukraine struck the bridge, Russia said.", "Russia struck the bridge.", False),
        ("Ukraine struck the bridge.", "Ukraine struck the dam.", False),
        ("Pelosi said the House would vote.", "Schumer said the House would vote.", False),
    ],
)
def test_who_did_what_needs_one_action_and_two_agents(text_a: str, text_b: str,
                                                      expected: bool) -> None:
    """Same verb on the same target by agents neither claim shares: a who-did-what divergence,
    quoting both clauses; reporting verbs and an agent the other claim names are not."""
    group = _pair(text_a, text_b)
    assert group.rationale.startswith("Who did what") is expected
    if expected:
        for text in (text_a, text_b):
            assert " ".join(text.split()[:4]) in group.rationale


@pytest.mark.parametrize(
    ("corpus", "needle_a", "needle_b"),
    [
        # FNC-1 story 1011: ISIS and the Islamic State are one agent
        ("fnc", "ISIS militants released gruesome video footage",
         "The Islamic State released a video of its jihadists"),
        # AllSides 2018-04-22: "Police" and "Authorities" are kinds of actor, not names
        ("allsides", "Police identified Reinking as the suspect",
         "Authorities identified Reinking as the suspect"),
    ],
)
def test_real_name_variants_and_generic_actors_are_not_a_who_did_what_divergence(
    shared_data: Path, corpus: str, needle_a: str, needle_b: str
) -> None:
    """Acronyms of one name and unnamed kinds of actor do not make a who-did-what divergence."""
    group = _pair(*_real_pair(shared_data, corpus, needle_a, needle_b))
    assert group.relation != "single-source"
    assert "Who did what" not in group.rationale


def test_a_date_divergence_between_dated_sources_also_notes_the_publication_dates(
    shared_data: Path,
) -> None:
    """The date point and the sources' publication dates are both in the rationale."""
    bodies = _fnc_bodies(shared_data)
    group = _pair(_real_sentence(bodies, "Wozniak left Apple in early 1987"),
                  _real_sentence(bodies, "having left Apple in 1985"),
                  published=("2014-10-28", "2014-11-20"))
    assert "Dates differ" in group.rationale
    assert "Published a 2014-10-28, b 2014-11-20" in group.rationale


def test_a_day_and_month_is_a_date_not_a_figure() -> None:
    """'5 August' against '6 August' is a date divergence, not a figure in 'august'."""
    group = _pair("Local officials said the convoy crossed the border on 5 August near Sudzha.",
                  "The convoy crossed the border on 6 August, the governor said.")
    assert group.rationale.startswith("Dates differ: a gives '5 August', b gives '6 August'")


# -- no flag without a reason, in every output ---------------------------------


@pytest.mark.slow
def test_every_briefing_of_every_seed_topic_has_a_reason_for_each_flag(seeds_dir: Path) -> None:
    """Every claim of every codebook topic's briefing has one non-empty reason per flag."""
    from compare import brief, load_corpus

    corpus = load_corpus(seeds_dir)
    assert len(corpus.topics) >= 7
    for topic in corpus.topics:
        groups = brief(corpus, topic.id).to_dict()["groups"]
        assert all(g["rationale"].strip() for g in groups), topic.id
        for claim in (c for g in groups for c in g["claims"]):
            assert len(claim["flags"]) == len(claim["reasons"]), (topic.id, claim)
            assert all(reason.strip() for reason in claim["reasons"]), (topic.id, claim)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_audit_of_every_seed_has_a_reason_for_each_flag(path: Path) -> None:
    """`compare audit --format json` on each seed: every sentence has one reason per flag."""
    result = CliRunner().invoke(cli, ["audit", str(path), "--format", "json"],
                                catch_exceptions=False)
    rows = json.loads(result.output)
    assert rows
    for row in rows:
        assert len(row["flags"]) == len(row["reasons"]), row
        assert all(reason.strip() for reason in row["reasons"]), row


def test_the_shipped_flagger_loads_and_its_threshold_is_the_settings_one() -> None:
    """The learned part ships in the package with the threshold it was chosen
    at (settings.py names the same), and it tells the writer's own sweeping
    assessment from a plain report of an event."""
    import json
    from importlib import resources

    from compare.matcher import unsupported
    from compare.settings import ASSESS_MODEL_MIN_PROBABILITY

    card = json.loads((resources.files("compare") / "data" / "flagger" / "flagger.json")
                      .read_text(encoding="utf-8"))
    assert card["threshold"] == ASSESS_MODEL_MIN_PROBABILITY
    weasel, report = unsupported([
        "He is widely considered one of the most famous painters of his generation.",
        _sentence("Putin and North Korean leader Kim Jong Un signed").text])
    assert weasel >= ASSESS_MODEL_MIN_PROBABILITY > report


def test_a_learned_flag_says_why_and_depends_on_the_sentence_alone(monkeypatch) -> None:
    """The seeds' own assessments stated with no source ("This is a crucial
    consideration ...", "it further undermines the belief that ...") are
    flagged by the learned part with a reason a student can check, a plain
    report of an event is not, and each score is the same alone and among
    other sentences (one sentence per model call)."""
    from compare import matcher
    from compare.settings import ASSESS_MODEL_MIN_PROBABILITY

    monkeypatch.setenv("COMPARE_CACHE_DIR", "off")
    assessments = [_sentence("This is a crucial consideration when planning").text,
                   _sentence("On the other hand, it further undermines the belief").text]
    report = _sentence("Putin and North Korean leader Kim Jong Un signed").text
    together = matcher.unsupported([*assessments, report])
    assert together.tolist() == [matcher.unsupported([s])[0] for s in [*assessments, report]]
    assert min(together[:2]) >= ASSESS_MODEL_MIN_PROBABILITY > together[2]
    for sentence in assessments:
        result = assess(sentence)
        assert FLAG_UNSUPPORTED in result.flags
        assert "no source or evidence" in result.reasons[result.flags.index(FLAG_UNSUPPORTED)]
        assert FLAG_UNSUPPORTED not in assess(sentence, learned=False).flags
    assert FLAG_UNSUPPORTED not in assess(report).flags


def test_a_tweet_is_attributed_to_the_account_its_credit_line_names() -> None:
    """The words of an embedded tweet are its author's, and the credit line
    "— Name (@handle) date" is furniture, never a claim."""
    from compare._boilerplate import boilerplate_spans
    from compare.models import Document

    text = ("The campaign answered within hours.\n"
            "Lyin' Ted and Kasich are mathematically dead and totally desperate. Their donors "
            "are not happy with them. Sad! — Donald J. Trump (@realDonaldTrump) April 25, 2016\n"
            "Story highlights\nMORE\nVideo: Trump speaks in Indiana about the race")
    document = Document(SourceMeta("t"), "t.txt", text, tuple(boilerplate_spans(text)))
    audited = audit(segment(document))
    assert [s.text for s, _ in audited][1:] == [
        "Lyin' Ted and Kasich are mathematically dead and totally desperate.",
        "Their donors are not happy with them."]
    for _, result in audited[1:]:
        assert result.speaker == "Donald J. Trump"
        assert FLAG_UNSUPPORTED not in result.flags


def test_with_its_documents_a_claim_is_assessed_in_its_article() -> None:
    """Given the segmented documents, a claim inside a quote that a speaker
    opened in an earlier paragraph is attributed to them; from the alignment
    alone (no paragraph before it among the claims) it is not."""
    alignment = _alignment(("Why this pressure can be effective?",))
    documents = tuple(segment(d) for d in _corpus().documents)
    alone = assess_alignment(alignment)[0].claims[0].assessment
    in_article = assess_alignment(alignment, documents)[0].claims[0].assessment
    assert alone.speaker is None
    assert in_article.speaker == "Stanislav Zhelikhovsky"
    assert FLAG_ATTRIBUTED in in_article.flags


def test_the_issues_seed_non_sources_are_not_sources() -> None:
    """'and some of his cronies' (an object) is no vague source, and 'Russia
    must win' (Putin's reported aim) is not the writer's recommendation."""
    cronies = assess(_sentence("might consider offering Putin and some of his cronies").text)
    assert cronies.attribution is None
    assert not any("cronies" in reason for reason in cronies.reasons)
    aim = assess(_sentence("are crystal clear — Russia must win").text)
    assert FLAG_OPINION not in aim.flags
    assert FLAG_OPINION in assess(_sentence("the U.S. and Europe must lift all restrictions")
                                  .text).flags


def test_a_second_run_reads_assessments_from_the_cache(tmp_path, monkeypatch) -> None:
    """The same claims with the same contexts are assessed once: a second run reads
    the cached assessments (equal to the first); a changed context, a setting
    changed in the process or changed code (its files' digest) assesses again."""
    import importlib

    module = importlib.import_module("compare.assess")
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path))
    items = [("Officials said the bridge will reopen in May.", "", ""),
             ("It is probably the worst decision of the decade.", "", "he said."),
             ("Some experts believe the plan could fail.", "The plan was announced.", "")]
    first = module._assess_items(items)
    assert first == [module.assess(t, b or None, a or None) for t, b, a in items]

    def refuse(item):
        raise AssertionError(f"assessed again: {item}")

    monkeypatch.setattr(module, "_assess_item", refuse)
    assert module._assess_items(items) == first
    with pytest.raises(AssertionError, match="assessed again"):
        module._assess_items([items[0], items[1], (items[2][0], "Another context.", "")])
    monkeypatch.setattr(module, "ASSESS_MODEL_MIN_PROBABILITY", 0.99)
    with pytest.raises(AssertionError, match="assessed again"):
        module._assess_items(items)
    monkeypatch.undo()
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(module, "_assess_item", refuse)
    monkeypatch.setattr(module, "_assess_files_digest", lambda: "another revision")
    with pytest.raises(AssertionError, match="assessed again"):
        module._assess_items(items)


def test_a_modal_that_the_sentence_does_not_assert_is_no_prediction() -> None:
    """News sentences of the fit stories: a modal inside a purpose clause or an
    indirect question, and "as X might have said", predict nothing; the same
    modal asserted in the main clause still does."""
    not_asserted = (
        "Scientists are trying to understand what level of antibodies will ultimately prove "
        "protective against the novel coronavirus, and how long that protection will last.",
        "In those last two cases the changes were made so the money could be used for other "
        "government priorities.",
        "Obama has repeatedly shown that it's a mistake to “misunderestimate” him, as his White "
        "House predecessor might have said.",
        "Meanwhile, attorney Paul Clement, who argued for the National Federation of Independent "
        "Businesses and 26 states opposing the law, struggled to explain why the states couldn't "
        "reject all sort of rules attached to federal programs if they could reject the Medicaid "
        "expansion.",
        # a possibility inside a relative clause with its own subject
        "Those 48 are asymptomatic, and Sunday will mark the end of the window in which they "
        "could get sick.",
        "Maureen McDonnell tried to have Williams pay for an Oscar de la Renta dress she could "
        "wear to the inauguration.",
        # ... or in what somebody says
        "The former governor was a sharp critic of Trump during his run for president, at one "
        "point warning his harsh rhetoric could lead the U.S. into war.",
        # ... or a time clause
        "After Sessions ' resignation, Luther Strange was temporarily appointed to the seat in "
        "April before a special election could take place.",
    )
    for sentence in not_asserted:
        result = assess(sentence, learned=False)
        assert result.certainty == "fact", sentence
        assert FLAG_UNSUPPORTED not in result.flags and FLAG_HEDGED not in result.flags
    asserted = ("The Senate could consider a similar measure — but one that has the force of "
                "law — as early as next week.")
    assert assess(asserted, learned=False).certainty == "prediction"
    assert FLAG_UNSUPPORTED in assess(asserted, learned=False).flags


def test_a_condition_is_not_asserted_but_its_consequence_is_the_writers_forecast() -> None:
    """A modal inside "if" or "unless" is part of a condition ("unless they could
    get medical treatment", FNC-1 fit); the consequence after the comma ("If the
    talks fail, the war could last years") stays the writer's prediction."""
    assert assess("Their daughter would die unless they could get her medical "
                  "treatment abroad.").certainty != "prediction"
    result = assess("If the talks fail, the war could last for years.")
    assert result.certainty == "prediction" and FLAG_UNSUPPORTED in result.flags


@pytest.mark.parametrize(("part", "sentence", "modal"), [
    ("purpose", "In those last two cases the changes were made so the money could be used "
     "for other government priorities.", "could"),
    ("indirect question", "Scientists are trying to understand what level of antibodies will "
     "ultimately prove protective against the novel coronavirus.", "will"),
    ("not said", "Officials have not said when or how the second health care worker may have "
     "had contact with Duncan.", "may"),
    ("reported thought", "Only a fraction of Cairo's normally heavy traffic was on the streets "
     "amid worries that violence could flare up.", "could"),
    ("reported talk", "She moved to tamp down speculation she may challenge the president.",
     "may"),
    ("reported talk", "The announcement dashed hopes the talks could resume this year.", "could"),
    ("reported speech", "The former governor was a sharp critic of Trump, at one point warning "
     "his harsh rhetoric could lead the U.S. into war.", "could"),
    ("time clause", "Luther Strange was temporarily appointed to the seat in April before a "
     "special election could take place.", "could"),
    ("relative clause", "Sunday will mark the end of the window in which they could get sick.",
     "could"),
    ("generic relative", "They remove brush, trees and anything that might burn in the "
     "direction of homes.", "might"),
    ("reported worry", "In a further sign of the concern the unrest could spin out of control, "
     "the president held talks with the army chief.", "could"),
    ("reported worry", "Amid fears Trump could lose the state, donors held back.", "could"),
    ("reported hope or fear", "He gave the man $100 and hoped he could film him drinking.",
     "could"),
    ("reported hope or fear", "The account was speculating that it may be a plot.", "may"),
    ("condition", "Their daughter was in danger unless they could get her treatment.", "could"),
    ("aim", "He also wanted a tax code so simple most returns could be filed on a postcard.",
     "could"),
    # news_claims fit stories, read as wrong flags (fit flags, seed 202)
    ("reported speech", "Their majority has been wobbly, with several Republican senators "
     "hinting they may not vote for the bill.", "may"),
    ("options", "Biden led a task force to come up with measures the president could take on "
     "his own.", "could"),
    ("options", "Aides drew up steps that the governor can take before the vote.", "can"),
    ("evidence denied", "There is no evidence to suggest that the request played any role in "
     "her resignation.", "suggest"),
    ("evidence denied", "We've seen nothing to indicate there is any plot.", "indicate"),
])
def test_each_reason_a_modal_is_not_asserted_excuses_its_own_case(
        part: str, sentence: str, modal: str) -> None:
    """Each named part of assess._NOT_ASSERTED_BEFORE excuses the modal of its
    case, and it is that part that does; the modal of the main clause of the
    same sentences ("Sunday will mark") stays asserted."""
    from compare.assess import _NOT_ASSERTED_BEFORE, _not_asserted_because

    assert part in _NOT_ASSERTED_BEFORE
    start = sentence.rindex(f" {modal} ") + 1
    assert _not_asserted_because(sentence, start) == part
    if sentence.startswith("Sunday will"):
        assert _not_asserted_because(sentence, sentence.index("will")) is None


@pytest.mark.parametrize(("sentence", "hedged"), [
    # news_claims fit stories: a schedule and a denial, flagged "hedged" before
    ("After weeks and months of public debate and speculation about the legal fate of "
     "same-sex marriage, the second round of arguments takes place on Wednesday.", False),
    ("Scalise downplayed speculation in an appearance on Fox News.", False),
    ("The news startled the Catholic world and led to frenzied speculation about who would "
     "replace him.", False),
    ("He also used his half-hour at the podium to denounce rumors that leaks had come from "
     "the White House.", False),
    # the talk as the sentence's own subject or claim stays a hedge
    ("Rumors swirled that the minister would resign.", True),
    ("There is speculation that the minister will resign.", True),
])
def test_talk_a_sentence_reports_as_a_thing_is_no_hedge_of_its_claim(
        sentence: str, hedged: bool) -> None:
    result = assess(sentence)
    assert (FLAG_HEDGED in result.flags) is hedged, result.reasons
    assert (FLAG_UNSUPPORTED in result.flags) is hedged, result.reasons


def test_a_judgement_inside_quotation_marks_is_not_the_writers() -> None:
    """news_claims fit story: the bill's own words ("reckless disregard") made
    its summary "judgement stated as fact"; the writer's own word still does."""
    quoted = assess("The bill seeks to lower the threshold to federally prosecute officers if "
                    "they exhibit a \"reckless disregard\" for someone's life.")
    assert quoted.certainty == "fact" and not quoted.flags, quoted.reasons
    own = assess("The bill is reckless and should be withdrawn.")
    assert own.certainty == "opinion" and FLAG_UNSUPPORTED in own.flags


def test_a_passive_with_its_agent_is_no_impersonal_it_is_considered() -> None:
    """ "before it is considered by the full Senate" names who considers it;
    "It is considered by many" and "is considered by some" stay vague."""
    agent = assess("After the hearing, the Judiciary Committee will vote on the nomination "
                   "before it is considered by the full Senate.")
    assert agent.sourcing != "vague" and not agent.flags, agent.reasons
    for sentence in ("It is considered by many the finest novel of the century.",
                     "He is considered by some the best player of his generation."):
        assert assess(sentence).sourcing == "vague", sentence


def test_a_possibility_about_the_past_that_picks_out_a_group_is_no_hedge() -> None:
    """ "people who may have had contact with Duncan are being monitored"
    asserts the monitoring (news_claims fit story); the same possibility as
    an aside after a comma, or a doubt about the act itself ("the ghost who
    supposedly haunts"), stays the writer's hedge."""
    group = assess("More than 70 people who may have had contact with Duncan at the hospital "
                   "are currently being monitored.")
    assert FLAG_HEDGED not in group.flags and FLAG_UNSUPPORTED not in group.flags
    for sentence in ("Smith, who may have known about the plan, resigned on Friday.",
                     "Most versions of the story name Mary as the ghost who supposedly haunts "
                     "the building.",
                     "It was Smith who may have leaked the memo to the press."):
        assert FLAG_HEDGED in assess(sentence).flags, sentence


def test_a_worry_with_nothing_between_it_and_the_modal_is_the_writers_forecast() -> None:
    """ "Fears could grow" and "Concerns about the economy could sink his
    campaign": the worry is the subject of the writer's forecast, not a
    thought the sentence reports, so the prediction stays flagged."""
    for sentence in ("Fears could grow as the storm nears the coast.",
                     "Concerns about the economy could sink his campaign.",
                     "The watch comes later than hoped because the redesign could slip "
                     "again."):
        result = assess(sentence)
        assert result.certainty == "prediction", sentence
        assert FLAG_UNSUPPORTED in result.flags, sentence


@pytest.mark.parametrize(("sentence", "source"), [
    # news_claims fit stories: the writer's reason named the forecast, not the source
    ("Analysts suggested Arizona's ongoing struggle to enforce its own immigration law "
     "could help feed the narrative.", "Analysts suggested"),
    ("There are currently no approved treatments, and experts predict a safe and effective "
     "vaccine could take 12 to 18 months to develop.", "experts predict"),
    ("Legal scholars say the ruling is narrow.", "Legal scholars say"),
    # a kind of speaker at the start of a sentence is no name; two kinds joined
    ("Pundits have said the convention would be brokered.", "Pundits have said"),
    ("Pundits and politicians have speculated that there would be backroom dealings.",
     "Pundits and politicians have speculated"),
])
def test_a_bare_plural_of_experts_saying_something_is_a_vague_source(
        sentence: str, source: str) -> None:
    """ "Experts say" is the textbook weasel: unsupported for a vague source,
    and the reason quotes the source (without the ", and" that joins it)."""
    result = assess(sentence)
    assert result.sourcing == "vague", sentence
    assert any(reason == f"vague attribution: '{source}' names no source a reader can check"
               for reason in result.reasons), result.reasons


@pytest.mark.parametrize("sentence", [
    "The experts said the ruling is narrow.",  # points back to experts named before
    "Two analysts said sales fell in the spring.",  # counted: the article names them
    "He told analysts that sales fell in the spring.",  # the object, not the speaker
])
def test_experts_pointed_back_to_counted_or_addressed_are_no_vague_source(sentence: str) -> None:
    assert assess(sentence).sourcing != "vague", sentence


@pytest.mark.parametrize(("sentence", "vague"), [
    # CoNLL-2010 weasel tuning part, labelled certain: a name, a sighting, a list's end
    ("This incision is commonly called the “bikini line incision”.", False),
    ("They are often seen in heavy leafed trees.", False),
    ("Britain is a lead player, with labs at the universities of Edinburgh, Northampton and "
     "Liverpool Hope, among others.", False),
    # an opinion that an unnamed many hold stays a vague source
    ("He was widely seen as a caretaker pope.", True),
    ("The suburb is often seen as the safest in the city.", True),
    ("Cheese is popular among critics.", True),
    # CoNLL-2010 weasel tuning part, labelled uncertain: other unnamed critics, a view
    # held with "also", a source that would argue
    ("Conversely, other reviewers complained that the graphics were not much of a visual "
     "upgrade from its predecessor.", True),
    ("However, the approach of the film was described by other critics as tender.", True),
    ("Led by Mao Siphan, the unit is also perceived as directly loyal to Hun Sen.", True),
    ("Some may argue that the team began to play a less attractive form of the game.", True),
])
def test_what_a_thing_is_often_called_names_no_source_and_other_critics_are_vague(
        sentence: str, vague: bool) -> None:
    assert (assess(sentence, learned=False).sourcing == "vague") is vague, sentence


@pytest.mark.parametrize(("sentence", "speaker"), [
    ("Jones and other analysts said the deal would collapse.", "Jones"),
    ("The deal, Jones and other analysts said, would collapse.", "Jones"),
    ("Smith and other Republicans said the bill would fail.", "Smith"),
    ("Democrats and other critics said the bill would fail.", None),  # a group
    ("Other analysts said the deal would collapse.", None),
])
def test_a_named_person_beside_other_unnamed_ones_is_the_source(
        sentence: str, speaker: str | None) -> None:
    """"Jones and other analysts said": Jones is named, so the sentence is
    attributed to Jones; the others alone, or a party, stay a vague source."""
    result = assess(sentence, learned=False)
    if speaker:
        assert result.sourcing == "named" and result.speaker == speaker, result
    else:
        assert result.sourcing == "vague", result


@pytest.mark.parametrize("sentence", [
    # news_claims fit story: the speaker named inside an aside between dashes
    "But others -- such as Barbara Blaine, president of Survivors Network of those Abused by "
    "Priests -- say the opposite is true.",
    "But others — such as Barbara Blaine — say the opposite is true.",
    "Barbara Blaine -- president of the survivors' network -- says the opposite is true.",
])
def test_a_speaker_named_between_press_dashes_is_the_source(sentence: str) -> None:
    """A name in, or followed by, an aside between dashes is the speaker of
    the verb after the closing dash, as with commas or parentheses."""
    result = assess(sentence, learned=False)
    assert result.sourcing == "named" and result.speaker == "Barbara Blaine", result


def test_a_passive_aside_after_a_dash_names_no_speaker() -> None:
    """FNC-1 fit bodies: "Jong Un -- said to be a common Korean name --" and
    "a lightsaber – said to be a leaked still" are passive asides, not a
    speaker and a reporting verb (as "Barbara Blaine -- say" is)."""
    for sentence in ("People named Jong Un -- said to be a common Korean name -- apparently "
                     "were directed to change their names.",
                     "Disney went after a website hosting an image of a Sith Lord clutching a "
                     "red lightsaber – said to be a leaked still from the film."):
        result = assess(sentence, learned=False)
        assert result.sourcing != "named", result


def test_options_without_a_subject_of_their_own_stay_the_writers_forecast() -> None:
    """"steps that could help" says the steps could help (the writer's forecast);
    only options told with their holder as subject ("steps he could take") are not."""
    result = assess("These are steps that could help the economy recover by spring.",
                    learned=False)
    assert FLAG_UNSUPPORTED in result.flags and result.certainty == "prediction", result


def test_spoke_volumes_is_no_speaker_and_may_very_well_a_forecast() -> None:
    """news_claims fit story: "... among House Republicans spoke volumes: For
    now, keeping immigration reform rolling may very well mean ..." is the
    writer's reading (the labelled unsupported claim), not House Republicans'."""
    result = assess("The absence of the two Gang of Eight senators with the most cachet among "
                    "House Republicans spoke volumes: For now, keeping immigration reform "
                    "rolling may very well mean steering clear of the bill that the Senate "
                    "fought so hard to pass.", learned=False)
    assert result.speaker is None and FLAG_ATTRIBUTED not in result.flags
    assert result.certainty == "prediction" and FLAG_UNSUPPORTED in result.flags
    assert assess("Obama spoke to reporters on Monday about the deal.").speaker == "Obama"


def test_odds_and_the_consequence_of_a_condition_are_forecasts() -> None:
    """news_claims fit stories: labelled unsupported forecasts, found by "no
    chance" and by "if ..., ... will", the cue quoted short."""
    odds = assess("There ' s virtually no chance Republicans can expand their 54 to 46 "
                  "majority in the Senate to 60 to 40.", learned=False)
    assert odds.certainty == "prediction" and FLAG_UNSUPPORTED in odds.flags
    condition = assess("Ohio Gov. John Kasich and New Jersey's Chris Christie are going on to "
                       "South Carolina, but if they don't place in the top tier, their "
                       "fundraising will evaporate.", learned=False)
    assert condition.certainty == "prediction" and FLAG_UNSUPPORTED in condition.flags
    assert "('if …, will evaporate')" in condition.reasons[0]
    # a bare "will" without a condition still tells a schedule
    assert assess("The Senate will vote on the bill on Tuesday.",
                  learned=False).certainty != "prediction"


def test_could_not_tells_a_past_inability_or_a_ruling_not_a_forecast() -> None:
    """"could not be sentenced" (what a ruling held) and "could not repeat his
    time" (a past inability) are no predictions; "might not" still is."""
    for sentence in (
        "On Monday, Roberts was delivering a strident, classically conservative dissent in a "
        "case declaring that minors could not be sentenced to life in prison.",
        "Lim made the semifinal, but could not repeat his time from the heat in the semi.",
    ):
        result = assess(sentence, learned=False)
        assert result.certainty == "fact", sentence
        assert FLAG_UNSUPPORTED not in result.flags
    assert assess("The bill might not pass the Senate this year.",
                  learned=False).certainty == "prediction"
    # the penalty a law sets is checkable in it; a vague "decades" is an estimate (labelled)
    statute = assess("If convicted, each could face a maximum sentence of 30 years in prison "
                     "and hundreds of thousands of dollars in fines.", learned=False)
    assert statute.certainty == "fact" and FLAG_UNSUPPORTED not in statute.flags
    assert FLAG_UNSUPPORTED in assess("If convicted, the McDonnells could face decades in "
                                      "prison and fines totaling well over $1 million.",
                                      learned=False).flags


def test_what_nobody_has_said_and_pointers_to_articles_assert_nothing() -> None:
    """A modal inside what officials have not said is not the writer's; a
    "X has more on ..." pointer that ends a paragraph is no claim (fit-story
    sentences); "those" as a subject does not hide the writer's forecast."""
    silent = assess("Officials have not said when or how the second health care worker or "
                    "Pham may have had contact with Duncan.", learned=False)
    assert silent.certainty == "fact" and FLAG_UNSUPPORTED not in silent.flags
    pointer = assess("Vox's Anna North has more on decoding the vague language Kavanaugh "
                     "could use to obscure his position during the hearing.", learned=False)
    assert FLAG_UNSUPPORTED not in pointer.flags
    lead_in = assess("Here are a few key takeaways from his win over firebrand conservative "
                     "Roy Moore:")
    assert FLAG_UNSUPPORTED not in lead_in.flags
    forecast = assess("Tuesday night, the Alabama secretary of state tallied 22,780 votes for "
                      "write-in candidates, though many of those may ultimately be discarded.",
                      learned=False)
    assert forecast.certainty == "prediction" and FLAG_UNSUPPORTED in forecast.flags


def test_documents_filed_with_a_named_body_are_evidence() -> None:
    """'Filings with the Securities and Exchange Commission show ...' cites a
    document a reader can find: evidence, so its figure is not unsupported."""
    sentence = ("Filings with the Securities and Exchange Commission show Slaoui's stock options "
                "in Moderna are worth more than $10 million with the company's share price at "
                "$66.69.")
    result = assess(sentence)
    assert result.evidence == "Filings with the Securities and Exchange Commission show"
    assert FLAG_UNSUPPORTED not in result.flags and FLAG_ATTRIBUTED in result.flags
    unnamed = assess("Filings show the stock options are worth more than $10 million.")
    assert unnamed.evidence is None


def test_evidence_a_possessive_points_back_to_is_cited_and_a_date_is_no_judgement() -> None:
    """"According to its study" cites the study of the body named just before
    (CoNLL-2010 weasel tuning sentence): evidence, not the writer's forecast;
    "one of the most recent polls" dates the poll, while a ranking stays a
    judgement that wants a source."""
    cited = assess("According to its study, Jews may not occupy senior positions in "
                   "government.", learned=False)
    assert cited.evidence == "According to its study" and FLAG_UNSUPPORTED not in cited.flags
    assert assess("Studies show they may not occupy senior positions.",
                  learned=False).evidence is None
    dated = assess("It is one of the most recent polls of the race.", learned=False)
    assert FLAG_UNSUPPORTED not in dated.flags
    ranked = assess("It is one of the most important cases of the decade.", learned=False)
    assert FLAG_UNSUPPORTED in ranked.flags


def test_a_paragraph_handed_over_to_a_speech_is_the_speakers_not_the_writers() -> None:
    """A paragraph that ends "From his ... speech at the White House:" hands
    over to the speech: the next paragraph, printed without quote marks, is
    attributed and never flagged as the writer's unsupported assertion. A
    paragraph that ends with a colon but hands over to nobody ("... into the
    red column:") leaves the next one to the writer (real text of two
    news_claims fit articles)."""
    from compare.models import Document

    speech = ("The White House has also repeatedly argued Al Qaeda is “on the run” and that "
              "it's core leaders have been “decimated.” From his September 10, 2014 speech at "
              "the White House:\nNow, it will take time to eradicate a cancer like ISIL. This "
              "counterterrorism campaign will be waged through a steady, relentless effort to "
              "take out ISIL wherever they exist.\nHow should the White House respond to ISIS?")
    audited = audit(segment(Document(SourceMeta("fox"), "fox.txt", speech)))
    by_text = {s.text: a for s, a in audited}
    handed = by_text["This counterterrorism campaign will be waged through a steady, relentless "
                     "effort to take out ISIL wherever they exist."]
    assert FLAG_ATTRIBUTED in handed.flags and FLAG_UNSUPPORTED not in handed.flags
    assert "From his September 10, 2014 speech at the White House:" in handed.reasons[0]
    narrative = ("the brash mogul is bragging to supporters that he'll flip a string of states "
                 "long-dominated by Democrats in presidential years into the red column:\nFor "
                 "perspective, recent polls show Mrs. Clinton up by more than 20 points.")
    audited = audit(segment(Document(SourceMeta("ws"), "ws.txt", narrative)))
    assert audited[-1][1].speaker is None
    context = audit_contexts(segment(Document(SourceMeta("ws"), "ws.txt", narrative)))[-1][1]
    assert context.endswith("into the red column:\n")


def test_a_text_named_as_the_source_attributes_the_claim() -> None:
    """"according to the brief" names a text a reader can look up (news_claims
    fit: a brief's argument was flagged as the writer's own); "according to
    plan" is a standard, not a source."""
    result = assess("This inherent difference between same-sex and opposite-sex couples is just "
                    "one of the rational justifications for their unequal treatment under "
                    "federal law, according to the brief.")
    assert FLAG_UNSUPPORTED not in result.flags
    assert (result.speaker, result.attribution) == ("the brief", "named")
    assert assess("The launch went according to plan.").speaker is None


def test_it_after_a_sentence_about_a_text_goes_on_reporting_that_text() -> None:
    """"The indictment put Mrs. McDonnell ... " then "It details how ... more
    than $18,000 ...": the figure is the indictment's, whose sentence the title
    "Mrs." does not cut short. A person before "It" is no text."""
    context = ("He did not take questions afterward.\nThe indictment put Mrs. McDonnell firmly "
               "at the center of the case, facilitating contact between the governor and the "
               "wealthy businessman.")
    sentence = ("It details how, after Mr. Williams dropped more than $18,000 on a shopping trip "
                "for her in New York City, she ensured that he was seated next to the governor.")
    result = assess(sentence, context)
    assert FLAG_UNSUPPORTED not in result.flags and result.speaker == "the indictment"
    assert FLAG_UNSUPPORTED in assess(sentence).flags
    assert FLAG_UNSUPPORTED in assess(sentence, "Mrs. McDonnell put Mr. Williams at the center "
                                                "of the case.").flags


def test_a_named_view_is_attributed_but_seeing_a_thing_as_it_happens_is_not() -> None:
    """"X viewed the decision as ..." reports X's view (news_claims fit); "saw
    the fire as it ..." is what somebody saw, and "was viewed as" names nobody."""
    result = assess("Gary Segura, a Stanford University political scientist, viewed the decision "
                    "as a decidedly mixed one for Latinos.")
    assert (result.speaker, result.attribution) == ("Gary Segura", "named")
    assert assess("Smith saw the fire as it spread toward the town.").speaker is None
    assert assess("The exit will be viewed as a sign of tumult in the administration."
                  ).attribution != "named"


def test_in_other_words_after_a_quote_paraphrases_its_speaker() -> None:
    """"In other words, ..." just after a quote restates the quoted speaker
    (news_claims fit); without a quote before it, it is the writer's."""
    context = ('"The President should be excused from some of the burdens of ordinary '
               'citizenship while serving in office," Kavanaugh wrote.')
    sentence = ("In other words, it is impossible to function as both the subject of a criminal "
                "investigation and the president of the United States.")
    assert assess(sentence, context).speaker == "Kavanaugh"
    assert assess(sentence, "The court ruled in May.").speaker is None


def test_a_quote_run_on_from_the_paragraph_before_is_open_in_its_own_paragraph() -> None:
    """Press style leaves a quote open at a paragraph's end and opens it again
    in the next: the next paragraph's later sentences are still quoted."""
    context = ('"I think it is a huge win for two reasons," Segura said. "First, the threat is '
               'still there.\n"And of course the Republicans embrace the part of the law that '
               'was upheld.')
    result = assess("There is still a threat since Republicans think it is such a great idea.",
                    context)
    assert FLAG_UNSUPPORTED not in result.flags and result.speaker == "Segura"


def test_a_paragraph_that_ends_on_a_closing_mark_leaves_no_quote_open() -> None:
    """A paragraph that opens inside a quote run on from further back and ends
    on a closing mark has an odd count, but the next paragraph is the
    writer's again (news_claims fit: "it appears there isn't a large-scale
    mutiny brewing", labelled unsupported)."""
    context = ('"So our question is, when are we going to start this battle? We have waited '
               'two years. "We are not going to wait much longer."\n')
    result = assess("While conservatives are clearly restive, it appears there is no large-scale "
                    "mutiny brewing within the conference.", context)
    assert FLAG_UNSUPPORTED in result.flags and result.certainty == "hedged"
