"""The checkable slots of `compare.diverge`, on sentences from news_claims
stories (the fit part, 0-31) and the seeds, and the independence of voices.

Where a sentence is edited (a figure or a label changed) the test says so:
the edit is what the rule must tell apart.
"""

from __future__ import annotations

import pytest

from compare import diverge
from compare.assess import independent_voices
from compare.models import Claim, Sentence, SourceMeta

#: news_claims fit stories: (a, b, the rationale with {a}/{b} left in).
DIVERGING = [
    # story 17: the fire's size (Christian Science Monitor / CNN)
    ("The lightning-sparked fire, which spread to at least 2,000 acres (800 hectares) amid "
     "triple-digit temperatures, also destroyed 200 homes.",
     "In this case, a wind shift and other factors caused a central Arizona fire, which now "
     "spans 8,400 acres, to become erratic, said Mike Reichling.",
     "Figures differ: at least 2,000 acres ({a}) vs 8,400 acres ({b})"),
    # story 18: money, with what it is for
    ("They would deploy $3.2 billion in technology upgrades similar to equipment used by U.S. "
     "forces in Iraq and Afghanistan.",
     "Making operational more than $4 billion in advanced border-security technology.",
     "Figures differ: $3.2 billion ({a}) vs more than $4 billion ({b})"),
    # story 14: "nearly 300" is under 300, "more than 300" over it
    ("Brett Kavanaugh is among the most distinguished judges in the country, with nearly 300 "
     "opinions that clearly demonstrate fairness.",
     "He has a vast judicial record with more than 300 opinions.",
     "Figures differ: nearly 300 opinions ({a}) vs more than 300 opinions ({b})"),
    # story 5: what the money was spent on is told after a date whose commas end no clause
    ("In April 2011, Williams took Maureen to Oscar de la Renta, Louis Vuitton and Bergdorf "
     "Goodman in New York, racking up nearly $20,000 in bills shopping for her daughter's "
     "wedding and other parties, prosecutors said.",
     "It details how, after Mr. Williams dropped more than $18,000 on an April 13, 2011, "
     "shopping trip for her in New York City, she ensured that Mr. Williams was seated next "
     "to the governor.",
     "Figures differ: nearly $20,000 ({a}) vs more than $18,000 ({b})"),
    # story 17: a death toll told by a verb and by a noun; the bare "29" is quoted with
    # its verb, so the rationale says what the number is
    ("The association lists the last wildland fire to kill more firefighters as the 1933 "
     "Griffith Park fire of Los Angeles, which killed 29.",
     "It is the deadliest wildland fire since 1933, when 25 firefighters died as a blaze burned "
     "near Griffith Park, California.",
     "Figures differ: killed 29 ({a}) vs 25 firefighters ({b})"),
    # story 5: a figure told by its order of magnitude ("hundreds of thousands" is
    # under a million)
    ("If convicted, the McDonnells could face decades in prison and fines totaling well "
     "over $1 million.",
     "If convicted, each could face a maximum sentence of 30 years in prison and hundreds of "
     "thousands of dollars in fines.",
     "Figures differ: well over $1 million ({a}) vs hundreds of thousands of dollars ({b})"),
    # story 12: a rank
    ("He was dean of the College of Cardinals in 2005 when he became the sixth German to be "
     "picked as pope, albeit the first since the 11th century.",
     "The ninth German pope and first in nearly 500 years, Benedict was ordained in 1951.",
     "Figures differ: sixth German ({a}) vs ninth German ({b})"),
    # story 17: the time of the deaths
    ("The disaster Sunday afternoon all but wiped out the 20-member Hotshot fire crew based in "
     "nearby Prescott.",
     "Late Sunday evening, 19 Granite Mountain Hot Shot Crew members were killed as they "
     "attempted to control a wildfire.",
     "Times differ: 'Sunday afternoon' ({a}) vs 'Late Sunday evening' ({b})"),
    # story 13: the same person's title
    ("And Senate Majority Leader Mitch McConnell (R-Ky.) told Fox News, \"The president must "
     "be on another planet.\"",
     "But Senate Minority Leader Mitch McConnell, Kentucky Republican, said the president is "
     "fooling only himself.",
     "Title of McConnell differs: Senate Majority Leader ({a}) vs Senate Minority Leader ({b})"),
    # story 13, party label edited (R-Ky. -> D-Ky.)
    ("And Senate Leader Mitch McConnell (R-Ky.) told Fox News the president must be on "
     "another planet.",
     "But Senate Leader Mitch McConnell (D-Ky.) said the president is fooling only himself.",
     "Party of McConnell differs: Republican ({a}) vs Democrat ({b})"),
    # story 1: one word changed between the shared start and end of the quote
    ("“No, I am not running for 2020,” Haley said when asked about her plans.",
     "Giving no reason for her departure, she joked, \"No, I ' m not running in 2020.\"",
     "Quoted words differ: “No, I am not running for 2020” ({a}) vs “No, I ' m not running in "
     "2020” ({b})"),
    # story 1: the same quote in other words
    ("\"It ' s been eight years of intense time and I ' m a big believer in term limits,\" "
     "she said.",
     "“I'm a believer in term limits.",
     "Quoted words differ: “It ' s been eight years of intense time and I ' m a big believer in "
     "term limits” ({a}) vs “I'm a believer in term limits” ({b})"),
    # story 14: a sentence that ends a quote begun before, with a straight mark
    ("I am pleased to say that I have found, without doubt, such a person.\"",
     "“I am pleased to say that I have found, without a doubt, such a person.”",
     "Quoted words differ: “I am pleased to say that I have found, without doubt, such a "
     "person” ({a}) vs “I am pleased to say that I have found, without a doubt, such a "
     "person” ({b})"),
]


