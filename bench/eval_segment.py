"""Segmentation errors on abbreviation cases; prints figures, asserts nothing.

Each case is a short news-style text and the sentences a reader cuts it into.
The cases are titles before names (AP style: "Gov.", "Rep.", "Sen.", "Gen.",
"Lt.", ...), abbreviations that do end a sentence ("in Ala.", "the U.S."),
a sentence glued to a figure ("9/11/2001.Arizona"), a closing quotation
mark written after a space ('... families. "') and a possessive after an
abbreviation ("King Jr. ' s birthday"). A case counts as an
error when the sentences differ in any way (one missing, one split or joined).
syntok alone is printed beside `compare.segment` for reference.

Usage:
    .venv/bin/python bench/eval_segment.py            # the figures
    .venv/bin/python bench/eval_segment.py --errors   # every case that fails
"""

from __future__ import annotations

import argparse
import sys

import syntok.segmenter as syntok

from compare.segment import sentence_spans

#: (text, the sentences it holds).
CASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("He met Gov. Jerry Brown on Monday. Then he left.",
     ("He met Gov. Jerry Brown on Monday.", "Then he left.")),
    ("Rep. Pete King said so. Sen. John McCain agreed.",
     ("Rep. Pete King said so.", "Sen. John McCain agreed.")),
    ("The plan was backed by Lt. Gen. Michael Flynn and Gov. Chris Christie.",
     ("The plan was backed by Lt. Gen. Michael Flynn and Gov. Chris Christie.",)),
    ("Lt. Col. Alex Vindman testified on Tuesday. Republicans objected.",
     ("Lt. Col. Alex Vindman testified on Tuesday.", "Republicans objected.")),
    ("The order came from Adm. Mike Mullen, not Capt. Kirk.",
     ("The order came from Adm. Mike Mullen, not Capt. Kirk.",)),
    ("Asked about Gen. David Petraeus, the senator declined to comment.",
     ("Asked about Gen. David Petraeus, the senator declined to comment.",)),
    ("The bill, written by Sens. Marco Rubio and Chuck Schumer, passed.",
     ("The bill, written by Sens. Marco Rubio and Chuck Schumer, passed.",)),
    ("Reps. Nancy Pelosi and Steny Hoyer voted no. The measure failed.",
     ("Reps. Nancy Pelosi and Steny Hoyer voted no.", "The measure failed.")),
    ("Sgt. Bowe Bergdahl was released in May. He had been held for five years.",
     ("Sgt. Bowe Bergdahl was released in May.", "He had been held for five years.")),
    ("Dr. Amesh Adalja said the data were early. Mr. Trump disagreed.",
     ("Dr. Amesh Adalja said the data were early.", "Mr. Trump disagreed.")),
    ("The statement was read by Maj. Gen. James Marks at the briefing.",
     ("The statement was read by Maj. Gen. James Marks at the briefing.",)),
    ("Former Gov. Bob McDonnell was indicted on Tuesday. His wife was charged too.",
     ("Former Gov. Bob McDonnell was indicted on Tuesday.", "His wife was charged too.")),
    ("It was signed by Pres. Obama and Atty. Gen. Eric Holder.",
     ("It was signed by Pres. Obama and Atty. Gen. Eric Holder.",)),
    ("Mrs. Clinton spoke first. Ms. Warren spoke last.",
     ("Mrs. Clinton spoke first.", "Ms. Warren spoke last.")),
    ("Massachusetts Gov. Deval Patrick endorsed him on Friday.",
     ("Massachusetts Gov. Deval Patrick endorsed him on Friday.",)),
    ("The vote in Ala. was close. Mass. Gov. Deval Patrick won.",
     ("The vote in Ala. was close.", "Mass. Gov. Deval Patrick won.")),
    ("He served in the U.S. Senate. Sen. Ted Cruz disagreed.",
     ("He served in the U.S. Senate.", "Sen. Ted Cruz disagreed.")),
    ("The money went to the U.S. The rest stayed in Europe.",
     ("The money went to the U.S.", "The rest stayed in Europe.")),
    ("Troops moved at 5 a.m. on Friday. The city fell by noon.",
     ("Troops moved at 5 a.m. on Friday.", "The city fell by noon.")),
    ("This is the largest loss of firefighters since 9/11/2001.Arizona Congressman Paul "
     "Gosar issued a statement.",
     ("This is the largest loss of firefighters since 9/11/2001.",
      "Arizona Congressman Paul Gosar issued a statement.")),
    ("The shelter blocks 95 percent of the heat.It is a last resort.",
     ("The shelter blocks 95 percent of the heat.", "It is a last resort.")),
    ("Prof. Stefan Wolff of the University of Birmingham wrote the report.",
     ("Prof. Stefan Wolff of the University of Birmingham wrote the report.",)),
    ("Lt. Gov. Dan Patrick of Texas said on Monday that he would run.",
     ("Lt. Gov. Dan Patrick of Texas said on Monday that he would run.",)),
    ("Its population is 2.5 million. The capital is Kyiv.",
     ("Its population is 2.5 million.", "The capital is Kyiv.")),
    # a possessive after an abbreviation, with the spaced apostrophe of some feeds
    ("They marked Martin Luther King Jr. ' s birthday on Monday. Schools closed.",
     ("They marked Martin Luther King Jr. ' s birthday on Monday.", "Schools closed.")),
    ("Shares of Apple Inc. ' s suppliers fell. Analysts were surprised.",
     ("Shares of Apple Inc. ' s suppliers fell.", "Analysts were surprised.")),
    # a closing quotation mark after a space (news_claims fit stories 9, 14, 16, 27)
    ("He said the jobs report is “another kick in the gut to middle class families. \" "
     "Then he left.",
     ("He said the jobs report is “another kick in the gut to middle class families. \"",
      "Then he left.")),
    ("He warned of more “tragedies and terror. ” The Times reports the rest.",
     ("He warned of more “tragedies and terror. ”", "The Times reports the rest.")),
    ("I don't see Trump winning by more than 5 points. \"",
     ("I don't see Trump winning by more than 5 points. \"",)),
    # ... but a straight mark followed by other marks is left where it is (a seed's
    # garbled quote)
    ("Putin will not consider that “the game is over.”. \" ) imperial ambitions remain, "
     "he concluded.",
     ("Putin will not consider that “the game is over.”.",
      "\" ) imperial ambitions remain, he concluded.")),
)


def _syntok_sentences(text: str) -> tuple[str, ...]:
    return tuple(text[tokens[0].offset:tokens[-1].offset + len(tokens[-1].value)]
                 for paragraph in syntok.analyze(text) for tokens in paragraph if tokens)


def _ours(text: str) -> tuple[str, ...]:
    return tuple(text[s:e] for s, e in sentence_spans(text, 0, len(text)))


def errors(segmenter=_ours) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    """(text, expected, got) for every case the segmenter gets wrong."""
    return [(text, expected, got) for text, expected in CASES
            if (got := segmenter(text)) != expected]


def main(argv: list[str] | None = None) -> int:
    """Print the error counts (and, with --errors, the failing cases)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args(argv)
    for name, segmenter in (("syntok alone", _syntok_sentences), ("compare.segment", _ours)):
        wrong = errors(segmenter)
        print(f"{name}: {len(wrong)} of {len(CASES)} cases cut wrongly")
        if args.errors:
            for text, expected, got in wrong:
                print(f"   {text!r}\n      expected {expected}\n      got      {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
