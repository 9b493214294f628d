"""Word lists: English function words (align, relate) and the assess stage's
cue lexicons, as compiled regular expressions.

The cues come from three places: the linguistics of attribution and hedging
(reporting verbs, epistemic modals, weasel constructions as Wikipedia's
style guide describes them), the examples in issue 4, and the cue words that
are most over-represented in `uncertain` sentences of the TUNING part of the
CoNLL-2010 Wikipedia weasel file (bench/eval_assess.py; the held-out part was
never mined). Each pattern is general English, never a seed sentence.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

_FUNCTION_WORDS = (
    "a an the and or but if of to in on at by for with from as is are was were be been being "
    "it its this that these those he she they them his her their we our you your i me my "
    "has have had do does did not no so than then there here what which who whom whose "
    "will would can could should may might must into over after before about up down out "
    "said says also just more most very new one two"
)
#: English function words and reporting filler: never a topic term (align's
#: ad-hoc topics) and not counted as shared content (relate's features, which
#: were fitted with exactly this list).
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())

#: Verbs that report speech, writing or a stated position.
REPORTING_VERBS = (
    # Forms that are mostly nouns after a name ("Baltic states", "Putin's
    # claims", "reports") are left out; "X claimed" and "X stated" stay.
    r"said|says|say|stated|told|tells|tell|wrote|writes|noted|argued|argues|"
    r"emphasi[sz]ed|emphasi[sz]es|stressed|stresses|concluded|concludes|added|adds|"
    r"claimed|warned|warns|announced|announces|reported|insisted|insists|"
    r"(?:spoke|speaks)(?!\s+volumes)|explained|explains|declared|declares|confirmed|confirms|denied|denies|"
    r"acknowledged|acknowledges|admitted|admits|asserted|asserts|maintained|maintains|"
    r"predicted|predicts|estimated|urged|urges|observed|observes|recalled|"
    r"believes|believed|thinks|thought|suggested|suggests|pointed out|points out|"
    r"described|describes|called|calls|remarked|commented|replied|"
    r"tweeted|posted|revealed|reveals|mentioned|mentions|noticed|alleged|alleges|"
    r"accused|accuses|blamed|blames|praised|praises|criticized|criticised|criticizes|"
    r"criticises|estimates\s+that|notes\s+that|states\s+that|reports\s+that|"
    r"testified|testifies|wrote\s+in|calling|saying|adding|"
    # a stated position: "Biden hasn't ruled out a run", "the NSS does not rule
    # out cooperation", "Zhelikhovsky ... did not rule out some coordination"
    r"(?:(?:did|does|do|would|will|could|has|have|had)\s+not\s+|(?:didn|doesn|don|won|"
    r"wouldn|couldn|hasn|haven|hadn)['’]t\s+)?rul(?:e|es|ed)\s+out|"
    # a court's or a body's decision: "the justices ruling that ...", "the court ruled that"
    r"rul(?:es|ed|ing)\s+that|"
    # a stated view or expectation: "Two Republican members ... agreed that ...",
    # "they expect that Clinton will spin ...", "lawmakers have voiced support"
    r"agree[sd]?\s+that|expect(?:s|ed)?\s+that|anticipate[sd]?\s+that|voiced|expressed|"
    # a view held: "Gary Segura, a Stanford University political scientist, viewed
    # the decision as a decidedly mixed one", "he saw the decision as having ..."
    # ("saw the car as it sped off" is no view)
    r"(?:view(?:s|ed)?|regard(?:s|ed)?|sees|saw)\s+(?:[\w'’-]+\s+){1,6}?as"
    r"(?!\s+(?:it|he|she|they|we|i|you|soon|well|long|much|many|far|if)\b)|"
    r"according"
)

#: Reporting verbs that are mostly nouns after a name ("Baltic states") but
#: unambiguous in the inverted order (", notes Zhelikhovsky").
INVERTED_ONLY_VERBS = r"notes|states|claims|reports|comments|remarks|estimates|recalls|adds"

#: Nouns for people and bodies that can speak; with no name attached they are
#: vague ("experts say") or anonymous ("a senior official said").
SPEAKER_NOUNS = (
    r"experts?|analysts?|observers?|critics?|commentators?|scholars?|historians?|"
    r"scientists?|researchers?|officials?|sources?|diplomats?|insiders?|people|"
    r"journalists?|reports?|media|rumou?rs?|sceptics?|skeptics?|supporters?|opponents?|"
    r"fans|residents|witnesses|politicians|economists|specialists|authorities|"
    # "Pundits have said": a kind of speaker, not a name at the start of a sentence
    r"pundits?|strategists?"
)

#: "a senior official", "sources close to the Kremlin": attributed, but anonymous.
ANONYMOUS_SOURCE = re.compile(
    r"\b(?:an?|one|two|three|several)\s+(?:senior\s+|unnamed\s+|anonymous\s+|high-ranking\s+|"
    r"western\s+|russian\s+|ukrainian\s+|u\.?s\.?\s+|military\s+|government\s+|intelligence\s+)*"
    r"(?:officials?|sources?|diplomats?|insiders?|aides?|officers?)\b"
    r"|\b(?:sources|people|officials)\s+(?:close to|familiar with|in)\b"
    r"|\bunnamed\s+\w+|\banonymous\s+\w+",
    _I,
)

#: Verbs of saying and believing: what makes an unnamed group a (vague) source.
_SAYING = (
    r"say|said|says|argue|argued|argues|believe|believed|believes|claim|claimed|claims|think|"
    r"thought|thinks|feel|felt|feels|suggest|suggested|suggests|consider|considered|contend|"
    r"contended|insist|insisted|maintain|maintained|note|noted|point\s+out|fear|feared|"
    r"worry|worried|warn|warned|charge|charged|describe|described|call|called|view|viewed|"
    r"see|saw|regard|regarded|agree|agreed|speculate|speculated|allege|alleged|assert|"
    r"asserted|expect|expected|doubt|doubted|question|questioned|criticize|criticise|"
    r"criticized|criticised|accuse|accused|praise|praised|know|knew|hold|held|report|"
    r"reported|recall|recalled|remember|remembered|tell|told|write|wrote|insist"
)

#: Words that make speakers a share of a group, nobody in particular: "some
#: say", "several GOP strategists said", "many experts believe".
SHARE_WORDS = r"some|many|most|several|various|numerous|certain|other|few"

#: Vague attribution and weasel constructions: somebody is said to hold a view,
#: but nobody a reader could check.
WEASEL = re.compile(
    # impersonal passives: "it is believed", "it has been suggested", "it is often ignored that"
    r"\bit\s+(?:is|was|has\s+been|had\s+been|can\s+be|could\s+be|may\s+be)\s+"
    r"(?:(?:\w+ly|also|often|still|now|sometimes)\s+){0,2}(?:said|believed|thought|claimed|suggested|argued|reported|rumou?red|"
    r"alleged|assumed|estimated|considered|understood|accepted|held|noted|repeated|revealed|"
    r"ignored|overlooked|known|felt|feared|expected|speculated|agreed|acknowledged)\b"
    # ... not a passive with its agent: "before it is considered by the full Senate"
    r"(?!\s+by\s+(?:the\s+|a\s+|an\s+)?(?:[a-z-]+\s+)?(?-i:[A-Z]))"
    # "X is widely believed to", "are said to", "is thought to be", "is considered (to be|as|one)"
    r"|\b(?:is|are|was|were|has\s+been|have\s+been)\s+(?:(?:\w+ly|also|still|now|often)\s+)?"
    r"(?:said|believed|thought|claimed|reputed|rumou?red|alleged|supposed|considered|regarded|"
    r"reported|"
    r"seen|viewed|described|perceived|acknowledged|recogni[sz]ed|hailed|credited|criticized|"
    r"criticised|accused)\s+(?:to|as|by\s+(?:some|many|others|critics|most))\b"
    # "some say", "many experts believe", "critics argue", "others"
    rf"|\b(?:{SHARE_WORDS})\s+(?:\w+\s+)?"
    rf"(?:{SPEAKER_NOUNS}|facts|sources|observers)\s+(?:have\s+|had\s+|would\s+)?(?:\w+ly\s+)?"
    r"(?:say|said|believe|believed|argue|argued|claim|claimed|suggest|suggested|indicate|"
    r"indicated|consider|considered|think|thought|know|knew|agree|agreed|feel|felt|maintain|"
    r"contend|note|noted|point|view|regard|see|describe|call|insist|hold|held|speculate)\b"
    rf"|\b(?:serious|leading|independent|western|many|most|some)\s+(?:{SPEAKER_NOUNS})\s+"
    r"(?:know|say|believe|agree|argue|warn|note|think|suspect)\b"
    r"|\b(?:some|many|others)\s+(?:(?:would|might|may|could)\s+)?"
    r"(?:say|said|argue|argued|believe|believed|claim|claimed|"
    r"suggest|suggested|consider|considered|feel|felt|have\s+(?:argued|suggested|claimed|"
    r"said|noted|speculated|called|described|criticized|criticised))\b"
    # "other reviewers complained", "described by other critics as"
    r"|\bby\s+other\s+(?:critics|reviewers|observers|commentators|analysts|experts)\b"
    r"|\bother\s+(?:critics|reviewers|observers|commentators|analysts|experts|scholars|"
    r"historians)\s+(?:have\s+|had\s+)?(?:\w+ly\s+)?(?:say|said|argue|argued|claim|claimed|"
    r"complain|complained|believe|believed|suggest|suggested|note|noted|describe|described|"
    r"call|called)\b"
    # ("Liverpool Hope, among others." ends a list: no source)
    r"|\b(?:by\s+(?:some|many|others|critics|most)|among\s+(?:some|many|critics|most))"
    r"(?=\s*[,.;:)]|\s+(?:as|to|who)\b)"
    r"|\b(?:widely|generally|commonly|often|frequently|popularly|traditionally|largely)\s+"
    r"(?:considered|regarded|believed|thought|credited|cited|described|seen\s+as|viewed|"
    r"accepted|acknowledged|recogni[sz]ed|praised|critici[sz]ed|expected|assumed|reported|"
    r"held\s+(?:to|that|as)|claimed|emphasi[sz]ed|touted|hailed|attributed)\b"
    # what a thing is often called, or where it is often seen, is a name or a sighting
    # ("commonly called cock rings", "often seen in heavy leafed trees"); "widely" stays
    r"|\b(?:widely|generally)\s+(?:called|referred\s+to|seen|held)\b"
    r"|\bconsidered\s+(?:by(?!\s+(?:the\s+|a\s+|an\s+)?(?:[a-z-]+\s+)?(?-i:[A-Z]))|one\s+of|the\s+(?:best|most|first|greatest|largest|finest))\b"
    # a generalisation about an unnamed group: "Some historians ...", "many Russians ..."
    r"|(?:^|[,;:]\s*|\b(?:and|but|while|although|though)\s+)(?:some|many|most)\s+"
    r"(?:[a-z]+\s+)?(?!(?:his|its|this|was|has|is|us|thus)\b)[a-z]+s\s+"
    # ... only as the subject of saying or believing: "many states refused"
    # or "some of his cronies" name no source (issue 14)
    rf"(?:(?:have|had|would|still|also|now|do|did|long|often)\s+)?(?:{_SAYING})\b"
    r"|\b(?:some|many)\s+(?:\w+\s+)?(?:people|\w+ists|\w+ians|scholars|critics|"
    rf"authorities|sources|accounts|versions)\s+(?:\w+\s+)?(?:{_SAYING})\b"
    r"|\ba\s+number\s+(?:of\s+\w+\s+)?(?:felt|believe|believed|say|said|argue|argued|"
    r"claim|claimed|consider|considered|think|thought)\b"
    rf"|\b(?:while|whereas|although|though)\s+(?:some|others)\s+(?:\w+\s+)?(?:{_SAYING})\b"
    # a bare plural of experts as the subject of saying or expecting: "Analysts
    # suggested ...", "experts predict a vaccine could take ...", "Legal scholars
    # say" ("the experts", "two analysts" point back to someone or are counted)
    r"|(?:^|[,;:]\s*|\b(?:and|but|while|although|though)\s+)"
    r"(?:(?!(?:the|these|those|both|his|her|their|its|our|two|three|four|five|and|but|"
    r"while|although|though|that|who|which|when|as|if)\b)"
    r"[A-Za-z-]+\s+){0,2}"
    r"(?:experts|analysts|observers|commentators|scholars|historians|economists|"
    r"strategists|pundits|researchers|scientists)"
    # ... or two such kinds: "pundits and politicians have speculated"
    r"(?:\s+and\s+(?:experts|analysts|observers|commentators|scholars|historians|"
    r"economists|strategists|pundits|researchers|scientists|politicians))?"
    r"\s+(?:have\s+|had\s+)?(?:\w+ly\s+)?"
    rf"(?:{_SAYING}|predict|predicted|predicts)\b"
    r"|\breports\s+(?:suggest|indicate|say|claim|have\s+it)\b"
    r"|\b(?:according\s+to\s+)?(?:as\s+yet\s+)?unconfirmed\b|\bunverified\b"
    r"|\b(?:according\s+to\s+(?:the\s+|a\s+|local\s+)*)(?:legends?|myths?|traditions?|"
    r"folklore|rumou?rs?|hearsay)\b"
    r"|\b(?:legend|myth|tradition|folklore|rumou?r)\s+(?:has\s+it|claims|says|holds)\b"
    r"|\baccording\s+to\s+(?:some|many|various|several|numerous|certain|media|reports|"
    r"rumou?rs|sources|estimates|information|experts|observers|analysts|critics|others)\b"
    r"|\b(?:as\s+is\s+(?:well\s+)?known|it\s+is\s+no\s+secret|everyone\s+knows|"
    r"as\s+everyone\s+knows|needless\s+to\s+say|there\s+is\s+(?:a|some|widespread|growing)\s+"
    r"(?:perception|belief|view|feeling|consensus|speculation|suspicion)|"
    r"widely\s+(?:regarded|considered|believed|thought|seen|viewed|accepted|acclaimed|known|"
    r"reported|recogni[sz]ed|held|cited|credited|praised|criticized|criticised)|"
    r"widespread\s+(?:acclaim|criticism|belief|praise)|"
    # a bare group noun is a source only as the subject of saying or believing
    # ("critics argue"), not as an object ("winces in supporters")
    r"(?:critics|skeptics|sceptics|detractors|opponents|supporters|proponents)\s+"
    r"(?:\w+ly\s+|have\s+|had\s+)?(?:say|said|argue|argued|claim|claimed|contend|contended|"
    r"believe|believed|charge|charged|warn|warned|point|note|noted|fear|feared|worry|worried|"
    r"insist|insisted|maintain|suggest|suggested|accuse|accused|call|called|describe|"
    r"described|see|saw|view|viewed|complain|complained|question|questioned)\b)",
    _I,
)

#: Epistemic hedges: the sentence itself says it is not certain.
HEDGE = re.compile(
    # Bare "may/could + verb" is as often ability or permission ("members may
    # vote"): on the tuning part it is uncertain in only 1 case of 4. The
    # epistemic frames below ("may have", "may well", "could soon") are not.
    r"\b(?:(?:may|could)\s+(?:well|have|soon|yet|eventually|even|never|no\s+longer|"
    r"already|one\s+day|become|lead|result)|might|maybe|perhaps|possibly|probably|probable|"
    r"possible\s+that|likely|unlikely|"
    # scope hedges: a tendency or part, not a checked whole (tuning part:
    # "in some" 77 % uncertain, "some of" 67 %, "generally" 49 %, base rate 29 %)
    r"in\s+(?:some|many|most)\s+(?:cases|ways|respects|instances|places|areas|countries|"
    r"circles)|in\s+(?:some|many)\b|(?:some|many)\s+of\s+(?:the|its|his|her|their|these|"
    r"those)|generally|typically|sometimes|largely|in\s+general|for\s+the\s+most\s+part|"
    r"to\s+a\s+(?:large|great|certain)\s+(?:extent|degree)|"
    r"presumably|supposedly|allegedly|apparently|seemingly|conceivably|arguably|"
    r"seems?|seemed|appears?\s+to|appeared\s+to|"
    r"it\s+(?:now\s+|also\s+)?appear(?:s|ed)(?!\s+(?:under|in|on|at|before|to|with|as)\b)|"
    r"suggests?|suggested|suggesting|indicates?|"
    r"thought\s+to|believed\s+to|said\s+to|tends?\s+to|an\s+estimated|speculat\w+|unclear|"
    r"uncertain|doubtful|questionable|whether|potentially|the\s+possibility|"
    r"it\s+is\s+possible\s+that|in\s+some\s+cases|to\s+some\s+(?:extent|degree)|"
    r"hypothes\w+|it\s+is\s+(?:not\s+)?clear|one\s+can\s+assume|can\s+be\s+assumed|"
    r"rumou?r\w*|purported(?:ly)?|reportedly|would\s+(?:likely|probably))\b",
    _I,
)

#: The scope hedges of HEDGE: they limit a claim to a tendency or a part
#: ("voted largely along party lines", "generally sides with") rather than
#: say the writer is unsure of it. They still mark a sentence hedged (the
#: CoNLL-2010 weasel cues count them), but alone they do not make it
#: unsupported: of the 11 news_claims fit-story flags that rested on one
#: alone, 9 were plain reports of events ("The House on Thursday voted
#: largely along party lines"); none was a labelled unsupported claim.
SCOPE_HEDGE = re.compile(
    r"in\s+(?:some|many|most)\s+(?:cases|ways|respects|instances|places|areas|countries|"
    r"circles)|in\s+(?:some|many)|(?:some|many)\s+of\s+(?:the|its|his|her|their|these|"
    r"those)|generally|typically|sometimes|largely|in\s+general|"
    r"for\s+the\s+most\s+part|to\s+(?:a\s+(?:large|great|certain)|some)\s+(?:extent|degree)|"
    r"tends?\s+to",
    _I,
)

#: Boosters: the writer presents the point as beyond doubt.
BOOSTER = re.compile(
    r"\b(?:(?:almost\s+|most\s+)?certainly|undoubtedly|doubtless|without\s+(?:a\s+|any\s+)?doubt|there\s+is\s+no\s+doubt|"
    r"no\s+doubt|certainly|surely|definitely|inevitably|unquestionably|indisputably|"
    r"(?:very|highly|most|extremely)\s+(?:likely|probable)|obviously|clearly|"
    r"is\s+bound\s+to|are\s+bound\s+to|is\s+certain\s+to|are\s+certain\s+to|"
    r"it\s+is\s+(?:clear|obvious|evident|certain)\s+that)\b",
    _I,
)

#: The future (or a conditional outcome) is being talked about.
FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|is\s+going\s+to|are\s+going\s+to|is\s+bound\s+to|"
    r"are\s+bound\s+to|is\s+certain\s+to|would\s+lead|soon|next\s+(?:year|month|week)|"
    r"in\s+the\s+(?:coming|near)\s+\w+|by\s+(?:the\s+end\s+of\s+)?(?:19|20)\d\d)\b",
    _I,
)

#: Recommendations and obligations: the writer's stance, not a fact.
OPINION = re.compile(
    r"\b(?:must(?!\s+have)|should|ought\s+to|needs?\s+to|it\s+is\s+(?:high\s+)?time|"
    r"it\s+is\s+(?:crucial|essential|vital|imperative|necessary|important)\s+(?:to|that)|"
    r"in\s+my\s+(?:view|opinion)|i\s+(?:think|believe|am\s+convinced)|we\s+(?:must|should)|"
    r"let\s+us|let['’]s|one\s+of\s+the\s+(?:best|finest|greatest|most\s+"
    # "one of the most recent polls" dates it; a ranking ("one of the most
    # heavily fished waters") stays a claim that wants a source
    r"(?!recent(?:ly)?\b)\w+)|"
    # "well-known", "best known" and "most notable" describe rather than judge
    # ("the well-known Alex Kozinski", "The most notable side effects reported
    # ... were"): on news_claims fit stories they flagged 3 claims of labelled
    # agreements and no labelled unsupported one
    r"(?:the\s+)?(?:best|most)\s+(?:famous|important|popular|successful)|"
    r"finest|greatest|legendary|renowned|prestigious|acclaimed|iconic|notorious|famous|"
    r"absurd|shameful|disgraceful|outrageous|ill-conceived|reckless|brilliant)\b",
    _I,
)

#: A figure a reader would want a source for: money, percentages, large counts.
FIGURE = re.compile(
    r"(?:[$€£]\s?\d[\d,.]*(?:\s*(?:billion|million|trillion|bn|m)\b)?"
    r"|\b\d[\d,.]*\s*(?:%|percent\b|per\s+cent\b)"
    r"|\b\d[\d,.]*\s*(?:billion|million|trillion)\b(?:\s+(?:dollars|euros|rubles|roubles|"
    r"hryvnias?|pounds|people|troops|soldiers))?"
    r"|\b(?:hundreds|thousands|tens\s+of\s+thousands|hundreds\s+of\s+thousands|millions)\s+of"
    r"\s+\w+)",
    _I,
)

#: Words that make a figure an estimate or a bound rather than a count.
APPROXIMATOR = re.compile(
    # "up to", "some", "worth", "totals" and "hundreds of" are left out: they
    # state a rule's limit ("fines of up to $1 million", a bill's threshold),
    # a contract's terms or a round count as often as an estimate (news_claims
    # fit stories: the wrong "unsourced figure" flags).
    r"\b(?:at\s+least|as\s+(?:many|much)\s+as|more\s+than|nearly|almost|"
    r"approximately|roughly|around|about|an\s+estimated|estimated|possibly|"
    r"perhaps|probably|close\s+to|upwards\s+of|in\s+excess\s+of|totals?\s+at\s+least)\b",
    _I,
)

#: Negation, for divergence between two claims on the same point.
NEGATION = re.compile(
    r"\b(?:not|no|never|neither|nor|cannot|none|nothing|without|"
    r"\w+n['’]t|unlikely|impossible|failed|refused|refuses)\b"
    # "do not rule out that X", "cannot exclude X": a guarded yes to X, not a no.
    r"(?!\s+(?:be\s+)?(?:rul(?:e[ds]?|ing)\s+out|exclud\w*)\b)",
    _I,
)

#: Pairs of opposite evaluations or outcomes; a claim with one side and a
#: claim with the other (and not the first) diverge on that point.
ANTONYMS: tuple[tuple[str, str], ...] = (
    ("success", "failure"), ("succeed", "fail"), ("win", "lose"), ("victory", "defeat"),
    ("strong", "weak"), ("strengthen", "weaken"), ("stable", "unstable"),
    ("increase", "decrease"), ("rise", "fall"), ("gain", "loss"), ("advance", "retreat"),
    ("escalate", "de-escalate"), ("possible", "impossible"), ("likely", "unlikely"),
    ("realistic", "unrealistic"), ("effective", "ineffective"), ("good", "bad"),
    ("strength", "weakness"), ("more", "less"), ("accept", "reject"), ("agree", "refuse"),
    ("support", "oppose"), ("legal", "illegal"), ("true", "false"), ("safe", "dangerous"),
)

#: Sentence-initial words and pronouns that are not a speaker's name.
_NOT_A_NAME_WORDS = (
    "the this that these those it its he she they we i you his her their our but and or "
    "in on at for of as if so yet now then however moreover meanwhile while although "
    "though when after before since because once also even still thus therefore there "
    "what which who whom whose why how a an one some many most such both each every all "
    "no not another other here today tomorrow yesterday"
)
NOT_A_NAME = frozenset(_NOT_A_NAME_WORDS.split())

#: Month names as articles write them (capitalised, so the modal "may" and the
#: verb "march" never count), with the usual abbreviations; 1-12 by position.
MONTH_NAMES: tuple[tuple[str, ...], ...] = (
    ("January", "Jan."), ("February", "Feb."), ("March",), ("April", "Apr."), ("May",),
    ("June",), ("July",), ("August", "Aug."), ("September", "Sept.", "Sep."),
    ("October", "Oct."), ("November", "Nov."), ("December", "Dec."),
)
_MONTH = "|".join(re.escape(name) for names in MONTH_NAMES for name in names)
_YEAR = r"(?:19|20)\d\d"
#: A bare month or year is a date only after a word that makes it one ("in
#: May", "since 2014", "mid-2024"), so "2000 troops" and "May" the modal stay out.
_DATE_LEAD = (
    r"(?:[Ii]n|[Oo]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Oo]f|[Dd]uring|[Bb]efore|[Aa]fter|"
    r"[Tt]hroughout|[Ee]arly|[Ll]ate|[Mm]id-?|[Ll]ast|[Tt]his|[Ss]pring|[Ss]ummer|[Aa]utumn|"
    r"[Ff]all|[Ww]inter)"
)
#: A calendar date in running text: day month year, month day year, month
#: year, or a month or year introduced by _DATE_LEAD.
DATE = re.compile(
    rf"\b(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH})(?!\w)"
    rf"(?:,?\s+(?P<y1>{_YEAR})\b)?"
    rf"|\b(?P<m2>{_MONTH})\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b(?![\d,.]*\d)"
    rf"(?:,?\s+(?P<y2>{_YEAR})\b)?"
    rf"|\b(?P<m3>{_MONTH}),?\s+(?:of\s+)?(?P<y3>{_YEAR})\b"
    rf"|\b{_DATE_LEAD}\s+(?:of\s+)?(?P<m4>{_MONTH})(?!\w|\s+[0-3]?\d\b)"
    rf"(?:,?\s+(?:of\s+)?(?P<y4>{_YEAR})\b)?"
    rf"|\b{_DATE_LEAD}\s*(?:of\s+)?(?P<y5>{_YEAR})\b(?!\s*(?:%|percent|[-–]\d))",
)

#: Past forms of common irregular verbs of action, for "who did what" (regular
#: verbs are recognised by their -ed ending).
IRREGULAR_PAST = (
    r"struck|hit|shot|took|seized|won|lost|sent|led|made|gave|began|broke|brought|built|"
    r"bought|caught|chose|drove|fought|held|kept|left|met|paid|ran|sold|set|told|wrote|"
    r"said|threw|stole|sank|shut|cut|beat|bit|blew|spent|spread|swore|tore|overthrew|"
    r"withdrew|forbade|undertook|overtook|hid|fled|fell|flew|froze|rose|sought|sang|slew|"
    r"split|quit|put|let|laid|lit|bore|bound|dealt|dug|fed|forgave|ground|hung|hurt|knew|"
    r"lent|meant|read|rode|saw|shook|shed|slid|sped|stood|stuck|stung|swept|taught|thrust|"
    r"tore|understood|upheld|wore|wove|wound|withheld|woke"
)

#: Words ending in -ed that are not past forms of a verb.
NOT_PAST = frozenset([
    "bed", "red", "hundred", "indeed", "need", "seed", "speed", "feed", "breed", "creed", "deed",
    "steed", "greed", "shed", "weed", "naked", "wicked", "sacred", "beloved", "ragged", "rugged",
    "jagged", "crooked", "wretched", "learned", "aged",
])

#: Nouns that make a country or group an actor ("Russian forces", "Ukrainian drones").
AGENT_NOUNS = (
    r"forces|troops|army|military|soldiers|navy|air\s+force|drones?|missiles?|jets|"
    r"officials|government|authorities|police|militants|fighters|rebels|president|"
    r"leader|lawmakers|prosecutors|side|administration|regime|ministry|command"
)

#: Verbs of the reporting process, not of the events reported ("X declined
#: to comment", "Y reached out"): two outlets doing them is no divergence.
NOT_AN_ACTION = frozenset([
    "declined", "reached", "contacted", "asked", "requested", "answered", "returned",
    "responded", "obtained", "reviewed", "published",
])

#: Capitalised at the start of a sentence, but nobody in particular.
INDEFINITE_PRONOUNS = frozenset([
    "anyone", "anybody", "everyone", "everybody", "someone", "somebody", "nobody", "no-one",
    "persons", "people",
])

# -- sourcing and certainty (issue 14) -----------------------------------------

#: People and bodies that can speak without being named ("a senior official
#: said", "the source said", "one of the aides told CNN").
UNNAMED_SPEAKER_NOUNS = (
    r"sources?|aides?|officials?|spokes(?:man|woman|person)|person|people|insiders?|"
    r"diplomats?|officers?|advis[eo]rs?|staffers?|lawmakers?|strategists?|members?|"
    r"operatives?|employees?|executives?|investigators?|prosecutors?|lawyers?|attorneys?|"
    r"judges?|justices?|jurors?"
)

#: Bodies that speak as a whole, without a name: "Officials said", "the
#: company said", "Police told reporters" (attributed, but to no one in
#: particular a reader can ask: anonymous).
INSTITUTIONAL_SPEAKERS = (
    r"officials|authorities|police|investigators|prosecutors|the\s+company|the\s+firm|"
    r"the\s+agency|the\s+department|the\s+ministry|the\s+military|the\s+army|"
    r"the\s+government|the\s+administration|the\s+campaign|the\s+White\s+House|"
    r"the\s+Kremlin|the\s+Pentagon|the\s+court|the\s+statement|the\s+report"
)

#: Documents and bodies that "say" something in news text: "CREW's request
#: reads", "the 27-page filing begins", "the statement from the Office of ...".
DOCUMENT_NOUNS = (
    r"statement|request|filing|motion|lawsuit|suit|complaint|letter|memo|report|video|"
    r"website|site|release|office|campaign|committee|department|ministry|agency|team|"
    r"ruling|opinion|order|indictment|rules|bill|document|draft|petition|ad|advertisement|brief|"
    r"account|page|feed|tweet|post|spokes(?:man|woman|person)|lawyers?|attorneys?|aides?|"
    # roles: "Obama's solicitor general argued", "the justices suggested"
    r"president|minister|secretary|general|director|chairman|chairwoman|chair|chief|leader|"
    r"governor|senator|justices?|judges?|counsel|ambassador|envoy"
)

#: Texts somebody wrote, as "the X" (no person, unlike DOCUMENT_NOUNS, which
#: also holds the roles that speak for an office): "according to the brief",
#: "The indictment put ..." followed by "It details how ...".
TEXT_NOUNS = (
    r"brief|indictment|complaint|lawsuit|suit|filing|motion|memo|memorandum|letter|report|"
    r"study|survey|poll|bill|legislation|proposal|plan|order|ruling|opinion|decision|"
    r"documents?|statement|release|petition|draft|audit|review|analysis|affidavit|"
    r"transcript|agreement|resolution|measure|guidance|executive\s+order"
)

#: What documents do when they are quoted or summarised.
DOCUMENT_VERBS = (
    r"reads|read|states|stated|begins|began|says|said|notes|noted|argues|argued|warns|warned|"
    r"quoted|quotes|reported|reports|shows|showed|"
    r"claims|claimed|alleges|alleged|describes|described|lists|listed|calls|called|adds|added|"
    r"concludes|concluded|asserts|asserted|declares|declared|found|finds|shows|showed|"
    r"details|detailed|outlines|outlined|accuses|charges|cites|cited|highlights|highlighted"
)

#: Texts somebody spoke or wrote, which a paragraph can end by handing over to
#: ("From his speech at the White House:", "along with a transcript:").
SPEECH_NOUNS = (
    r"speech|speeches|remarks|statement|transcripts?|transcipt|eulogy|excerpts?|letter|"
    r"testimony|interview|op-ed|editorial|essay|tweet|memo"
)

#: Evidence a reader can look up: a study, poll, data set or document.
EVIDENCE_NOUNS = (
    r"polls?|polling|surveys?|study|studies|analysis|analyses|data|census|records|"
    r"documents?|filings?|audit|tally|estimates?|figures|statistics|projections?|forecasts?|"
    r"models?|research|findings|trials?|paper|review|investigation|testimony|transcripts?|"
    r"court\s+papers|reports?|handicapper|index|count|numbers|results"
)

#: What evidence does: a poll "found", data "show", a study "estimates".
EVIDENCE_VERBS = (
    r"found|finds|shows?|showed|shown|suggests?|suggested|indicates?|indicated|estimates?|"
    r"estimated|projects?|projected|puts|put|concluded|concludes|revealed|reveals|says|"
    r"said|states|stated|rates|rated|predicts|predicted"
)

#: The writer looks ahead: a modal or future about an outcome ("could result
#: in", "will almost certainly be", "is expected to"), however hedged. Case
#: sensitive: "May" is a month, "Will" a name.
PREDICTION = re.compile(
    # "could" and "might" look ahead; bare "will", "would" and "may" mostly
    # tell a scheduled event, a past habit or a permission (news_claims fit
    # stories: 25 labelled unsupported against 109 agreement claims; weasel
    # tuning part: 183 uncertain against 490 certain), so they count only
    # with a hedge or a booster ("will likely", "may well", "would almost
    # certainly") or negated ("may not survive").
    # "could not" tells a past inability or what a ruling or argument holds
    # ("could not repeat his time", "minors could not be sentenced to life")
    r"\b(?:could(?!\s+(?:not|never)\b)|might)\s+"
    r"(?:(?:not|never|no\s+longer|also|still|well|soon|ultimately|eventually|then|only|"
    r"further|even|quickly|easily|just|very)\s+)*"
    # "could hear", "could see": a past perception, not a look ahead
    # ... nor "could face a maximum sentence of 30 years": the penalty the law sets,
    # checkable in it ("could face decades in prison" stays: a labelled estimate)
    r"(?!(?:be\s+)?(?:able|allowed|permitted|reached)\b|comment\b|(?:hear|see|feel|smell|"
    r"watch)\b|face\s+(?:up\s+to|(?:a\s+)?maximum)\b)"
    r"[a-z]{2,}\b"
    r"|\b(?:will|won['’]t|would|wouldn['’]t|may|shall)\s+(?:(?:not|never|also|still|then|very)\s+)?"
    r"(?:likely|probably|almost\s+certainly|certainly|surely|undoubtedly|inevitably|"
    r"definitely|well|eventually|ultimately|soon|never)\b"
    r"|\bmay\s+not\s+(?!(?:be\s+)?(?:able|allowed|permitted|reached)\b)[a-z]{2,}\b"
    r"|\b(?:is|are|was|were|seems?|seemed|appears?|appeared|looks?|looked)\s+(?:\w+ly\s+)?"
    # "set to", "due to": a schedule announced ("the cardinals that are set to make
    # the decision", "some Democrats are due to question him"), not a forecast
    r"(?:likely|unlikely|expected|poised|going|certain|sure|bound|destined)\s+to\b"
    r"|\bcan\s+be\s+expected\b|\b(?:has|have)\s+the\s+potential\s+to\b"
    r"|['’](?:s|re)\s+(?:\w+ly\s+)?(?:going|likely|unlikely|poised|certain|sure|bound)\s+to\b"
    r"|\bin\s+the\s+(?:coming|near)\s+(?:days|weeks|months|years|future)\b"
    # the odds of an outcome: "There's virtually no chance Republicans can expand
    # ..." ("will have been" was tried: 1 of its 3 fit-story hits a forecast, the
    # others a calendar, "barely any delegates will have been allotted")
    r"|\b(?:(?:virtually|almost)\s+)?(?:no|little|slim|a\s+(?:good|real|strong|slim|fair))\s+"
    r"chance\b"
    # a consequence of a condition: "if they don't place in the top tier, their
    # fundraising will evaporate" (the cue quoted is "if …, will evaporate")
    r"|\bif\b[^.;:?!]{3,150}?,\s+(?:[^.;:?!,]{0,80}?\s)?(?P<then>(?:will|won['’]t)\s+"
    r"(?!be\s+(?:able|allowed|required)\b)[a-z]{2,})\b"
    r"|\b(?:a\s+case|an?\s+\w+)\s+(?:sure|certain|bound|likely)\s+to\b"
)

#: "his objectives are crystal clear — Russia must win": what follows states
#: the aim of the one the sentence reports on, not the writer's recommendation.
REPORTED_AIM = re.compile(
    r"\b(?:objectives?|aims?|goals?|demands?|message|mantra|slogan|narrative|position|"
    r"stance|vision|wish(?:es)?|ambitions?|war\s+aims|line)\b[^.;]{0,40}?(?:[—–:]|\bis\s+that\b)"
    r"|\b(?:wants?|wanted|insists?|insisted|demands?|demanded|believes?|believed)\s+that\b",
    re.IGNORECASE,
)

# --- divergence slots (compare.diverge) ----------------------------------------

#: Number words as news writes counts ("Seventy-five health care workers").
NUMBER_WORDS: dict[str, int] = {
    **{w: i for i, w in enumerate(
        [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen", "nineteen"
        ])},
    **{w: 10 * i for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2)},
}
NUMBER_WORDS.update({w.capitalize(): v for w, v in list(NUMBER_WORDS.items())})

#: Words before a figure that make it approximate or a bound, by what they
#: make of it: "about" (either side), "below" (just under), "up-to" (at
#: most), "above" (just over or at least).
FIGURE_QUALIFIER_KINDS: dict[str, str] = {
    **dict.fromkeys(["about", "around", "roughly", "approximately", "some", "an estimated",
                     "estimated", "close to", "an approximate"], "about"),
    **dict.fromkeys(["nearly", "almost", "just under", "fewer than", "less than", "under",
                     "just shy of", "not quite"], "below"),
    **dict.fromkeys(["up to", "as many as", "as much as", "at most", "no more than"], "up-to"),
    **dict.fromkeys(["more than", "over", "well over", "just over", "at least", "upwards of",
                     "a minimum of", "in excess of", "above", "topping"], "above"),
}
FIGURE_QUALIFIERS = "|".join(
    r"\s+".join(map(re.escape, q.split()))
    for q in sorted(FIGURE_QUALIFIER_KINDS, key=len, reverse=True))


def qualifier_kind(qualifier: str) -> str:
    """The kind of a qualifier as written ("More  than" -> "above"); '' for none."""
    return FIGURE_QUALIFIER_KINDS.get(" ".join(qualifier.lower().split()), "")


#: Months and weekdays: a number next to one is part of a date, not a figure.
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_OR_DAY = re.compile(
    r"\b(?:" + "|".join(re.escape(n.rstrip(".")) for names in MONTH_NAMES for n in names)
    + "|" + "|".join(d.capitalize() for d in WEEKDAYS) + r")\b\.?")

#: A figure that is a death toll: "which killed 29", "25 firefighters died".
DEATH_WORDS = r"killed|killing|kills|died|dead|perished|deaths?|fatalities|lost\s+their\s+lives"
DEATH_NOUNS = frozenset(["death", "fatality", "dead", "casualty", "victim"])

#: People by any name count as people ("about 700 residents" / "about 600 people").
PERSON_NOUNS = frozenset([
    "people", "person", "resident", "inhabitant", "citizen", "individual", "worker",
    "employee", "voter", "civilian", "adult", "child", "children", "men", "women", "man",
    "woman", "american", "member", "patient", "student", "firefighter", "soldier", "troop",
])

#: People of one kind, as `diverge` names them in the singular: two counts
#: of different kinds ("seven patients" / "two women") count two groups;
#: "people", "persons" and "individuals" are of any kind.
PERSON_KINDS = PERSON_NOUNS - {"people", "person", "individual"}

#: Words before a counted noun that make it another quantity: "80,000 total
#: jobs" and "84,000 private jobs" count different things.
QUANTITY_MODIFIERS = frozenset([
    "total", "private", "public", "new", "net", "additional", "more", "other", "full-time",
    "part-time", "federal", "state", "local", "foreign", "domestic", "annual", "monthly",
    "weekly", "daily", "active", "former", "current", "military", "civilian", "confirmed",
    "suspected", "registered", "likely", "first", "second", "last",
])

#: Hours of the day a part of the day names (0-24).
DAY_PARTS: dict[str, tuple[float, float]] = {
    "morning": (5.0, 12.0), "afternoon": (12.0, 18.0), "evening": (17.0, 23.0),
    "night": (20.0, 24.0), "tonight": (18.0, 24.0),
}
#: Days in a unit of "N units ago".
TIME_UNIT_DAYS = {"day": 1.0, "week": 7.0, "month": 30.4, "year": 365.25}
#: Days before publication that "last week" (and the like) can mean.
LAST_PERIOD_DAYS: dict[str, tuple[float, float]] = {
    "week": (-13.0, -1.0), "weekend": (-9.0, -1.0), "month": (-62.0, -1.0),
    "year": (-730.0, -1.0),
}
_WEEKDAY = "|".join(d.capitalize() for d in WEEKDAYS)
_COUNT = r"\d+|a|an|" + "|".join(w for w in NUMBER_WORDS if w.islower())
#: A time of an event: a weekday with its part of the day ("late Sunday
#: evening"), "this morning", "six months ago", "last week", "yesterday".
TIME_EXPRESSION = re.compile(
    rf"\b(?:(?P<shade>[Ll]ate|[Ee]arly)\s+(?:on\s+)?)?(?:"
    rf"(?P<weekday>{_WEEKDAY})(?:\s+(?P<part>morning|afternoon|evening|night))?"
    rf"|(?P<yesterday>[Yy]esterday|[Ll]ast\s+night)"
    rf"|(?P<ago_n>{_COUNT})\s+(?P<ago_unit>days?|weeks?|months?|years?)\s+ago"
    rf"|(?:[Ll]ast|[Tt]he\s+past)\s+(?P<last>week|weekend|month|year)"
    rf"|(?:[Tt]his|[Ee]arlier\s+this|[Ll]ater\s+this)\s+(?P<today_part>morning|afternoon|evening)"
    rf"|(?P<tonight>[Tt]onight)"
    rf")\b",
)
#: The time somebody spoke, not of what they spoke about: "said Monday",
#: "told reporters on Saturday", "in a statement Tuesday".
SPEAKING_TIME = re.compile(
    rf"\b(?:{REPORTING_VERBS}|told\s+\w+|statement|interview|news\s+conference|"
    rf"press\s+conference|briefing)\s+(?:on\s+)?$",
    _I,
)

#: The words of a title before a name ("Senate Majority Leader Mitch McConnell").
TITLE_WORDS = frozenset([
    "president", "vice", "senator", "sen", "representative", "rep", "congressman",
    "congresswoman", "governor", "gov", "lt", "lieutenant", "speaker", "leader", "majority",
    "minority", "whip", "senate", "house", "secretary", "minister", "prime", "chief",
    "justice", "judge", "attorney", "general", "mayor", "chairman", "chairwoman", "chair",
    "former", "acting", "interim", "deputy", "republican", "democratic", "democrat",
    "ambassador", "spokesman", "spokeswoman", "pope", "cardinal", "king", "queen",
])
#: Title words of which one person holds one at a time: two claims giving the
#: same person two of one group differ on a checkable point.
TITLE_CONTRASTS: tuple[frozenset[str], ...] = (
    frozenset(["majority", "minority"]),
    frozenset(["republican", "democratic", "democrat"]),
    frozenset(["senator", "representative", "congressman", "congresswoman"]),
    frozenset(["senate", "house"]),
)
#: Abbreviated titles, read as the title ("Sen." = "Senator").
TITLE_ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor",
                       "lt": "lieutenant", "democrat": "democratic"}
#: Party letters of US labels ("R-Ohio").
PARTIES = {"R": "Republican", "D": "Democrat", "I": "independent"}
US_STATES = (
    r"Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|"
    r"Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|"
    r"Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|"
    r"New\s+Hampshire|New\s+Jersey|New\s+Mexico|New\s+York|North\s+Carolina|North\s+Dakota|"
    r"Ohio|Oklahoma|Oregon|Pennsylvania|Rhode\s+Island|South\s+Carolina|South\s+Dakota|"
    r"Tennessee|Texas|Utah|Vermont|Virginia|Washington|West\s+Virginia|Wisconsin|Wyoming"
)

#: Contractions folded before two quotes are compared ("I'm" = "I am").
CONTRACTIONS: tuple[tuple[str, str], ...] = (
    (r"i'm", "i am"), (r"it's", "it is"), (r"that's", "that is"), (r"we're", "we are"),
    (r"you're", "you are"), (r"they're", "they are"), (r"can't", "can not"),
    (r"cannot", "can not"), (r"won't", "will not"), (r"don't", "do not"),
    (r"doesn't", "does not"), (r"didn't", "did not"), (r"isn't", "is not"),
    (r"aren't", "are not"), (r"wasn't", "was not"), (r"we've", "we have"),
    (r"i've", "i have"), (r"we'll", "we will"), (r"i'll", "i will"), (r"let's", "let us"),
)

#: Units of which two figures count one thing only when the words around
#: them say of what ("$3.2 billion in technology" / "$4 billion in
#: border-security technology"): money, shares and spans of time.
UNITS_OF_SOMETHING = frozenset([
    "dollars", "percent", "century", "decade", "year", "month", "week", "day", "hour",
    "minute",
])

#: Ordinal words: "the sixth German" and "the ninth German pope" rank one
#: thing differently.
ORDINALS = {w: i for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
     "tenth", "eleventh", "twelfth"], start=1)}