@pytest.mark.parametrize(("text_a", "text_b", "expected"), DIVERGING)
def test_a_checkable_slot_that_differs_is_named_in_plain_words(
    text_a: str, text_b: str, expected: str
) -> None:
    """Figures with their unit, times of one event, titles, party labels and
    quotes that differ are reported with both sides as written."""
    assert diverge.slot_difference(text_a, text_b) == expected


AGREEING = [
    # story 4: a number that names a stage counts nothing ("phase one trials";
    # the second sentence is edited to another phase)
    ("They stress that it will be crucial to gather convincing data that the vaccines are safe "
     "and effective, from the earliest phase one trials that test safety in healthy people.",
     "The company said it would start a phase two trial of the vaccine in healthy people."),
    # story 20: rounding ("4,500" may be 4,493)
    ("A total of 4,493 people are confirmed to have died from Ebola this year, the World "
     "Health Organization said Wednesday.",
     "The illness has become a global crisis after the deaths of 4,500 people in West Africa."),
    # "about" next to a close exact figure (story 17, the second figure edited)
    ("Yarnell is a town of about 700 residents northwest of Phoenix.",
     "Yarnell is a community of 690 people, the state forestry division said."),
    # a range that holds the other figure (edited from story 11)
    ("The plan keeps between 5,000 and 6,000 U.S. troops in Afghanistan.",
     "The plan keeps 5,500 U.S. troops in Afghanistan."),
    # different quantities: total jobs and private jobs (the example)
    ("The economy added 80,000 total jobs in June.",
     "The economy added 84,000 private jobs in June."),
    # more of a group is not the group (story 4): "another 17 people"
    ("An analysis of the response in the eight individuals showed that they had levels of "
     "protective antibodies that exceeded those of recovered patients.",
     "Another 17 people had immune responses at a level similar or greater than recovered "
     "patients."),
    # two kinds of people are two groups (story 20)
    ("Seven patients have been treated or are being treated in the US, and so far Mr. "
     "Duncan is the only one to die.",
     "He died while being treated by medical staff, including the two women who have now "
     "contracted the disease."),
    # a noun narrowed on one side only is a part of the other (story 30)
    ("The Democratic presidential candidates are racing toward the biggest day on the "
     "primary calendar, when 14 states vote on Super Tuesday.",
     "Carter's strategists got three large Southern states where he was expected to do well "
     "to schedule their primaries early."),
    # decades of different things (story 22)
    ("Ailes, who reshaped television news over five decades in the TV and entertainment "
     "industry, was 77.",
     "His shocking departure from Fox News in July 2016, after two decades of leadership, "
     "signaled the end of an era for the network."),
    # a figure the other claim also gives, attached to nothing (story 3)
    ("Keeping Trump from winning Indiana is critical to keeping him under 1,237 bound "
     "delegates before Cleveland.",
     "Trump is already there with 845 delegates of the 1,237 that he needs."),
    # an order of magnitude that holds the other figure (edited from story 17)
    ("Thousands of residents fled their homes as the fire spread.",
     "Some 5,000 residents fled their homes as the fire spread."),
    ("Maintaining a presence of 5,500 troops will cost about $14.6 billion per year, the "
     "official said.",
     "Maintaining the troops will cost billions of dollars per year."),
    ("Tens of thousands of protesters gathered in Tahrir Square on Sunday.",
     "About 50,000 protesters gathered in Tahrir Square on Sunday."),
    # the same time written two ways
    ("The crew was killed Sunday evening near Yarnell.",
     "The crew was killed Sunday night near Yarnell."),
    # when somebody spoke is not when the event happened (story 21)
    ("After Wednesday's ousting of Mohammed Morsi, the military installed Adly Mansour, a "
     "Supreme Constitutional Court judge, officials said Saturday.",
     "Mansour was installed by the military as an interim leader, officials said Monday."),
    # one quote given shorter, not in other words (story 16)
    ("Romney called the jobs figures a “kick in the gut for middle-class families,” blaming "
     "Obama's policies.",
     "Romney told reporters that the June numbers were a “kick in the gut for middle-class "
     "families and for the country.”"),
    # one quote with its apostrophe typed as a backtick (story 7)
    ("“It's not unusual by the way, to change teams at different times,” he said.",
     "He said, “It ` s not unusual by the way, to change teams at different times.”"),
    # two outlets' spellings of a name the decision leaves alone (story 21)
    ("The office backtracked on the appointment of Mohamed ElBaradei as prime minister.",
     "His office said it was naming Mohammed ElBaradei as interim prime minister."),
]


