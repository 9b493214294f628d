"""Find the parts of an article that are not its content.

News sites wrap articles in the same few kinds of furniture: subscription and
donation pitches, the outlet describing itself, comment widgets, share rows,
"read also" lists, date/section/photo-credit headers, bylines and author bios,
editors' disclaimers and republication notes. Each is recognised by its
general shape (the words any site uses for it), never by the wording of one
article. Spans stay in the text, so offsets remain true; segment drops them.

Detection works on sentence-like pieces of each line, because copy-pasted web
text glues the trailer onto the last sentence ("...bound to fail.SourceAbout
the author..."). A trailer marker (bio, disclaimer, republication note) marks
the rest of its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .models import Span
from .settings import (
    BOILERPLATE_CARD_MAX_CHARS,
    BOILERPLATE_DATELINE_LINES,
    BOILERPLATE_MAX_PIECE_CHARS,
    BOILERPLATE_SHORT_LINE_CHARS,
)


def _compile(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


#: Pitches for money, subscriptions and newsletters.
_PITCH = _compile(
    r"^(enjoying|enjoyed|like|liked|love|value) (this|the|our) "
    r"(article|story|piece|journalism|reporting|content)\b",
    r"\bhelp us (to )?(produce|do|make|keep|continue|fund)\b",
    r"\b(please|to support [^.]{0,40}?,?|you can|why not) subscribe\b",
    r"\bsubscribe (now|today|here)\b",
    r"\bsubscribe (to|for) (our|the|its|a|an|free|full|unlimited)\b ?([\w-]+ ){0,4}"
    r"(newsletter|magazine|edition|channel|podcast|updates|digest|bulletin|access|membership)",
    r"\bsubscribe\.?$",
    r"\b(become|join us as) an? (member|subscriber|supporter|patron)\b",
    r"\b(donate (now|today|here|to (us|our))|make a donation|support our (work|journalism)"
    r"|support us on (patreon|substack|ko-fi)\b)",
    r"\bwe rely on (our |you, our )?readers\b",
    r"\b(not|never) (funded|owned) by (a |an |any )?(billionaire|oligarch|corporation|government)",
    r"\breader[- ](funded|supported)\b",
    r"\bsign up (for|to) (our|the) [\w ]{0,20}newsletter\b",
    r"\bwe use cookies\b",
    # newsletter boxes: "Sign up for Daily Newsletters Manage Newsletters", "Get the
    # Monitor Stories you care about delivered to your inbox. By signing up, you
    # agree to our Privacy Policy", "You can unsubscribe at any time."
    r"\bsign up (today |now |here )?(for|to) [\w#' -]{0,40}?newsletters?\b",
    r"\bmanage newsletters\b",
    r"\bdelivered (straight |right |directly )?to your inbox\b",
    r"^by signing up,? you agree\b",
    r"\byou (can|may) unsubscribe at any time\b",
    r"\bprotected by recaptcha\b",
    r"^subscribe (on|to|via|with) (your|our|the)\b",
    # live-blog stamps and follow links: "Update at 10:30 a.m. ET.", "Follow @politicalticker"
    r"^update(d)?( at| on)? \d{1,2}(:\d{2})? ?[ap]\.?m\.?( [A-Z]{1,4})?\.?$",
    r"^follow @\w+$",
    # a link to a colleague's piece, also glued to a paragraph's last sentence:
    # "Vox's Anna North has more on decoding the vague language ..."
    r"^[^.]{0,80}\bhas more on\b.{0,200}$",
    r"^follow (us|him|her|me|them) on (twitter|facebook|instagram|x)\b.{0,60}$",
)
#: The outlet describing itself: "X is an independent, reader-funded newspaper".
_SELF_DESCRIPTION = re.compile(
    r"^(?P<outlet>[A-Z][\w.&'’ -]{1,40}?) is an? (independent|non-?profit|reader-funded|"
    r"award-winning|leading)\b[^.]{0,60}\b(newspaper|news|magazine|outlet|publication|"
    r"site|website|media|journalism|platform)\b",
)
#: Comment widgets and page furniture, as whole short lines.
_FURNITURE = _compile(
    r"^(add|leave|post|write|show|load|view) (a |all |the )?comments?\b",
    r"^\d+ comments?$",
    r"^comments?( \(\d+\))?:?$",
    r"^enter the (correct |right )?(answer|code|captcha|result)\b",
    r"^(text|font) size:?\b",
    r"^(photo|image|illustration|picture|video|фото|світлина)( by| credit)?:?(\s.{0,40})?$",
    r"^(©|\(c\)|copyright)\s",
    r"\ball rights reserved\b",
    r"^[-–—•|>]?\s*(news|source|sources|share|advertisement|advertising|sponsored|"
    r"read more|continue reading|related|related articles|related stories|see also|tags|"
    r"top|back to top|print|новости|новини|джерело|источник)\.?:?$",
    r"^(read also|read more|see also|related|recommended|you may also like|more from|"
    r"most read|popular|also read|читайте также|читайте також|по теме)\b.{0,120}$",
    r"^(source|sources|via|based on materials( of| from)?|джерело|источник|по материалам)"
    r"\s*:\s*.{0,80}$",
    r"^(share|share this|share on|share via)\b.{0,60}$",
    r"^((facebook|twitter|x|telegram|whatsapp|linkedin|viber|reddit|email|e-mail|print|"
    r"copy link)[\s|,/•·]*){2,}$",
    # news-site furniture (highlight boxes: _HIGHLIGHTS_LABEL), video blurbs,
    # "More: ..." links, photo captions credited to an agency
    r"^just watched\b.{0,200}$", r"\breplay more videos\b",
    r"^(video|watch|watch video|photos?|gallery|slideshow|listen)\s*[:|>»-]\s*.{0,160}$",
    r"^(more|related|read more|click here)\s*[:>»]\s*.{0,160}$",
    r"^more$",
    # related links and video labels: "See: Stock-market benchmarks surge ...",
    # "More On This...", "ABOVE: News Channel Coverage of the Announcement"
    r"^see\s*:\s*.{0,200}$",
    r"^more on this\W{0,4}$",
    r"^(above|below)\s*:\s*.{0,200}$",
    r"\((ap|afp|reuters|getty images|epa)( photo)?(/[^)]{0,60})?\)\s*$",
    r"^(photo|image|pictured|above|top|left|right|file photo)\b.{0,200}"
    r"\b(ap photo|getty images|reuters|afp|epa|photo credit)\b",
    # a photo's widget text and credit ("Enlarge this image toggle caption
    # Jeff Vinnick /Getty Images Jeff Vinnick /Getty Images")
    r"^(enlarge this image|toggle caption|hide caption)\b.{0,200}$",
    # a note on the article itself ("CORRECTION: A previous version of this
    # story misspelled ...", "CLARIFICATION: This story has been updated ...")
    r"^(correction|clarification|editor'?s'? note|editor’s note)\s*:.{0,400}$",
    # credits of the report itself and page markers: "CNN's Mallika Kapur and
    # Tim Hume contributed to this report.", "This article is based in part on
    # wire service reports.", "Story Continued Below"
    r"\bcontributed (reporting )?to this (report|story|article)\.?$",
    r"^\W*this (article|story|report) (is|was) based (in part )?on (wire|news agency|agency)"
    r"( service)? reports\.?$",
    r"^story continued below$",
    # update notes and promos set off by dashes: "-- Updated at 4:20 pm ET. See
    # end of post --", "- Check out the CNN Electoral Map and Calculator ..."
    r"^[-–—\s]*updated (at|on) .{0,80}$",
    r"^[-–—•]+\s*check out\b.{0,160}$",
    # a related story's headline with its link label after it, as The Guardian
    # prints them between paragraphs ("Trump says he is not planning to fire
    # Mueller as Republican attacks increase Read more"), an audio player's
    # line ("... Brett Kavanaugh's Record On Abortion Listen · 5:08 5:08") and
    # a pitch for the outlet's podcast ("Catch up on the 2020 election campaign
    # with AP experts on our weekly politics podcast, "Ground Game."")
    r"^[^.!?]{0,200}[^.!?\s]\s+(?-i:Read more)$",
    r"\blisten\s*·\s*\d{1,2}:\d{2}\b", r"^[^.!?]{0,200}\s(?-i:Listen)$",
    # a site's footer promo ("Visit NBCNews.com for breaking news, world news, ...")
    r"^visit \S+\.(?:com|org|net|co\.uk)\b.{0,120}$",
    r"^(catch up|tune in|listen|subscribe|hear more)\b.{0,160}\bpodcast\b",
    # a caption printed after its credit ("Getty Images Trucks line up near the
    # border fence ...", MarketWatch; "Alex Wong/Getty Images ...")
    r"^(?-i:(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}\s?/\s?)?Getty Images\s+[A-Z])",
    # hat tips, social and contact lines, rules, "click here" promos, related
    # links in brackets and dated update stamps ("H/T: Daily Mail", "Like Us
    # On Facebook | Follow Us On Twitter", "Email: Paul.Bond@THR.com",
    # "-----", "On a mobile device? Click here to watch the video.", "[ Related:
    # 12 Heartwarming Viral Stories! ]", "Last updated Sat 24 Jan 2015")
    r"^[\[(]?\s*h/t\b.{0,160}$",
    r"^like us on facebook\b.{0,120}$",
    r"^e-?mail(?: me| the author)?\s*:?\s*\S+@\S+\.\w+\s*$",
    r"^[\W_]{8,}$",
    r"^.{0,200}\bclick here\b.{0,120}$",
    r"^[(\[]\s*(?:related|read more|see also|also read)\s*:.{0,160}$",
    r"^see all related$",
    r"^(?:last )?updated?\s*:?\s+(?:on\s+)?(?:[a-z]{3},? )?(?:[a-z]+\.? \d{1,2},? \d{4}"
    r"|\d{1,2} [a-z]{3,} \d{4}).{0,40}$",
)
#: A photo or image credit in brackets inside a line: "(Photo courtesy:
#: YouTube screengrab)", "[Image Credit | India Today]", "(Image source:
#: whitehouse.gov)", "[Image via AP]": furniture, the rest of the line stays.
_BRACKET_CREDIT = re.compile(
    r"[(\[]\s*(?:photo|image|picture|video)s?\s*(?:(?:credit|courtesy(?: of)?|by|via|source)\b"
    r"\s*[:|]?|[:|])[^()\[\]\n]{0,60}[)\]]", re.IGNORECASE)
#: A tweet's credit line, "— Name (@handle) Month D, YYYY", and tweet links:
#: furniture inside a line (the tweet's words before it stay content, and
#: `compare.assess` reads the credit from the original text to attribute them).
_TWEET_FURNITURE = re.compile(
    r"[—–]\s*[A-Z][^()\n]{0,60}\(@\s?\w+\)\s*(?:[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4})?"
    r"|\bpic\.twitter\.com/\S+|\bhttps?\s*:\s*//t\.co/\S+"
)
#: A photo caption with its credit after a pipe, as Politico prints it above
#: the headline ("Iranian Foreign Minister Mohammad Javad Zarif. | Pavel
#: Golovkin/AP Photo defense Iran's foreign minister threatens ...", "... in
#: 1996. | REUTERS DOMA on shaky ground in court"): the whole line (caption,
#: credit, section, headline, dek) is furniture. The credit is a name with
#: the agency after a slash, or an agency in capitals.
_PIPE_CREDIT = re.compile(
    r"^[^|\n]{0,400}[.!?'’”\"]\s+\|\s+(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s?/\s?\S"
    r"|(?:REUTERS|AP|AFP|EPA|GETTY IMAGES)\b)"
)
#: A photo caption that ends with its agency credit, however long the
#: caption: "Senate Majority Leader Mitch McConnell, R-Ky., smiles after vote
#: on a hard-won budget deal ... (AP Photo/J. Scott Applewhite)".
_CREDITED_CAPTION = re.compile(
    r"^.{0,1000}\((?:ap|afp|reuters|getty images|epa)(?: photo)?(?:/[^)]{0,60})?\)$",
    re.IGNORECASE,
)
#: A video player's blurb glued to its button label, a line of its own: "CLOSE
#: Roger Ailes may be remembered for founding Fox News ... ███", "CLOSE Democrat
#: Doug Jones won ... (Dec. 13) AP" (USA TODAY; capitals only: "Close to 200 ...").
_VIDEO_BLURB = re.compile(r"^CLOSE\s+\S.{0,600}$")
#: A related story's headline in capitals, as Fox News prints its links
#: between paragraphs ("DEMS CALL COHEN GUILTY PLEA 'GAME CHANGER,' CALL FOR
#: POSTPONING KAVANAUGH HEARINGS"): a whole line of five words or more with
#: no lower-case letter (a speaker label, "GORKA: “The governor ...", has some),
#: after the article's first line (a title in capitals stays its title).
_CAPS_HEADLINE = re.compile(r"^(?=(?:[^\s]+\s+){4})[^a-z“\"‘]*$")
#: The end of The Hill's inline "member card" link text (below).
_CARD_END = re.compile(r"(?:\b|(?<=[a-z]))MORE\b")  # also glued: "John Francis KellyMORE"
#: A surname glued to the first word of a card's headline ("TrumpGOP").
_GLUED_WORD = re.compile(r"(?<![\w'’])[A-Z][\w'’.-]*?[a-z](?=[A-Z][\w'’-])")
#: A full name as the card prints it: "Donald John", "Michael (Mike) Richard".
_CARD_NAME = re.compile(r"^(?:\s+(?:[A-Z][\w'’.-]*|\([A-Z][\w'’.-]*\))){1,5}$")
#: Dates and times as page headers: "08 January 2025, 23:41 | Policy".
_DATELINE = re.compile(
    r"^(\d{1,2}[ ./-](\w+|\d{1,2})[ ./-]\d{2,4}|\w+ \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})"
    r",?\s*(\d{1,2}:\d{2})?\s*([|•·/-]\s*[\w ]{1,30})?$",
)
#: A row of emoticon codes, as comment widgets print them (":D :lol: :-) ;-)").
_EMOTICON = r"(:[a-z]{1,8}:|[:;8]-?[()|*?xDPpoO]|:[a-z]{1,5}|8\))"
_EMOTICON_ROW = re.compile(rf"^\s*({_EMOTICON}\s+){{4,}}{_EMOTICON}?\s*$")
#: Trailer markers: once one starts, the rest of the line is not content.
_TRAILER = _compile(
    r"^(source\s*)?about the author\b",
    r"^(the )?(editors?|editorial (team|board|staff|office)|publication|website|redaction|we)"
    r" (do|does|may) not (always |necessarily )?(share|reflect|endorse)\b",
    r"^(the )?(views|opinions) expressed\b.{0,80}\b(are|do not|don't)\b",
    r"\b(has )?republished (this|the) article\b",
    r"^(this (article|story|piece) )?(was )?originally (published|appeared) (in|on|at|by)\b",
    r"^read the original article\b",
    r"\bunder a creative commons licen[cs]e\b",
    r"^(about the author|об авторе|про автора)\b",
)
#: A news dateline with the agency in brackets ("Washington (CNN) ", "(CNN) - ",
#: "DUBAI, United Arab Emirates (AP) — ") at the start of any line: not part of
#: the sentence it opens (the sentence starts after it).
_DATELINE_AGENCY = re.compile(
    r"^\s*(?:[A-Z][\w.'’-]+(?:,? [A-Z][\w.'’-]+){0,3} )?\((?:AP|Reuters|AFP|CNN|UPI)\)"
    r"\s*(?:[—–-]+\s*)?(?=[A-Z\"“‘'])"
)
#: ... and one in an article's first BOILERPLATE_DATELINE_LINES lines, also
#: without the agency: "WASHINGTON (AP) — ", "CAIRO — ". A place of four letters
#: or more ("NEW DELHI", "ST. LOUIS"), so "U.S. — " or "FBI — " stay.
_DATELINE_LEAD = re.compile(
    r"^\s*(?:(?:[A-Z]{2,}\.? )?[A-Z][A-Z'’-]{3,}(?: [A-Z][A-Z'’-]+){0,2}"
    r"(?:, [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})?"
    r"(?: \((?:AP|Reuters|AFP|CNN|UPI)\))?\s*[—–-]+\s+(?=[A-Z\"“‘'(])"
    r"|\((?:CNN|AP|Reuters|AFP|UPI)\)\s*(?:[—–-]+\s*)?(?=[A-Z\"“‘']))"
)
#: CNN's highlights box: the label, often run on into its first highlight
#: ("Story highlights Hagel will step down, Obama announced Monday"), and the
#: highlight lines after it, which end with no full stop, up to the first
#: line that ends like a sentence (the article's lead). The highlights are
#: the box's summary of the article below, not claims of their own: none of
#: the 35 highlight lines of the news_claims stories' ten boxes is labelled.
_HIGHLIGHTS_LABEL = re.compile(r"^\s*story highlights:?(?:\s|$)", re.IGNORECASE)
_ENDS_LIKE_A_SENTENCE = re.compile(r"[.!?:…][”\"’')]?\s*$")
#: A live-blog update's label opening a paragraph ("Updated at 6:08 pm — ",
#: "UPDATED 8:28 p.m. ET: ", "Update 2:13 PM: "): the label is furniture, the
#: update after it a sentence.
_UPDATE_LABEL = re.compile(
    r"^\s*updated?(?: at| on)? \d{1,2}(?::\d{2})? ?[ap]\.?m\.?(?: [A-Z]{1,4}\.?)?\s*[—–:-]+\s*"
    r"(?=\S)", re.IGNORECASE)
#: A byline, or a bio that opens with a name: "By Jane Doe", "Stefan Wolff is Professor of".
_NAME = r"[A-Z][\w'’-]+(?: [A-Z][\w.'’-]*){1,3}"
_BYLINE = re.compile(rf"^(by|written by|author:?|автор:?)\s+(?P<name>{_NAME})\s*$", re.IGNORECASE)
_BIO = re.compile(
    rf"^(?P<name>{_NAME}),? (is|was) (?i:(a |an |the )?([\w-]+ ){{0,3}}(professor|lecturer|"
    r"fellow|researcher|journalist|editor|correspondent|director|analyst|writer|author|"
    r"columnist|reporter|scholar|expert|head|chair))\b",
)
#: Sentence-like pieces of a line: a break after end punctuation, also when the
#: next sentence is glued on ("confrontation.The", "fail.SourceAbout").
_PIECE_BREAK = re.compile(r"(?<=[.!?…])[\"”’»)]?\s*(?=[A-ZА-ЯЁІЇЄҐ\"“«])")


def boilerplate_spans(text: str) -> list[Span]:
    """Character spans of the lines and line tails that are not content."""
    spans: list[Span] = []
    offset = 0
    lines_seen = 0
    highlights = False
    for line in text.split("\n"):
        highlights = bool(_HIGHLIGHTS_LABEL.match(line)) or (
            highlights and not _ENDS_LIKE_A_SENTENCE.search(line))
        if highlights and line.strip():
            spans.append(Span(offset, offset + len(line)))
        spans.extend(_line_spans(line, offset))
        lines_seen += bool(line.strip())
        if line.strip() and lines_seen <= BOILERPLATE_DATELINE_LINES:
            lead = _DATELINE_LEAD.match(line)
            if lead:
                spans.append(Span(offset + lead.start(), offset + lead.end()))
        if lines_seen > 1 and _CAPS_HEADLINE.match(line.strip()) and re.search(r"[A-Z]{2}", line):
            spans.append(Span(offset, offset + len(line)))  # not the first line: the title
        label = _UPDATE_LABEL.match(line)
        if label:  # "Updated at 6:08 pm — The Senate ...": the label only
            spans.append(Span(offset + label.start(), offset + label.end()))
        agency = _DATELINE_AGENCY.match(line)
        if agency:
            spans.append(Span(offset + agency.start(), offset + agency.end()))
        offset += len(line) + 1
    return merge_spans(spans)


def author_from(text: str, spans: list[Span]) -> str | None:
    """The author named by a byline, bio or "About the author" block, if any."""
    for span in spans:
        block = text[span.start:span.end].strip()
        about = re.match(r"^(source\s*)?about the author[.:]?\s*(?P<name>" + _NAME + ")",
                         block, re.IGNORECASE)
        for match in (about, _BYLINE.match(block), _BIO.match(block)):
            if match:
                return match.group("name").rstrip(" ,.")
    return None


def outlet_from(text: str, spans: list[Span]) -> str | None:
    """The outlet's name when it describes itself ("X is an independent ...")."""
    for span in spans:
        match = _SELF_DESCRIPTION.match(text[span.start:span.end].strip())
        if match:
            return match.group("outlet").strip()
    return None


