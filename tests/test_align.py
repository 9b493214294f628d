"""The align stage and compare.relate on the seeds: contract, grouping, relations."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import compare
from compare import embedding
from compare.align import (
    _average_linkage,
    _rare_word_overlap,
    _similarity_matrix,
    adhoc_topic,
    alias_folder,
    align,
    coverage,
    group_claims,
    similarities,
    similarity,
    topic_relevance,
)
from compare.cli import cli
from compare.ingest import read_corpus
from compare.models import Sentence, Topic
from compare.segment import segment
from compare.settings import GROUP_TITLE_MAX, PASSAGE_WINDOW, RELEVANCE_SEMANTIC_WEIGHT

SEED_SENTENCES = (
    "Kyiv may try to trade the territory it holds for the Zaporizhzhia nuclear plant.",
    "Putin will never relinquish power voluntarily.",
    "The Kremlin has made many threats against NATO but never acted on them.",
    "China could offer Putin asylum if he loses the war.",
)


@pytest.fixture(scope="module")
def corpus(seeds_dir: Path):
    return read_corpus(seeds_dir)


@pytest.fixture(scope="module")
def documents(corpus):
    return [segment(d) for d in corpus.documents]


@pytest.fixture(scope="module")
def kursk(corpus, documents):
    return align(documents, corpus.topic("kursk-leverage"), corpus.aliases)


def test_alias_folder_rewrites_variants_to_the_canonical_name() -> None:
    """Kiev, Kharkov and Zaporozhye read as Kyiv, Kharkiv and Zaporizhzhia, whole words only."""
    fold = alias_folder({"Kyiv": ["Kiev"], "Kharkiv": ["Kharkov"],
                         "Zaporizhzhia": ["Zaporizhzhya", "Zaporozhye"]})
    assert fold("From KIEV to Kharkov and Zaporozhye.") == "From Kyiv to Kharkiv and Zaporizhzhia."
    assert fold("Kievan Rus") == "Kievan Rus"


def test_similarity_is_symmetric_bounded_and_one_for_identical_text() -> None:
    """The hybrid similarity is in [0, 1], symmetric, and 1 for the same text."""
    for a in SEED_SENTENCES:
        assert similarity(a, a) == 1.0
        for b in SEED_SENTENCES:
            ab, ba = similarity(a, b), similarity(b, a)
            assert 0.0 <= ab <= 1.0
            assert ab == pytest.approx(ba)


def test_similarity_sees_through_spelling_variants() -> None:
    """With the alias table, a Kiev spelling scores as high as the Kyiv one."""
    aliases = {"Kyiv": ["Kiev"]}
    a = "Kyiv hopes to use the captured land as a bargaining chip."
    assert similarity(a, a.replace("Kyiv", "Kiev"), aliases) == 1.0
    assert similarity(a, a.replace("Kyiv", "Kiev")) < 1.0


def test_shared_words_count_by_how_rare_they_are_in_the_corpus(documents) -> None:
    """Against the seeds, sharing "vassal" (one sentence) says more than sharing
    "Ukraine" (dozens): claims about one corpus all name its subject."""
    background = [s.text for d in documents for s in d.sentences]
    count = {w: sum(w in text for text in background) for w in ("Ukraine", "vassal")}
    assert count["Ukraine"] > 10 * count["vassal"] > 0
    overlap = _rare_word_overlap(["Ukraine vassal", "Ukraine", "vassal"], background)
    assert overlap[0, 2] > overlap[0, 1] > 0
    assert overlap[1, 2] == 0


def test_pair_similarities_equal_the_grouping_matrix(corpus, documents) -> None:
    """similarities() on pairs scores exactly what grouping's matrix does, given the
    same corpus as background (two code paths, one definition)."""
    sentences = [s.text for d in documents for s in d.sentences]
    chosen = sentences[::9]
    matrix = _similarity_matrix(chosen, alias_folder(corpus.aliases),
                                [alias_folder(corpus.aliases)(t) for t in sentences])
    pairs = [(a, b) for a in chosen[:12] for b in chosen]
    scores = similarities(pairs, corpus.aliases, background=sentences)
    expected = [matrix[i, j] for i in range(12) for j in range(len(chosen))]
    assert scores == pytest.approx(expected, abs=1e-6)


def test_average_linkage_matches_the_naive_definition() -> None:
    """The Lance-Williams clustering merges exactly as recomputing mean pair similarity does."""
    rng = np.random.default_rng(7)
    points = rng.normal(size=(30, 4))
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    matrix = points @ points.T
    fast = sorted(sorted(c) for c in _average_linkage(matrix, 0.3))
    clusters = [[i] for i in range(len(matrix))]
    while True:
        scores = {(a, b): matrix[np.ix_(clusters[a], clusters[b])].mean()
                  for a in range(len(clusters)) for b in range(a + 1, len(clusters))}
        (a, b), best = max(scores.items(), key=lambda item: item[1]) if scores else ((0, 0), -1)
        if best < 0.3:
            break
        clusters[a] = clusters[a] + clusters.pop(b)
    assert fast == sorted(sorted(c) for c in clusters)
    assert 1 < len(fast) < 30


def test_alignment_honours_the_contract(kursk, documents) -> None:
    """Sources in input order, paths, covered = sources with claims, g1.. ids, widest first."""
    assert [m.id for m in kursk.sources] == [d.document.meta.id for d in documents]
    assert kursk.paths == {d.document.meta.id: d.document.path for d in documents}
    assert kursk.covered == {c.sentence.source for g in kursk.groups for c in g.claims}
    assert [g.id for g in kursk.groups] == [f"g{i}" for i in range(1, len(kursk.groups) + 1)]
    spans = [len(g.sources) for g in kursk.groups]
    assert spans == sorted(spans, reverse=True)
    assert spans[0] >= 2  # at least one group holds claims from several sources


def test_claims_are_content_sentences_titled_by_a_whole_statement(kursk, documents) -> None:
    """Every claim is a content (non-boilerplate) sentence. A group's title is one
    of its claims whole, or a claim's leading clause: never an article's headline,
    never a sentence cut with "…", and longer than GROUP_TITLE_MAX only when no
    member or clause fits (then a member whole, less an unmatched quote mark)."""
    content = {(s.source, s.start, s.end) for d in documents for s in d.sentences}
    headlines = {" ".join((d.document.meta.title or "").split()) for d in documents}
    for group in kursk.groups:
        texts = [" ".join(c.sentence.text.split()) for c in group.claims]
        assert not group.title.endswith("…")
        assert group.title not in headlines
        assert any(group.title == t or group.title.rstrip(".") in t for t in texts), group.title
        if len(group.title) > GROUP_TITLE_MAX:  # no member or clause fits: a member whole
            # (less the one quote mark of a quote it only opens or closes)
            assert any(group.title.strip("“”\" ") == t.strip("“”\" ") for t in texts)
        for claim in group.claims:
            s = claim.sentence
            assert (s.source, s.start, s.end) in content
            assert 0.0 <= claim.score <= 1.0


def test_topic_relevance_prefers_on_topic_sentences(corpus, documents) -> None:
    """For kursk-leverage, sentences on negotiations outrank ones on Putin's asylum."""
    sentences = [s for d in documents for s in d.sentences]
    relevance = topic_relevance(sentences, corpus.topic("kursk-leverage"), corpus.aliases)
    assert relevance.shape == (len(sentences),)
    assert ((relevance >= 0) & (relevance <= 1)).all()
    mean_of = lambda word: relevance[[word in s.text.lower() for s in sentences]].mean()  # noqa: E731
    assert mean_of("negotiat") > mean_of("asylum")