@pytest.mark.parametrize(("text_a", "text_b"), AGREEING)
def test_rounding_ranges_other_quantities_and_one_time_written_twice_agree(
    text_a: str, text_b: str
) -> None:
    """What the issue lists as no divergence is not one."""
    assert diverge.slot_difference(text_a, text_b) is None


def test_a_figure_that_rose_between_reports_of_different_days_is_told_as_such() -> None:
    """A toll that is higher in the later report is no contradiction; one that is
    lower in the later report still diverges."""
    early, late = ("At least 1,000 people were killed in the earthquake, officials said.",
                   "The earthquake killed 2,300 people, officials said.")
    found = diverge.slot_difference(early, late, "2023-02-06", "2023-02-07")
    assert found == (
        "Figures differ between reports of different days: At least 1,000 people ({a}, "
        "2023-02-06), then 2,300 people ({b}, 2023-02-07); the count may have risen in "
        "between, which is no contradiction")
    fell = diverge.slot_difference(early, late, "2023-02-07", "2023-02-06")
    assert fell == "Figures differ: At least 1,000 people ({a}) vs 2,300 people ({b})"


def test_relative_times_are_read_from_each_article_s_own_date() -> None:
    """'last week' in an article of 10 October and 'six months ago' in one of the
    same day differ; 'last week' on 10 October and 'two weeks ago' on 3 October
    can be the same days."""
    told = "Haley let him know of her intentions six months ago."
    other = "Haley discussed her resignation with the president last week while visiting him."
    assert diverge.time_difference(told, other, "2018-10-10", "2018-10-10") is not None
    assert diverge.time_difference(
        "Haley discussed her intentions with the president two weeks ago.",
        "Haley discussed her intentions with the president last week.",
        "2018-10-10", "2018-10-03") is None


def test_the_spelling_finder_tells_one_name_spelt_two_ways_from_an_ending() -> None:
    """el-Musalamani / el-Musilamani is one name spelt two ways; Mexico and
    Mexicans are one name and an ending (the finder is measured, not used)."""
    assert diverge.spelling_difference(
        "Mansour's spokesman Ahmed el-Musalamani denied that the appointment was certain.",
        "A spokesman for Mansour, Ahmed el-Musilamani, told reporters on Saturday.",
    ) == "Spelling of a name differs: el-Musalamani ({a}) vs el-Musilamani ({b})"
    assert diverge.spelling_difference("Trump spoke about Mexico and the wall.",
                                       "Trump spoke about Mexicans and the wall.") is None


@pytest.mark.parametrize(("text_a", "text_b", "expected"), DIVERGING)
def test_every_rationale_formats_and_quotes_whole_words(
    text_a: str, text_b: str, expected: str
) -> None:
    """A rationale takes the two sources' names and never cuts a word: each
    quoted side is whole words of its sentence."""
    found = diverge.slot_difference(text_a, text_b)
    assert found is not None
    shown = found.format(a="Fox", b="CNN")
    assert "(Fox" in shown and "(CNN" in shown and "{" not in shown
    for side, text in ((found.split(" ({a}")[0], text_a), (found.split(" vs ")[1], text_b)):
        phrase = side.split(": ")[-1].strip("'“”").split(" ({")[0].strip("'“”")
        start = text.find(phrase) if phrase in text else -1
        if start >= 0:  # figures and times are quoted as written
            assert start == 0 or not text[start - 1].isalnum()
            end = start + len(phrase)
            assert end == len(text) or not text[end].isalnum()