def _line_spans(line: str, offset: int) -> Iterator[Span]:
    stripped = line.strip()
    if not stripped:
        return
    for inline in (_TWEET_FURNITURE, _BRACKET_CREDIT):
        for match in inline.finditer(line):
            yield Span(offset + match.start(), offset + match.end())
    yield from _member_cards(line, offset)
    if (_PIPE_CREDIT.match(stripped) or _CREDITED_CAPTION.match(stripped)
            or _VIDEO_BLURB.match(stripped)):
        yield Span(offset, offset + len(line))
        return
    if len(stripped) <= BOILERPLATE_SHORT_LINE_CHARS and _is_whole_line_boilerplate(stripped):
        yield Span(offset, offset + len(line))
        return
    for start, end in _pieces(line):
        piece = line[start:end].strip()
        if _TRAILER.search(piece):
            yield Span(offset + start, offset + len(line))
            return
        if len(piece) <= BOILERPLATE_MAX_PIECE_CHARS and _is_boilerplate_piece(piece):
            yield Span(offset + start, offset + end)


def _member_cards(line: str, offset: int) -> Iterator[Span]:
    """The Hill's inline link text, pasted with the article: after a person's
    name come their full name, glued to the headlines of a link card, and
    "MORE" ("President Trump Donald John TrumpGOP senators balk at lengthy
    impeachment trial ... MORE’s tax returns"). The span runs from the end of
    the name as the sentence gives it to the end of "MORE", so the sentence
    without it reads "President Trump’s tax returns"."""
    after = 0
    for more in _CARD_END.finditer(line):
        window_start = max(after, more.start() - BOILERPLATE_CARD_MAX_CHARS)
        for glued in _GLUED_WORD.finditer(line, window_start, more.end()):
            surname = glued.group()
            name = re.compile(rf"(?<![\w'’]){re.escape(surname)}(?![\w'’])")
            named = list(name.finditer(line, window_start, glued.start()))
            if named and _CARD_NAME.match(line[named[-1].end():glued.start()].rstrip() or "-"):
                yield Span(offset + named[-1].end(), offset + more.end())
                break
        after = more.end()


def _is_whole_line_boilerplate(line: str) -> bool:
    """Short standalone lines: furniture, datelines, bylines and bios."""
    return bool(
        _FURNITURE.search(line) or _DATELINE.match(line) or _EMOTICON_ROW.match(line)
        or _BYLINE.match(line) or _BIO.match(line) or _is_boilerplate_piece(line)
        or _TRAILER.search(line)
    )


def _is_boilerplate_piece(piece: str) -> bool:
    return bool(_PITCH.search(piece) or _SELF_DESCRIPTION.match(piece))


def _pieces(line: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _PIECE_BREAK.finditer(line):
        yield start, match.start()
        start = match.end()
    yield start, len(line)


def merge_spans(spans: list[Span]) -> list[Span]:
    """Sorted spans, joined where they overlap, touch or are one character apart
    (the newline between two boilerplate lines)."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start <= merged[-1].end + 1:
            merged[-1] = Span(merged[-1].start, max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged
