"""Checkable slots on which two claims that make the same point can differ.

`assess` calls `slot_difference` on pairs of claims from two independent
voices of one group (the matcher's job is that they make the same point;
this module only compares what a reader can check; assess counts a figure
or a time, EVENT_SLOTS, only between two claims the matcher scores
settings.DIVERGENCE_SAME_EVENT_MIN_MATCH or more, `same_event`, and align joins
two groups on a figure or a time only there):

- figures, with their unit and what they count ("at least 2,000 acres" /
  "8,400 acres"; "$3.2 billion in technology" / "more than $4 billion in
  border-security technology"; "which killed 29" / "25 firefighters died");
  rounding, "about" next to a close exact figure, ranges that hold the other
  figure, and figures of different things (total jobs / private jobs) are no
  divergence; ranks are figures too ("the sixth German" / "the ninth
  German pope"), and so are orders of magnitude ("hundreds of thousands of
  dollars" / "well over $1 million");
- times of the same event: parts of the day ("Sunday afternoon" / "late
  Sunday evening") and times relative to the article's publication ("six
  months ago" / "last week"); the time a person spoke ("said Monday") is
  left out, and one time written two ways agrees (calendar dates are
  `assess._date_difference`'s);
- the title or party label of the same person ("Senate Majority Leader" /
  "Senate Minority Leader" McConnell, "R-Ohio" / "D-Ohio");
- the wording of the same quote ("a believer" / "a big believer").

`spelling_difference` (el-Musalamani / el-Musilamani) is measured but not
part of the decision: on the fit stories of news_claims 2 of its 8 hits
were labelled divergences, the other 6 were transliterations of names the
outlets agree on (Mohamed / Mohammed, Bagram / Baghram).

Each finder returns a rationale in plain words with `{a}` and `{b}` where
the sources go, or None. Where the two articles were published on different
days and the later one gives the larger figure, it is reported as a count
that may have risen between the reports (a death toll), not as a
contradiction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from . import _lexicon as lex
from .settings import (
    DIVERGE_COPY_NGRAM,
    DIVERGE_FIGURE_MAX_RATIO,
    DIVERGE_FIGURE_TOLERANCE,
    DIVERGE_LEAD_WORDS,
    DIVERGE_NOUN_WORDS,
    DIVERGE_QUOTE_ANCHOR_WORDS,
    DIVERGE_QUOTE_MIN_WORDS,
    DIVERGE_QUOTE_SAME_RATIO,
    DIVERGE_SPELLING_MIN_CHARS,
    DIVERGE_SPELLING_RATIO,
    DIVERGE_TIME_SHARED_WORDS,
    DIVERGE_TIME_WINDOW,
    DIVERGE_WHAT_WORDS,
    DIVERGENCE_SAME_EVENT_MIN_MATCH,
)

_INF = float("inf")


#: The slots of `slot_difference`: a figure and a time belong to an event or a
#: quantity, so they differ only where the two claims tell the same one; a
#: title and a quote belong to a person or a speaker, whom the names identify.
EVENT_SLOTS = ("figure", "time")
PERSON_SLOTS = ("title", "quote")


def same_event(probability: float | None) -> bool:
    """Whether two claims the matcher gives `probability` of making the same
    point tell one event or quantity, so that a figure, time, date or actor
    may differ between them: from settings.DIVERGENCE_SAME_EVENT_MIN_MATCH on
    (always when that is None, or for None: a pair the English matcher cannot
    read). The one decision both align (joining groups) and assess (telling
    a divergence) take."""
    return (DIVERGENCE_SAME_EVENT_MIN_MATCH is None or probability is None
            or probability >= DIVERGENCE_SAME_EVENT_MIN_MATCH)


def slot_difference(text_a: str, text_b: str, published_a: str | None = None,
                    published_b: str | None = None,
                    slots: Iterable[str] = EVENT_SLOTS + PERSON_SLOTS,
                    also_a: Sequence[str] = (), also_b: Sequence[str] = ()) -> str | None:
    """The first checkable slot (of `slots`, in that order) on which the two
    claims differ, as a rationale with `{a}`/`{b}` for the sources, or None.

    `also_a` and `also_b` are the other claims of each source in the group: a
    figure or time that a source gives itself elsewhere ("Tuesday night" for
    Obama's address, beside "her Monday afternoon appearance") is one it does
    not dispute."""
    finders: dict[str, Callable[[], str | None]] = {
        "figure": lambda: figure_difference(text_a, text_b, published_a, published_b,
                                            also_a, also_b),
        "time": lambda: time_difference(text_a, text_b, published_a, published_b,
                                        also_a, also_b),
        "title": lambda: title_difference(text_a, text_b),
        "quote": lambda: quote_difference(text_a, text_b, also_a, also_b),
    }
    for slot in slots:
        found = finders[slot]()
        if found:
            return found
    return None


def _braces(text: str) -> str:
    """Text quoted in a rationale survives `str.format`."""
    return text.replace("{", "{{").replace("}", "}}")


# -- figures -------------------------------------------------------------------


_NUMBER_WORD = "|".join(sorted(lex.NUMBER_WORDS, key=len, reverse=True))
_NUMERAL = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?"
    rf"|(?:{_NUMBER_WORD})(?:[-\s](?:{_NUMBER_WORD}))?)"
)
_FIGURE = re.compile(
    rf"(?P<cur>[$€£])?\s?(?<![\w.,])(?P<num>{_NUMERAL})(?![\w:])"
    rf"(?:%?(?:\s*(?:-|–|to|and)\s*|\s+(?:and|to)\s+)[$€£]?(?P<num2>{_NUMERAL})(?![\w:]))?"
    rf"(?:\s*(?P<scale>thousand|million|billion|trillion|bn)\b)?"
    rf"(?:\s*(?P<pct>%|percent\b|per\s+cent\b|percentage\s+points?\b))?",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(rf"\b(?P<q>{lex.FIGURE_QUALIFIERS})\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:between|from)\s*$", re.IGNORECASE)
#: A figure right after one of these counts more of something, not all of
#: it: "Another 17 people had immune responses" is no count of "the eight
#: individuals" of another report.
_ANOTHER = re.compile(r"\b(?:another|other|additional|further)\s*$", re.IGNORECASE)
#: A number right after one of these names a thing ("phase one trials",
#: "Title 42", "Category 4 hurricane", "Proposition 8"): it counts nothing.
_LABEL_BEFORE = re.compile(
    r"\b(?:phase|stage|step|level|tier|round|grade|category|class|type|title|article|"
    r"section|chapter|amendment|proposition|prop|district|ward|precinct|route|highway|"
    r"interstate|flight|channel|no|number|item|page|version|generation|squad|unit|group|"
    r"division|world\s+war)\.?\s*$", re.IGNORECASE)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_STOP = lex.FUNCTION_WORDS | frozenset(
    [
        "per", "each", "than", "some", "about", "around", "nearly", "almost", "least", "over",
        "under", "up", "only", "who", "that", "which", "were", "was", "are", "is", "been",
        "being", "had", "has", "have", "it", "its", "amid", "among", "near", "across",
        "through", "during", "against", "toward", "towards", "within", "without", "including",
        "since", "while", "along", "beyond", "via"
    ])


@dataclass(frozen=True)
class Figure:
    """A number as written, the interval of values it can mean, its unit
    (the counted noun, "dollars" or "percent") and the words that say what
    it counts."""

    text: str
    low: float
    high: float
    low_open: bool
    high_open: bool
    unit: str
    modifiers: frozenset[str]
    what: frozenset[str]
    value: float = 0.0
    exact: bool = True
    of: frozenset[str] = frozenset()  # what a share is of: "62 percent of *Alabama's vote*"

    def fits(self, other: Figure) -> bool:
        """Whether the two can be one value (their intervals meet), or are
        more than DIVERGE_FIGURE_MAX_RATIO apart (then they count different
        things: "80,000 jobs" created, "10 million jobs" missing). An open
        end counts only between two bounds: "more than 14 years" fits "14
        years", "nearly 300" does not fit "more than 300"."""
        if min(self.high, other.high) > 0 and max(self.low, other.low) > \
                DIVERGE_FIGURE_MAX_RATIO * min(self.high, other.high):
            return True
        if self.high < other.low or other.high < self.low:
            return False
        if self.exact or other.exact:
            return True
        if self.high == other.low and (self.high_open or other.low_open):
            return False
        return not (other.high == self.low and (other.high_open or self.low_open))

    def counts_as(self, other: Figure) -> bool:
        """Whether both count the same thing: one unit, no contrasting
        modifiers (total / private jobs), for money, shares and spans of
        time a word in common about what they are of (the noun and the words
        around the figure in its clause); people of two different kinds
        ("seven patients" / "two women") are two groups, and a noun narrowed
        by a word on one side only ("14 states" / "three large Southern
        states") is a part of the other."""
        if self.unit != other.unit:
            return False
        if (self.modifiers ^ other.modifiers) & lex.QUANTITY_MODIFIERS:
            return False
        if self.of and other.of and not self.of & other.of:
            return False  # shares of two wholes: "72% of '16 turnout" / "62 percent of the vote"
        if self.unit in lex.UNITS_OF_SOMETHING:
            return bool(self.what & other.what)
        if self.unit == "people":
            kinds_a, kinds_b = self.what & lex.PERSON_KINDS, other.what & lex.PERSON_KINDS
            return not (kinds_a and kinds_b) or bool(kinds_a & kinds_b)
        if self.unit != "deaths" and not self.unit.startswith("rank"):
            narrowed_a = self.modifiers - lex.QUANTITY_MODIFIERS
            narrowed_b = other.modifiers - lex.QUANTITY_MODIFIERS
            return bool(narrowed_a) == bool(narrowed_b) or bool(narrowed_a & narrowed_b)
        return True


def _value(numeral: str) -> float | None:
    """1,000 -> 1000.0; "seventy-five" -> 75.0; None if not a number."""
    digits = numeral.replace(",", "")
    try:
        return float(digits)
    except ValueError:
        pass
    parts = re.split(r"[-\s]", numeral.lower())
    values = [lex.NUMBER_WORDS.get(p) for p in parts]
    if None in values:
        return None
    return float(sum(v for v in values if v is not None))


def _rounding(value: float, numeral: str) -> float:
    """How far an exact-looking figure may be from the value it rounds:
    half its last non-zero place ("4,500" may be 4,493), at most
    DIVERGE_FIGURE_TOLERANCE of it (so "1,000" is not "1,100")."""
    digits = numeral.replace(",", "").split(".")[0]
    if "." in numeral or not digits.isdigit() or not digits.endswith("0"):
        return 0.0
    place = 10 ** (len(digits) - len(digits.rstrip("0")))
    return min(place / 2, DIVERGE_FIGURE_TOLERANCE * value)


def _interval(value: float, numeral: str, qualifier: str) -> tuple[float, float, bool, bool]:
    """The values a qualified figure can mean: "about 700" is 700 give or
    take the tolerance, "nearly 300" just under 300, "more than 1,000" just
    over 1,000 (never far over: "at least 2,000 acres" does not fit 8,400)."""
    t = DIVERGE_FIGURE_TOLERANCE * value
    kind = lex.qualifier_kind(qualifier)
    if kind == "about":
        return value - t, value + t, False, False
    if kind == "below":
        return value - t, value, False, True
    if kind == "up-to":
        return value - t, value, False, False
    if kind == "above":
        return value, value + t, qualifier.lower().split()[0] not in ("at", "a"), False
    r = _rounding(value, numeral)
    return value - r, value + r, False, False


def _singular(word: str) -> str:
    word = word.lower().strip("'’")
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _content(words: Iterable[str]) -> list[str]:
    return [w.lower() for w in words if w.lower() not in _STOP and not w[0].isdigit()]


def _noun_phrase(after: str) -> tuple[str, list[str], int]:
    """The counted noun right after a number: the first plural of the words
    before a function word, else the last ("federal laws" -> law, with
    modifier "federal"; "10,000 new cases" -> case, with "new": a quantity
    modifier reads as one even where it is a function word elsewhere), and
    how many characters of `after` it spans; '' when the number stands alone
    ("which killed 29.")."""
    words: list[str] = []
    ends: list[int] = []
    for match in re.finditer(r"\S+", after):
        raw = match.group(0)
        word = raw.strip(",.;:!?()\"“”")
        stop = word.lower() in _STOP and word.lower() not in lex.QUANTITY_MODIFIERS
        if not word or not re.fullmatch(r"[A-Za-z][A-Za-z-]*", word) or stop \
                or lex.MONTH_OR_DAY.fullmatch(word) or (words and re.search(
                    r"[a-z](?:ed|ing)$", word) and word.lower() not in lex.PERSON_NOUNS):
            break  # a verb ("Fourteen Republicans joined") ends the noun phrase
        words.append(word)
        ends.append(match.start() + len(raw.rstrip(",.;:!?()\"“”")))
        if raw != word or len(words) >= DIVERGE_NOUN_WORDS:
            break
    while words and words[-1].lower() in _STOP:
        words.pop()  # "12 more than expected": no noun after the modifier
        ends.pop()
    if not words:
        return "", [], 0
    plural = [i for i, w in enumerate(words) if re.search(r"[a-rt-z]s$", w.lower())]
    head = plural[0] if plural else len(words) - 1
    end = after.lower().index(words[head].lower()) + len(words[head]) if plural else ends[-1]
    return _singular(words[head]), [w.lower() for w in words[:head]], end


def _unit(noun: str, before: str, after: str) -> str:
    """The unit a figure counts in: a death toll ("killed 29", "killed 2,300
    people", "25 firefighters died") is "deaths", people by any name are
    "people"."""
    if re.search(rf"\b(?:{lex.DEATH_WORDS})\W*$", before, re.IGNORECASE) and \
            (not noun or noun in lex.PERSON_NOUNS):
        return "deaths"
    if noun in lex.DEATH_NOUNS or (
            (not noun or noun in lex.PERSON_NOUNS)
            and re.match(rf"\W*(?:(?:were|have\s+been|had\s+been)\s+)?(?:{lex.DEATH_WORDS})\b",
                         after, re.IGNORECASE)):
        return "deaths"
    if noun in lex.PERSON_NOUNS:
        return "people"
    return noun


@lru_cache(maxsize=4096)
def figures(text: str) -> tuple[Figure, ...]:
    """The figures of a sentence with what they count, and ranks ("the
    sixth German" / "the ninth German pope"); years, clock times, dates and
    numbers that count nothing named are left out."""
    found = []
    for match in _FIGURE.finditer(text):
        numeral, cur, scale, pct = (match.group(k) for k in ("num", "cur", "scale", "pct"))
        value = _value(numeral)
        if value is None or (not cur and not pct and not scale and re.fullmatch(
                r"(?:1[6-9]|20)\d\d", numeral)):
            continue  # a year
        if (match.start() > 0 and text[match.start() - 1] in "-/:'’") or \
                lex.MONTH_OR_DAY.search(text[max(0, match.start() - 10):match.start()]):
            continue  # part of a date, a time or a compound ("R-Ohio", "9/11", "'16")
        before = text[:match.start()]
        if _LABEL_BEFORE.search(before[-24:]):
            continue  # a name, not a count: "phase one trials", "Title 42", "Proposition 8"
        after = text[match.end():]
        multiplier = _SCALES.get((scale or "").lower(), 1.0)
        noun, modifiers, span = _noun_phrase(after)
        if cur:
            unit = "dollars"
        elif pct:
            unit = "percent"
        else:
            unit = _unit(noun, before, after[span:])
        if not unit or (unit not in ("deaths",) and not noun and not cur and not pct) or \
                re.match(r"\s+ago\b", after[span:]):
            continue  # counts nothing named, or a time ("three years ago")
        qualifier = _QUALIFIER.search(before)
        low, high, low_open, high_open = _interval(value, numeral,
                                                   qualifier.group("q") if qualifier else "")
        second = match.group("num2")
        if second and _value(second) is not None and (_BETWEEN.search(before) or "-" in
                                                      match.group(0) or "–" in match.group(0)):
            other = _value(second) or 0.0
            low, high = min(value, other) * multiplier, max(value, other) * multiplier
            low_open = high_open = False
        else:
            low, high = low * multiplier, high * multiplier
        start = qualifier.start() if qualifier else match.start()
        if not span and not cur and not pct:
            start = _lead_words(text, start)  # "killed 29", never a bare "29"
        of_end = _of_what(after) if pct and not span else 0
        end = match.end() + (of_end or span)
        of = frozenset(_singular(w) for w in _content(_WORDS.findall(after[:of_end])[1:]))
        written = re.sub(r"[“”\"]", "", text[start:end]).strip()
        what = _what(before, after, span) | {noun}
        if _ANOTHER.search(text[:start]):
            modifiers = [*modifiers, "additional"]
        found.append(Figure(written, low, high, low_open, high_open, unit,
                            frozenset(modifiers), what - {"", unit}, value * multiplier,
                            exact=not qualifier and not second, of=of))
    found.extend(_vague_figures(text))
    for match in _ORDINAL.finditer(text):
        noun = match.group("noun")
        if noun.lower() in _STOP or lex.MONTH_OR_DAY.fullmatch(noun):
            continue
        rank = float(lex.ORDINALS.get(match.group("ord").lower()) or
                     int(re.sub(r"\D", "", match.group("ord"))))
        found.append(Figure(match.group(0), rank, rank, False, False,
                            f"rank among {_singular(noun)}", frozenset(), frozenset(), rank))
    return tuple(found)


#: A number told by its order of magnitude: "dozens of", "hundreds of",
#: "tens of thousands of", "hundreds of thousands of dollars".
_VAGUE_FIGURE = re.compile(
    r"\b(?:(?P<tens>tens|hundreds)\s+of\s+)?(?P<base>dozens|hundreds|thousands|millions|"
    r"billions)\s+of\s+(?=[A-Za-z])", re.IGNORECASE)
_VAGUE_BASE = {"dozens": 12.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6,
               "billions": 1e9}


def _vague_figures(text: str) -> list[Figure]:
    """Figures told by their order of magnitude, as the interval they can
    mean: "hundreds of thousands of dollars" is at least 100,000 and under a
    million, so it does not fit "well over $1 million"; a bare plural is
    looser, up to a hundred times its base ("thousands of people" fits
    "15,000 people" and not "about 300 people", "billions of dollars" fits
    "$14.6 billion"); "dozens" is two dozen to under 150."""
    found = []
    for match in _VAGUE_FIGURE.finditer(text):
        base = _VAGUE_BASE[match.group("base").lower()]
        if match.group("tens"):
            base *= 10.0 if match.group("tens").lower() == "tens" else 100.0
        # "hundreds of thousands" stops at a million; a bare plural is looser
        # ("billions of dollars in aid" is said of $14.6 billion too)
        low, high = (24.0, 150.0) if base == 12.0 else \
            (base, (10 if match.group("tens") else 100) * base)
        after = text[match.end():]
        noun, modifiers, span = _noun_phrase(after)
        if not noun:
            continue
        unit = "dollars" if noun in ("dollar", "buck") else _unit(noun, text[:match.start()],
                                                                   after[span:])
        what = _what(text[:match.start()], after, span) | {noun}
        written = re.sub(r"[“”\"]", "", text[match.start():match.end() + span]).strip()
        found.append(Figure(written, low, high, False, True, unit, frozenset(modifiers),
                            what - {"", unit}, low, exact=False))
    return found


#: What a share is of, quoted with it: "62 percent *of Alabama's vote*".
_OF_WHAT = re.compile(r"\s+of\s+(?:the\s+)?(?:['’]?[A-Za-z\d][\w'’-]*\s+){0,2}[A-Za-z][\w'’-]*")


def _of_what(after: str) -> int:
    """How much of `after` says what a share is of ("62 percent *of Alabama's
    vote* in ..."), up to its last content word; 0 if it says nothing."""
    match = _OF_WHAT.match(after)
    if not match:
        return 0
    words = list(re.finditer(r"[A-Za-z][\w'’-]*", match.group(0)))[1:]  # after "of"
    if words and words[0].group(0).lower() == "the":
        words = words[1:]
    kept = []
    for word in words:  # up to the first function word: "of the populations *in* both"
        if word.group(0).lower() in _STOP:
            break
        kept.append(word)
    return kept[-1].end() if kept else 0


def _lead_words(text: str, start: int) -> int:
    """Where a figure that names no noun is to be quoted from: the content
    words of its clause just before it, at most DIVERGE_LEAD_WORDS ("which
    killed 29" -> "killed 29"), so a rationale never quotes a bare number."""
    clause = re.split(r"[,;:()\"“”]|\s[-–—]+\s", text[:start])[-1]
    words = list(re.finditer(r"[A-Za-z][\w'’-]*", clause))[-DIVERGE_LEAD_WORDS:]
    while words and words[0].group(0).lower() in _STOP:
        words = words[1:]
    return start - len(clause) + words[0].start() if words else start


#: A calendar date with its commas ("April 13, 2011,"): they end no clause.
_DATE_WITH_COMMAS = re.compile(r"\b[A-Z][a-z]+\.?\s\d{1,2},\s\d{4}\b,?")


def _date_commas_out(text: str) -> str:
    return _DATE_WITH_COMMAS.sub(lambda m: m.group(0).replace(",", " "), text)


_ORDINAL = re.compile(
    rf"\b(?P<ord>{'|'.join(lex.ORDINALS)}|\d+(?:st|nd|rd|th))\s+(?P<noun>[A-Za-z][a-z-]+)\b",
    re.IGNORECASE)


def _what(before: str, after: str, span: int) -> frozenset[str]:
    """Words around a figure that say what it is of: the content words of
    its clause just before it and just after its noun ("gifts valued at
    $140,000", "$3.2 billion in technology upgrades"), in the singular, names
    left out."""
    clause_before = re.split(r"[;:()\"“”]|\s[-–—]+\s", before)[-1]
    # the comma of a date ends no clause: "on an April 13, 2011, shopping trip"
    clause_after = re.split(r"[,;:.()\"“”]|\s[-–—]+\s",
                            _date_commas_out(after[span:]))[0]
    words = _content(_common(clause_before, before))[-DIVERGE_WHAT_WORDS:] + \
        _content(_common(clause_after, ""))[:DIVERGE_WHAT_WORDS]
    return frozenset(_singular(w) for w in words)


def _common(clause: str, before: str) -> list[str]:
    """The clause's words that are not names: lower-case, or the first word
    of the sentence (names are what the claims share anyway)."""
    first = len(before) == len(clause)
    return [w for i, w in enumerate(_WORDS.findall(clause))
            if w.islower() or (first and i == 0)]


def figure_difference(text_a: str, text_b: str, published_a: str | None = None,
                      published_b: str | None = None, also_a: Sequence[str] = (),
                      also_b: Sequence[str] = ()) -> str | None:
    """A figure of each claim that counts the same thing, fits no figure of
    the other claim that counts it (nor one of the other source's claims in
    `also_a` / `also_b`), and does not fit the other's figure."""
    fa, fb = figures(text_a), figures(text_b)
    all_a = fa + tuple(f for t in also_a for f in figures(t))
    all_b = fb + tuple(f for t in also_b for f in figures(t))
    values_a, values_b = _values(text_a), _values(text_b)
    bare_a = values_a - {f.value for f in fa}
    bare_b = values_b - {f.value for f in fb}
    for x in fa:
        if any(x.counts_as(y) and x.fits(y) for y in all_b) or \
                x.value in (values_b if x.exact else bare_b):
            continue
        for y in fb:
            if not x.counts_as(y) or any(y.counts_as(z) and y.fits(z) for z in all_a) or \
                    y.value in (values_a if y.exact else bare_a):
                continue
            return _figure_rationale(x, y, published_a, published_b)
    return None


def _values(text: str) -> set[float]:
    """Every number the text writes, counted or not ("845 delegates of the
    1,237 that he needs"): an exact figure the other claim also writes, or a
    bound ("under 1,237 delegates") whose number the other writes without a
    unit, is no divergence, whatever it is attached to there."""
    values = set()
    for match in _FIGURE.finditer(text):
        value = _value(match.group("num"))
        if value is not None:
            values.add(value * _SCALES.get((match.group("scale") or "").lower(), 1.0))
    return values


def _figure_rationale(x: Figure, y: Figure, published_a: str | None,
                      published_b: str | None) -> str:
    """Both figures as written; where the report of the later day gives the
    larger figure, told as a count that may have risen in between."""
    a, b = _braces(x.text), _braces(y.text)
    if published_a and published_b and published_a != published_b:
        (early, early_side, early_day), (late, late_side, late_day) = sorted(
            [(x, "{a}", published_a), (y, "{b}", published_b)], key=lambda t: t[2])
        if late.low > early.high:
            return (f"Figures differ between reports of different days: "
                    f"{_braces(early.text)} ({early_side}, {early_day}), then "
                    f"{_braces(late.text)} ({late_side}, {late_day}); the count may have "
                    "risen in between, which is no contradiction")
    return f"Figures differ: {a} ({{a}}) vs {b} ({{b}})"


# -- dates and times -----------------------------------------------------------


@dataclass(frozen=True)
class When:
    """A time as written: the days it can be and the hours of the day (0-24;
    the whole day when not given). `relative` days count from day 0, the
    publication day of an article whose date is unknown: then they compare
    only with times of another undated article."""

    text: str
    first_day: float
    last_day: float
    first_hour: float = 0.0
    last_hour: float = 24.0
    relative: bool = False
    kind: str = "day"
    event: frozenset[str] = frozenset()

    def comparable(self, other: When) -> bool:
        """Whether the two can date one event: of one kind (a part of the day
        against a part of the day, "six months ago" against "last week"),
        both dated or both not, and
        told with at least DIVERGE_TIME_SHARED_WORDS words in common around
        them (the disaster and the crew killed, not the speech and the
        dinner)."""
        return self.kind == other.kind and self.relative == other.relative and \
            len(self.event & other.event) >= DIVERGE_TIME_SHARED_WORDS

    def fits(self, other: When) -> bool:
        return self.first_day <= other.last_day and other.first_day <= self.last_day and \
            self.first_hour < other.last_hour and other.first_hour < self.last_hour


def _day_number(published: str | None) -> float | None:
    """The publication day as a day number, None when unknown."""
    if not published:
        return None
    try:
        return float(dt.date.fromisoformat(published[:10]).toordinal())
    except ValueError:
        return None


def _weekday_day(name: str, today: float | None) -> tuple[float, float]:
    """The day a weekday names: the last such day up to publication (an
    undated article: the weekday's index, so only two names can differ)."""
    index = lex.WEEKDAYS.index(name.lower())
    if today is None:
        return float(index), float(index)
    back = (dt.date.fromordinal(int(today)).weekday() - index) % 7
    return today - back, today - back


def _spoken(text: str, start: int, end: int) -> bool:
    """Whether the time is when somebody spoke ("said Monday", "Monday, he
    said"), not when what they spoke of happened."""
    return bool(lex.SPEAKING_TIME.search(text[max(0, start - 40):start]) or re.match(
        r"\s*,?\s*(?:(?:he|she|they|it|officials?)\s+)?(?:said|told|announced)\b",
        text[end:]))


@lru_cache(maxsize=4096)
def times(text: str, published: str | None = None) -> tuple[When, ...]:
    """The times a sentence gives for what it tells, the time somebody spoke
    left out."""
    today = _day_number(published)
    relative = today is None
    base = 0.0 if today is None else today
    found = []
    for match in lex.TIME_EXPRESSION.finditer(text):
        if _spoken(text, match.start(), match.end()):
            continue
        parts = {k: v for k, v in match.groupdict().items() if v}
        first, last = base, base  # "this morning", "tonight"
        if "weekday" in parts:
            first, last = _weekday_day(parts["weekday"], today)
        elif "ago_n" in parts:
            unit = lex.TIME_UNIT_DAYS[_singular(parts["ago_unit"])]
            days = unit * (_value(parts["ago_n"]) or 1.0)
            first, last = base - days - unit / 2, base - days + unit / 2
        elif "last" in parts:
            first, last = (base + d for d in lex.LAST_PERIOD_DAYS[parts["last"].lower()])
        elif "yesterday" in parts:
            first, last = base - 1, base - 1
        part = (parts.get("part") or parts.get("today_part") or
                ("night" if "night" in parts.get("yesterday", "").lower() else "") or
                ("tonight" if "tonight" in parts else "")).lower()
        hours = lex.DAY_PARTS.get(part, (0.0, 24.0))
        shade = (parts.get("shade") or "").lower()
        if part and shade == "late":
            hours = ((hours[0] + hours[1]) / 2, hours[1])
        elif part and shade == "early":
            hours = (hours[0], (hours[0] + hours[1]) / 2)
        kind = "clock" if part else "period" if ("ago_n" in parts or "last" in parts) else "day"
        if kind == "day":
            continue  # a bare day ("Monday", "late Tuesday"): events of a story span days
        found.append(When(match.group(0).strip(), first, last, *hours, relative=relative,
                          kind=kind, event=_event(text, match)))
    return tuple(found)


def _event(text: str, match: re.Match) -> frozenset[str]:
    """The lower-case content words of the clause around a time, within
    DIVERGE_TIME_WINDOW words either side: what it dates."""
    before = re.split(r"[;:()\"“”]", text[:match.start()])[-1]
    after = re.split(r"[;:()\"“”]|\.\s", text[match.end():])[0]
    words = [w for w in _WORDS.findall(before) if w.islower()][-DIVERGE_TIME_WINDOW:] + \
        [w for w in _WORDS.findall(after) if w.islower()][:DIVERGE_TIME_WINDOW]
    return frozenset(_singular(w)[:5] for w in _content(words)
                     if w.lower() not in lex.DAY_PARTS)


def time_difference(text_a: str, text_b: str, published_a: str | None = None,
                    published_b: str | None = None, also_a: Sequence[str] = (),
                    also_b: Sequence[str] = ()) -> str | None:
    """A time of each claim that fits no time of the other of its kind (nor
    one of the other source's claims in `also_a` / `also_b`), the two told of
    one event (`When.comparable`): they date it differently."""
    ta, tb = times(text_a, published_a), times(text_b, published_b)
    all_a = ta + tuple(w for t in also_a for w in times(t, published_a))
    all_b = tb + tuple(w for t in also_b for w in times(t, published_b))
    for x in ta:
        if any(x.kind == y.kind and x.fits(y) for y in all_b):
            continue
        for y in tb:
            if not x.comparable(y) or any(y.kind == z.kind and y.fits(z) for z in all_a):
                continue
            return (f"Times differ: '{_braces(x.text)}' ({{a}}) vs '{_braces(y.text)}' "
                    "({b})")
    return None


# -- names: titles, party labels, spellings ---------------------------------------


_CAPITALISED = re.compile(r"[A-Z][\w’'.-]*")
_PARTY = re.compile(r"\(?\b(?P<party>[RDI])-(?P<state>[A-Z][A-Za-z.]*)\)?")
_PARTY_AFTER = re.compile(
    rf",\s+(?:an?\s+)?(?:{lex.US_STATES})\s+(?P<party>Republican|Democrat)\b")


def _party_of(text: str, end: int) -> str | None:
    """The party label right after a name: "(R-Ohio)" or ", Kentucky
    Republican" -> R/D/I."""
    after = text[end:end + 40]
    label = re.match(r"[\s,]*" + _PARTY.pattern, after)
    if label:
        return label.group("party")
    spelled = _PARTY_AFTER.match(after)
    return spelled.group("party")[0] if spelled else None


@lru_cache(maxsize=4096)
def _people(text: str) -> dict[str, tuple[str, str | None]]:
    """Surname -> (the title words just before the name, the party label
    just after it), for the people a sentence names."""
    people: dict[str, tuple[str, str | None]] = {}
    for run in re.finditer(r"(?:[A-Z][\w’'.-]*\s+){0,5}[A-Z][\w’'-]*[a-z]", text):
        words = run.group(0).split()
        surname = words[-1]
        if surname.lower() in lex.NOT_A_NAME or len(surname) < 3 or \
                surname.lower() in lex.TITLE_WORDS:
            continue
        title = [lex.TITLE_ABBREVIATIONS.get(w.rstrip(".").lower(), w.rstrip(".").lower())
                 for w in words[:-1] if w.rstrip(".").lower() in lex.TITLE_WORDS]
        party = _party_of(text, run.end())
        previous = people.get(surname)
        if previous is None or (not previous[0] and title) or (previous[1] is None and party):
            people[surname] = (" ".join(title), party or (previous[1] if previous else None))
    return people


def title_difference(text_a: str, text_b: str) -> str | None:
    """The same person given contrasting titles (Majority / Minority Leader)
    or party labels (R / D)."""
    pa, pb = _people(text_a), _people(text_b)
    for name in sorted(set(pa) & set(pb)):
        (title_a, party_a), (title_b, party_b) = pa[name], pb[name]
        if party_a and party_b and party_a != party_b:
            return (f"Party of {name} differs: {lex.PARTIES[party_a]} ({{a}}) vs "
                    f"{lex.PARTIES[party_b]} ({{b}})")
        words_a, words_b = set(title_a.split()), set(title_b.split())
        for group in lex.TITLE_CONTRASTS:
            if (words_a & group) and (words_b & group) and not (words_a & words_b & group):
                return (f"Title of {name} differs: {_title_case(title_a)} ({{a}}) vs "
                        f"{_title_case(title_b)} ({{b}})")
    return None


def _title_case(title: str) -> str:
    return " ".join(w.capitalize() for w in title.split())


def _name_tokens(text: str) -> list[tuple[str, str, str]]:
    """(word before, name, word after) for each capitalised word past the
    first, with a lower-case particle if it has one (el-Musalamani)."""
    words = re.findall(r"[\w’'-]+", text)
    return [(words[i - 1].lower() if i else "", w, words[i + 1].lower() if i + 1 < len(words)
             else "") for i, w in enumerate(words) if i and re.match(r"(?:[a-z]{1,3}-)?[A-Z]", w)]


def spelling_difference(text_a: str, text_b: str) -> str | None:
    """The same name spelt two ways: a name of each that the other never
    uses, alike in spelling (rapidfuzz ratio >= DIVERGE_SPELLING_RATIO), with
    the same first letter and last two letters (so Mexico / Mexicans, one
    name with an ending, stays out), next to the same word in both
    sentences ("leaders of Tamarod" / "leaders of Tamrod")."""
    names_a, names_b = _name_tokens(text_a), _name_tokens(text_b)
    used_a = {n for _, n, _ in names_a}
    used_b = {n for _, n, _ in names_b}
    for before_a, x, after_a in names_a:
        if x in used_b or len(x) < DIVERGE_SPELLING_MIN_CHARS:
            continue
        for before_b, y, after_b in names_b:
            if y in used_a or len(y) < DIVERGE_SPELLING_MIN_CHARS or x[0] != y[0] or \
                    x[-2:].lower() != y[-2:].lower():
                continue
            if ((before_a and before_a == before_b) or (after_a and after_a == after_b)) and \
                    fuzz.ratio(x.lower(), y.lower()) >= DIVERGE_SPELLING_RATIO:
                return f"Spelling of a name differs: {x} ({{a}}) vs {y} ({{b}})"
    return None


# -- quotes --------------------------------------------------------------------


def _quotes(text: str) -> list[str]:
    """The quoted spans of a sentence. A quote cut by the sentence's end
    (its closing mark in the next sentence) or begun in the sentence before
    runs to the sentence's end or from its start."""
    spans, opened = [], None
    for match in re.finditer(r"[“”\"]", text):
        mark = match.group(0)
        if opened is None and (mark == "”" or _closes(text, match)):  # begun before
            spans.append(text[:match.start()])
        elif opened is None:
            opened = match.end()
        elif mark != "“":
            spans.append(text[opened:match.start()])
            opened = None
    if opened is not None:
        spans.append(text[opened:])
    spans = [q.strip(" ,.") for q in spans]
    return [q for q in spans if len(q.split()) >= DIVERGE_QUOTE_MIN_WORDS]


def _closes(text: str, match: re.Match) -> bool:
    """Whether a straight quotation mark can only close a quote: glued to the
    word or punctuation before it and followed by nothing but punctuation
    ('... such a person."'), so it ends a quote opened in an earlier sentence."""
    before, after = text[:match.start()], text[match.end():]
    return bool(before) and not before[-1].isspace() and not re.search(r"\w", after)


def _quote_words(quote: str) -> list[str]:
    """A quote's words, case, punctuation, contractions and number words
    folded ("I'm" = "I am" = "I ` m", "U.S." = "US", "eight" = "8"), so only a change
    of wording remains."""
    text = re.sub(r"\s?['’‘`]\s?", "'", quote.lower()).replace(".", "")
    for short, full in lex.CONTRACTIONS:
        text = re.sub(rf"\b{short}\b", full, text)
    words = re.findall(r"[a-z0-9]+", text.replace("'s", " is"))
    return [str(lex.NUMBER_WORDS[w]) if w in lex.NUMBER_WORDS else w for w in words]


def _core_differs(x: list[str], y: list[str]) -> bool:
    """Whether the wording differs inside what both quote: words added,
    dropped or changed between runs of at least DIVERGE_QUOTE_ANCHOR_WORDS
    shared words, or the shared first or last words of both quotes ("not
    running for 2020" / "not running in 2020"), not one quote cut shorter or
    continued otherwise."""
    from difflib import SequenceMatcher

    def anchors(b) -> bool:
        starts_both = b.a == 0 and b.b == 0
        ends_both = b.a + b.size == len(x) and b.b + b.size == len(y)
        return b.size >= DIVERGE_QUOTE_ANCHOR_WORDS or (b.size > 0 and (starts_both or ends_both))

    blocks = [b for b in SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks()
              if anchors(b)]
    if not blocks:
        return False
    first, last = blocks[0], blocks[-1]
    inner_x = x[first.a:last.a + last.size]
    inner_y = y[first.b:last.b + last.size]
    return inner_x != inner_y


def quote_difference(text_a: str, text_b: str, also_a: Sequence[str] = (),
                     also_b: Sequence[str] = ()) -> str | None:
    """The same quote in different words: two quoted spans alike enough to
    be one quote (rapidfuzz partial ratio >= DIVERGE_QUOTE_SAME_RATIO) whose
    words differ inside the part both give, unless the other source prints
    the first wording of that part too in another claim (`also_a` /
    `also_b`: it quotes both, as a speech and the reply to it)."""
    others_a = [_quote_words(q) for t in also_a for q in _quotes(t)]
    others_b = [_quote_words(q) for t in also_b for q in _quotes(t)]
    for x in _quotes(text_a):
        for y in _quotes(text_b):
            wx, wy = _quote_words(x), _quote_words(y)
            if not _one_quote_reworded(wx, wy) or \
                    any(_one_quote(wy, z) and _agrees(wx, z) for z in others_b) or \
                    any(_one_quote(wx, z) and _agrees(wy, z) for z in others_a):
                continue
            return f"Quoted words differ: “{_braces(x)}” ({{a}}) vs “{_braces(y)}” ({{b}})"
    return None


def _one_quote(x: list[str], y: list[str]) -> bool:
    return x == y or fuzz.partial_ratio(" ".join(x), " ".join(y)) >= DIVERGE_QUOTE_SAME_RATIO


def _agrees(x: list[str], y: list[str]) -> bool:
    return _one_quote(x, y) and not _core_differs(x, y)


def _one_quote_reworded(x: list[str], y: list[str]) -> bool:
    return x != y and _one_quote(x, y) and _core_differs(x, y)


# -- republication ---------------------------------------------------------------


def shared_text_share(text_a: str, text_b: str) -> float:
    """The share of the shorter document's word DIVERGE_COPY_NGRAM-grams that
    the other document also has, in [0, 1]: near 1 for a republished copy,
    near 0 for two reports that quote the same tweet or statement (a quote
    of 40 words is 33 of an article's ~600 n-grams)."""
    grams_a, grams_b = _ngrams(text_a), _ngrams(text_b)
    if not grams_a or not grams_b:
        return 0.0
    return len(grams_a & grams_b) / min(len(grams_a), len(grams_b))


@lru_cache(maxsize=256)
def _ngrams(text: str) -> frozenset[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    n = DIVERGE_COPY_NGRAM
    return frozenset(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def mostly_quoted(text: str) -> bool:
    """Whether at least half of a sentence's words are inside quotation
    marks: two outlets quoting one tweet share it, and stay two voices."""
    quoted = sum(len(q.split()) for q in _quotes(text))
    return quoted * 2 >= len(text.split())