# -- independence ---------------------------------------------------------------


def _claims(*pairs: tuple[str, str]) -> tuple[Claim, ...]:
    return tuple(Claim(Sentence(source, 1, 0, len(text), text), 0.8) for source, text in pairs)


TWEET = ("“The United States will not stand by while Iran threatens our allies,” Trump "
         "tweeted on Monday.")


def test_three_outlets_quoting_one_tweet_stay_three_voices(seeds_dir) -> None:
    """The same quoted sentence in three different documents is three voices,
    with the documents and without them."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))[:3]}
    assert len(texts) == 3
    documents = {source: f"{text}\n\n{TWEET}\n" for source, text in texts.items()}
    claims = _claims(*((source, TWEET) for source in documents))
    metas = {source: SourceMeta(source) for source in documents}
    assert len(independent_voices(claims, metas, documents)) == 3
    assert len(independent_voices(claims, metas)) == 3


def test_a_republished_document_is_one_voice_decided_from_the_whole_text(seeds_dir) -> None:
    """A document that is another with a new first paragraph is one voice,
    even when the grouped claims differ; two different articles are two."""
    paths = sorted(seeds_dir.glob("*.txt"))
    original, other = paths[0].read_text(encoding="utf-8"), paths[1].read_text(encoding="utf-8")
    documents = {"wire": original, "reprint": "Republished with permission.\n\n" + original,
                 "other": other}
    claims = _claims(("wire", "Ukraine crossed the border."),
                     ("reprint", "Kyiv's troops entered Russia."),
                     ("other", "The incursion surprised Moscow."))
    metas = {source: SourceMeta(source) for source in documents}
    voices = independent_voices(claims, metas, documents)
    assert sorted(sorted(members) for members, _ in voices) == [["other"], ["reprint", "wire"]]
    why = next(reason for members, reason in voices if len(members) == 2)
    assert "republished" in why
    assert diverge.shared_text_share(original, other) < 0.1


def test_groups_whose_claims_differ_on_a_figure_are_joined_and_others_are_not() -> None:
    """align._join_differing: the story-17 fire sizes, scored as a pair the matcher
    says tells one event (`diverge.same_event`), end in one group; a pair with no
    checkable difference at the same score stays in two; below that gate a figure
    joins nothing (assess would not tell it), while a differing title, which the
    person's name ties, still joins from MATCH_DIVERGENCE_LINK_MIN_PROBABILITY."""
    from compare.align import _join_differing, _PairScores
    from compare.settings import (
        DIVERGENCE_SAME_EVENT_MIN_MATCH,
        MATCH_DIVERGENCE_LINK_MIN_PROBABILITY,
    )

    fire_a, fire_b, _ = DIVERGING[0]
    title_a, title_b, _ = next(case for case in DIVERGING if case[2].startswith("Title of"))
    texts = [fire_a, fire_b,
             "Hundreds of firefighters were sent to the blaze on Sunday.",
             "The governor ordered flags lowered in honour of the crew.",
             title_a, title_b]
    claims = [Claim(Sentence(source, 1, 0, len(text), text), 1.0)
              for source, text in zip(("cnn", "fox") * 3, texts, strict=True)]
    sources = [c.sentence.source for c in claims]

    def join(clusters: list[list[int]], known: dict[tuple[int, int], float]) -> list[list[int]]:
        scores = _PairScores(texts, None)
        scores.known.update(known)
        return sorted(map(sorted, _join_differing(clusters, claims, sources, scores)))

    same = DIVERGENCE_SAME_EVENT_MIN_MATCH
    low = MATCH_DIVERGENCE_LINK_MIN_PROBABILITY
    assert low < same
    assert join([[0], [1], [2], [3]], {(0, 1): same, (2, 3): same}) == [[0, 1], [2], [3]]
    assert join([[0], [1]], {(0, 1): low - 0.05}) == [[0], [1]]
    assert join([[0], [1], [4], [5]], {(0, 1): low, (4, 5): low}) == [[0], [1], [4, 5]]


def test_a_quote_the_other_source_also_prints_joins_no_groups() -> None:
    """Story 13: Obama's "The private sector's doing fine" (one outlet) and
    Romney's "The private sector is not doing fine" (the other, which prints
    Obama's words too, in the group it would join) are two quotes: the join
    excuses them as assess does, so the group keeps its one join for a real
    difference (the fit briefing of story 13 lost McConnell's two titles to
    that join)."""
    from compare.align import _join_differing, _PairScores

    texts = ['"The private sector ' + "' s doing fine.", "The private sector is not doing fine.”",
             "The private sector is doing fine.”"]
    claims = [Claim(Sentence(source, n, 0, len(text), text), 1.0)
              for n, (source, text) in enumerate(zip(("cnn", "fox", "fox"), texts, strict=True))]
    sources = [c.sentence.source for c in claims]
    scores = _PairScores(texts, None)
    scores.known.update({(0, 1): 0.9})

    def join(clusters: list[list[int]]) -> list[list[int]]:
        return sorted(map(sorted, _join_differing(clusters, claims, sources, scores)))

    assert join([[0], [1], [2]]) == [[0, 1], [2]]  # alone, Romney's words read as Obama's
    assert join([[0], [1, 2]]) == [[0], [1, 2]]


def test_a_share_is_quoted_with_what_it_is_of() -> None:
    """A percentage names what it is a share of, up to the first function word
    ("62 percent of Alabama's vote", not a bare "62 percent"; news_claims fit)."""
    cases = {
        "Trump won 62 percent of Alabama's vote in the 2016 presidential race.":
            ["62 percent of Alabama's vote"],
        "Latinos count for nearly 40% of the populations in both states.":
            ["nearly 40% of the populations"],
        "Prices rose 5 percent in May.": ["5 percent"],
        # a range of shares, and a year written '16, which counts nothing (story 8)
        "Amazing: turnout is at 72% -77% of '16 presidential race in heavily black counties.":
            ["72% -77% of '16 presidential race"],
    }
    for sentence, written in cases.items():
        assert [f.text for f in diverge.figures(sentence)] == written


def test_shares_of_two_different_wholes_are_no_divergence() -> None:
    """Turnout as a share of the last race and a share of the vote count
    different things (story 8); two shares of one whole still differ."""
    turnout = ("Amazing: turnout is at 72% -77% of '16 presidential race in heavily black "
               "counties, but just 55% -60% in rural white counties.")
    vote = "Trump won 62 percent of Alabama's vote in the 2016 presidential race."
    assert diverge.figure_difference(turnout, vote) is None
    assert diverge.figure_difference(vote, "Trump won 65 percent of the vote in Alabama in "
                                           "2016.")


def test_a_quantity_modifier_that_is_also_a_function_word_stays_with_its_noun() -> None:
    """"new" and "more" are function words to the topic finder, but before a
    counted noun they are modifiers ("10,000 new cases", news_claims fit story
    25): the figure counts cases, so two outlets' counts of new jobs can
    differ; a modifier with no noun after it ("12 more than expected") counts
    nothing named."""
    cases = {
        "It predicts as many as 10,000 new cases by Christmas.":
            [("as many as 10,000 new cases", "case", {"new"})],
        "He sent 3,000 more troops to the border.": [("3,000 more troops", "people", {"more"})],
        "There were 12 more than expected.": [],
    }
    for sentence, expected in cases.items():
        assert [(f.text, f.unit, set(f.modifiers)) for f in diverge.figures(sentence)] == \
            expected, sentence
    assert diverge.slot_difference(
        "The economy added 80,000 new jobs in May, the Labor Department said.",
        "The economy added 120,000 new jobs in May, according to the Labor Department.",
    ) == "Figures differ: 80,000 new jobs ({a}) vs 120,000 new jobs ({b})"
    # a new count is not the same quantity as the total
    assert diverge.slot_difference("The state has 10,000 new cases this week.",
                                   "The state has 12,000 cases this week.") is None


def test_a_wording_the_other_source_also_prints_is_not_disputed() -> None:
    """Story 13: one outlet prints Obama's "The private sector is doing fine"
    and Romney's reply "The private sector is not doing fine"; beside the
    other outlet's "The private sector's doing fine" that is two quotes, not
    one reworded. A wording the other source prints of another part of the
    quote excuses nothing (story 1: "It's been 8 years of intense time" does
    not print "a big believer in term limits")."""
    obama = '"The private sector ' + "' s doing fine."
    romney = "The private sector is not doing fine.”"
    obama_again = "The private sector is doing fine.”"
    assert diverge.quote_difference(obama, '"' + romney)
    assert diverge.quote_difference(obama, '"' + romney, also_b=['"' + obama_again]) is None
    haley = ('"It \' s been eight years of intense time and I \' m a big believer in term '
             'limits," she said.')
    assert diverge.quote_difference(haley, "“I'm a believer in term limits.", also_b=[
        "“It's been 8 years of intense time,” she said."])