def test_coverage_counts_sources_per_topic(corpus, documents) -> None:
    """Every codebook topic is covered by at least one seed and only by known sources."""
    covered = coverage(documents, corpus.topics, corpus.aliases)
    ids = {d.document.meta.id for d in documents}
    assert set(covered) == {t.id for t in corpus.topics}
    for sources in covered.values():
        assert sources and sources <= ids


def test_adhoc_topic_from_free_text_finds_claims(documents, corpus) -> None:
    """A free-text topic gets a slug id, is marked ad hoc, and finds claims in the seeds."""
    topic = adhoc_topic("Prisoner exchange!")
    assert (topic.id, topic.adhoc, topic.title) == ("prisoner-exchange", True, "Prisoner exchange!")
    alignment = align(documents, adhoc_topic("nuclear power plant"), corpus.aliases)
    assert any("nuclear" in c.sentence.text.lower() for g in alignment.groups for c in g.claims)


def test_a_two_word_topic_finds_the_one_seed_sentence_on_it(documents, corpus) -> None:
    """"death toll" (the issue's example) finds the sentence on Russian deaths,
    which a two-word query's low cosines used to leave below the claim line,
    with the sentences of its passage and nothing else."""
    alignment = align(documents, adhoc_topic("death toll"), corpus.aliases)
    claims = [c.sentence for g in alignment.groups for c in g.claims]
    [needle] = [s for s in claims if "significant deaths" in s.text]
    # recall first: the sentence comes with its passage, not with the rest of the corpus
    sentences = [s for d in documents if d.document.meta.id == needle.source for s in d.sentences]
    at = sentences.index(needle)
    assert {s.source for s in claims} == {needle.source}
    assert all(abs(sentences.index(s) - at) <= PASSAGE_WINDOW for s in claims)


def test_only_queries_shorter_than_a_headline_are_rescaled() -> None:
    """Codebook questions (long) keep their cosines; short queries' are raised."""
    from compare.align import _on_reference_scale

    cosines = np.array([0.1, 0.3, 0.5])
    np.testing.assert_allclose(_on_reference_scale(cosines, 25), cosines)
    assert np.all(_on_reference_scale(cosines[1:], 2) > cosines[1:])


def test_relate_labels_a_seed_text_against_on_and_off_topic_claims(seeds_dir: Path) -> None:
    """A seed article is related to its own subject and unrelated to a sports claim."""
    text = next(seeds_dir.glob("000_*.txt")).read_text(encoding="utf-8")
    on = compare.relate("Ukraine's incursion into the Kursk region of Russia", text)
    off = compare.relate("The football club signed a new goalkeeper for next season", text)
    assert on.label in {"agree", "disagree", "discuss"}
    assert off.label == "unrelated"
    for relation in (on, off):
        assert 0.0 <= relation.score <= 1.0
        assert relation.evidence
        for evidence in relation.evidence:
            assert text[evidence.start:evidence.end] == evidence.text


def test_relate_short_cuts_an_empty_text() -> None:
    """An empty or blank text is unrelated to any claim, with no evidence."""
    for text in ("", "   \n "):
        relation = compare.relate("Kyiv holds part of the Kursk region", text)
        assert (relation.label, relation.score, relation.evidence) == ("unrelated", 1.0, ())


@settings(max_examples=25, deadline=None)
@given(st.text(min_size=1, max_size=60), st.text(min_size=1, max_size=60))
def test_similarity_invariants_hold_for_any_text(a: str, b: str) -> None:
    """For arbitrary text, the claim similarity is symmetric and within [0, 1]."""
    ab, ba = similarity(a, b), similarity(b, a)
    assert 0.0 <= ab <= 1.0
    assert ab == pytest.approx(ba, abs=1e-6)


def test_relate_cli_writes_one_label_per_line(tmp_path: Path, seeds_dir: Path) -> None:
    """`compare relate` reads {id, claim, text} lines and writes {id, label, score} lines."""
    text = next(seeds_dir.glob("002_*.txt")).read_text(encoding="utf-8")
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps(p) for p in [
        {"id": 1, "claim": "Ukraine's troops crossed into Russia's Kursk region", "text": text},
        {"id": "b", "claim": "A new species of frog was found in Peru", "text": text},
    ]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["relate", "--input", str(pairs)], catch_exceptions=False)
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["id"] for line in lines] == [1, "b"]
    assert lines[1]["label"] == "unrelated"
    assert all(0 <= line["score"] <= 1 for line in lines)


def test_relate_cli_names_the_bad_line(tmp_path: Path) -> None:
    """A malformed JSONL line is a one-line error naming the file and line number."""
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"id": 1, "claim": "a", "text": "b"}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["relate", "--input", str(pairs)])
    assert result.exit_code == 2
    assert f"{pairs}:2: not JSON" in result.output
    assert "Traceback" not in result.output


def test_embeddings_are_cached_on_disk(tmp_path: Path, monkeypatch) -> None:
    """A second embedding of the same sentences reads COMPARE_CACHE_DIR, not the model."""
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path))
    first = embedding.embed(list(SEED_SENTENCES))
    assert any(tmp_path.iterdir())

    def no_model():
        raise AssertionError("the model ran although every sentence was cached")

    monkeypatch.setattr(embedding, "_model", no_model)
    again = embedding.embed(list(SEED_SENTENCES))
    np.testing.assert_allclose(first, again)
    assert first.shape == (len(SEED_SENTENCES), embedding.DIMENSIONS)


def test_cache_off_leaves_no_files_behind(tmp_path: Path, monkeypatch) -> None:
    """COMPARE_CACHE_DIR=off switches the embedding cache off instead of making ./off/."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COMPARE_CACHE_DIR", "off")
    assert embedding.embed(list(SEED_SENTENCES)).shape == (len(SEED_SENTENCES), 512)
    assert not any(tmp_path.iterdir())


def test_the_process_pool_embeds_like_one_process(monkeypatch) -> None:
    """Large jobs go to one model per core; the vectors must not change."""
    monkeypatch.setenv("COMPARE_CACHE_DIR", "off")
    serial = embedding.embed(list(SEED_SENTENCES))
    monkeypatch.setattr(embedding, "EMBED_PARALLEL_MIN_SENTENCES", 1)
    monkeypatch.setattr(embedding, "_BATCH", 1)
    pooled = embedding.embed(list(SEED_SENTENCES))
    np.testing.assert_allclose(pooled, serial, atol=1e-5)


def test_topic_terms_match_hyphenated_spellings(monkeypatch) -> None:
    """"prisoner-of-war" in a text counts as the term "prisoner of war" (and back)."""
    from compare import align as align_module
    from compare.align import topic_relevance

    # Zero vectors: no semantic relevance, so only term hits count.
    monkeypatch.setattr(align_module, "embed", lambda texts, **_: np.zeros((len(texts), 512)))
    texts = ["Kyiv proposed a prisoner-of-war exchange.", "Talks about a cease fire stalled."]
    sentences = [Sentence("s", 1, 0, len(t), t) for t in texts]
    lexical_only = topic_relevance(sentences, Topic("t", "T", "?", ("prisoner of war",
                                                                     "cease-fire")), {})
    weight = 1 - RELEVANCE_SEMANTIC_WEIGHT
    np.testing.assert_allclose(lexical_only, [weight * 0.5, weight * 0.5])


def test_pairs_the_matcher_cannot_read_go_to_the_multilingual_encoder(monkeypatch) -> None:
    """The matcher reads English word pieces: a pair with a Cyrillic sentence is
    judged by the multilingual encoder's hybrid similarity, never by the matcher."""
    import compare.align as align_module
    from compare.matcher import latin_share

    seen: list[tuple[str, str]] = []
    real = align_module.match

    def recording(pairs, context=None, progress=False):
        pairs = list(pairs)
        seen.extend(pairs)
        return real(pairs, context)

    monkeypatch.setattr(align_module, "match", recording)
    texts = ["Россия должна победить в этой войне.", "Россия обязана выиграть эту войну.",
             "Russia must win this war.", "Moscow says Russia has to win the war."]
    scores = align_module._PairScores(texts, None)
    scores.add([(0, 1), (0, 2), (2, 3)])
    assert seen == [(texts[2], texts[3])]
    assert all(min(latin_share(a), latin_share(b)) >= 0.5 for a, b in seen)
    assert set(scores.known) == {(0, 1), (0, 2), (2, 3)}
    assert all(0.0 <= p <= 1.0 for p in scores.known.values())
    assert scores.known[(0, 1)] >= align_module.MATCH_MIN_PROBABILITY  # a Russian paraphrase


def test_group_titles_keep_the_sources_spelling() -> None:
    """Grouping folds name variants (Kiev -> Kyiv) to match them; the title
    quotes the sentence as its source wrote it."""
    from compare.models import Claim

    text = "Kiev will hold the Kursk territory as a bargaining chip in any talks."
    claims = [Claim(Sentence(source, 0, 0, len(text), text), 0.9) for source in ("a", "b")]
    fold = alias_folder({"Kyiv": ["Kiev"]})
    [group] = group_claims(claims, fold)
    assert group.title == text


def test_a_group_is_titled_by_a_member_that_stands_alone() -> None:
    """A sentence that leans on the one before ("It suggests that he ...",
    "That is, ...", "But ...") does not title a group while a member that
    reads on its own does, however central; "It's highly likely that ..."
    refers to nothing before it and stands alone (seed sentences)."""
    from compare.align import _stands_alone, _title

    leaning = ("It suggests that he is still reluctant to acknowledge that he has scuttled "
               "Russia against its cousin.")
    alone = "By sending troops into Russia’s Kursk region, Ukraine has escalated the situation."
    assert not _stands_alone(leaning)
    assert not _stands_alone("That is, Kyiv may raise the issue of exchanging territories "
                             "that are critical for itself.")
    assert _stands_alone("It's highly likely that Putin may not survive this critical test.")
    assert _stands_alone(alone)
    matrix = np.array([[1.0, 0.9, 0.8], [0.9, 1.0, 0.5], [0.8, 0.5, 1.0]])  # leaning: most central
    third = "Ukraine has escalated the situation and the Kremlin has not answered it yet."
    assert _title([leaning, alone, third], matrix, set()) == alone
    # with no member standing alone, the most central one still titles the group
    assert _title([leaning, leaning[:-1] + " again.", leaning[:-1] + " now."], matrix,
                  set()) == leaning


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        # an insertion between dashes, or a clause the sentence goes on after: no cut there
        ("Beijing could, of course — after coordinating this with the United States and the "
         "European Union — offer political asylum in China to Putin and some members of his "
         "inner circle, setting aside a separate territory for them.", ""),
        ("On Monday, Texas Sen. Ted Cruz – a Harvard-trained lawyer who has argued cases before "
         "the Supreme Court – promised on day one as president to “rescind every single illegal "
         "and unconstitutional executive action” by Obama.", ""),
        ("Obama has shown that after one round of executive action on a divisive topic, and "
         "after saying he ' s done everything he can, he ' s willing to send his advisers back "
         "to interpret the laws even more permissively.", ""),
        # a last clause that runs to the end of the sentence: cut there
        ("Super Tuesday is also the first electoral test for former New York City Mayor Mike "
         "Bloomberg, who has spent half a billion dollars on advertising across the country but "
         "skipped the four early states.",
         "Super Tuesday is also the first electoral test for former New York City Mayor Mike "
         "Bloomberg."),
        ("The candidate with the best chance of doing that is Sen. Bernie Sanders — his current "
         "lead in national polls and strong position in some big Super Tuesday states indicate "
         "he could rack up enough plurality wins in a crowded field to clean up in delegates.",
         "The candidate with the best chance of doing that is Sen. Bernie Sanders."),
    ],
)
def test_a_long_title_is_cut_only_where_its_clause_is_complete(sentence: str, title: str) -> None:
    """A title cut from a long member ends where a whole clause ends, never inside
    a dash-set insertion or before the sentence's main verb (seed and news_claims
    sentences)."""
    from compare.align import _leading_clause

    assert _leading_clause(sentence, 140) == title


def test_a_sources_answer_prefers_its_relevant_claims_that_stand_alone() -> None:
    """Of a source's most relevant claims, those that read on their own answer
    for it first; a leaning one ("It suggests that he ...") only fills in
    (seed sentences, relevance scores as align gives them)."""
    from compare.align import _answers
    from compare.models import Claim

    texts = [("It suggests that he is still reluctant to acknowledge that he has scuttled "
              "Russia against its cousin.", 0.9),
             ("It is already clear that he will cling to power until the very end.", 0.8),
             ("Putin is on his own in this game, and Beijing knows it.", 0.7),
             ("The Russian-Ukrainian war has been going on for more than three years.", 0.1)]
    claims = [Claim(Sentence("s", 1, 100 * i, 100 * i + len(t), t), score)
              for i, (t, score) in enumerate(texts)]
    answers = _answers(claims, {}, lambda text: text)["s"]
    assert [c.sentence.text for c in answers] == [texts[1][0], texts[2][0]]


def test_subheads_and_lower_case_fragments_do_not_stand_alone() -> None:
    """A subhead ("How this changes what we know ...") and a fragment that
    opens in lower case after a quote mark are no statements; a title that
    ended on a colon ends on a full stop (news sentences of AllSides dev)."""
    from compare.align import _stands_alone, _tidy

    assert not _stands_alone("How this changes what we know about Trump’s team and Russia.")
    assert not _stands_alone("On the one hand, the Belarusian leader has to deal with an "
                             "extremely expensive conflict in Ukraine.")
    assert _stands_alone("How did the meeting come about?")
    assert not _stands_alone('"was promised damaging information about Hillary Clinton before '
                             'agreeing to meet" with the Kremlin-connected lawyer.')
    assert _tidy("He later denied the statements were contradictory, however:") == \
        "He later denied the statements were contradictory, however."
    assert _tidy('"They want everything to be done for them when it should be a community '
                 'effort.') == ("They want everything to be done for them when it should be "
                                "a community effort.")
    assert _tidy('There are areas in Puerto Rico that we haven’t gotten in contact."') == \
        "There are areas in Puerto Rico that we haven’t gotten in contact."
    assert _tidy('Haley called the council a “protector of human rights abusers.”') == \
        'Haley called the council a “protector of human rights abusers.”'

