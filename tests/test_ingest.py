"""Ingest on the seeds and on tests/corpus/: formats, encodings, boilerplate, bad input."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from compare import ingest
from compare._boilerplate import boilerplate_spans
from compare.errors import CorpusError, InputFileError
from compare.ingest import describe_sources, detect_language, read_corpus, read_document
from compare.models import Document
from compare.settings import MAX_FILE_BYTES

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch) -> Path:
    """Each test gets its own parsed-article cache, never the user's."""
    cache = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(cache))
    return cache


@pytest.fixture()
def test_corpus():
    return read_corpus(CORPUS)


def _content(document: Document) -> str:
    """The document's text with its boilerplate spans blanked out."""
    chars = list(document.text)
    for span in document.boilerplate:
        chars[span.start:span.end] = " " * (span.end - span.start)
    return "".join(chars)


def _by_id(corpus) -> dict[str, Document]:
    return {d.meta.id: d for d in corpus.documents}


def _warning(corpus, *needles: str) -> str:
    found = [w for w in corpus.warnings if all(n in w for n in needles)]
    assert found, (needles, corpus.warnings)
    return found[0]


# Seeds ------------------------------------------------------------------------

SEED_BOILERPLATE = (
    "ENJOYING THIS ARTICLE", "please subscribe", "reader-funded", ":lol:", "Text Size",
    "About the author", "do not always share the opinions", "Add a comment",
    "Enter the correct answer", "republished this article", "Based on materials",
    "Stefan Wolff is Professor", "photo Фокус", "23:41", "- News",
)


def test_seed_boilerplate_is_marked_and_content_is_not(seeds_dir: Path) -> None:
    """Every kind of page furniture in the seeds lies inside a boilerplate span,
    while at least nine tenths of each article stays content."""
    corpus = read_corpus(seeds_dir)
    content = " ".join(_content(d) for d in corpus.documents)
    for marker in SEED_BOILERPLATE:
        assert marker not in content, marker
    for document in corpus.documents:
        share = len(_content(document).split()) / len(document.text.split())
        assert share > 0.9, (document.meta.id, share)


def test_a_trailer_glued_to_the_last_sentence_is_cut_at_the_glue(seeds_dir: Path) -> None:
    """Seed 001's byline and disclaimer, glued onto its last sentence on one line,
    start a span exactly where the glued trailer starts."""
    document = read_document(seeds_dir / "001_f70e73f6dcb0cc75.txt")
    glue = document.text.index("SourceAbout the author")
    assert any(span.start == glue for span in document.boilerplate)
    assert "is bound to fail." in _content(document)


def test_txt_text_is_the_file_text_and_the_hash_is_of_its_bytes(seeds_dir: Path) -> None:
    """Offsets index the file: .txt text is the decoded file, content_hash its sha256."""
    path = seeds_dir / "004_cc85c02ca42a962c.txt"
    document = read_document(path)
    assert document.text == path.read_text(encoding="utf-8")
    assert document.text_origin == "file"
    assert document.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


def test_reading_never_modifies_the_corpus(seeds_dir: Path) -> None:
    """Reading a corpus leaves every file in it byte-identical, untouched, and adds none."""
    for folder in (seeds_dir, CORPUS):
        def snapshot(folder: Path = folder) -> dict[str, tuple[bytes, int]]:
            return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}
        before = snapshot()
        read_corpus(folder)
        assert snapshot() == before


def test_the_sidecar_wins_over_inference(seeds_dir: Path) -> None:
    """A file with a sources.toml entry takes its metadata from it, nothing inferred."""
    corpus = read_corpus(seeds_dir)
    kaspruk = _by_id(corpus)["kaspruk-2024"]
    assert kaspruk.meta.author == "Viktor Kaspruk" and kaspruk.meta.genre == "blog"
    assert kaspruk.meta.inferred == ()


def test_metadata_is_inferred_from_bylines_self_descriptions_and_datelines(
    seeds_dir: Path, tmp_path: Path
) -> None:
    """Without a sidecar, author comes from a bio, outlet from the outlet's
    self-description, date from a dateline, and each is marked inferred."""
    for seed in seeds_dir.glob("*.txt"):
        (tmp_path / seed.name).write_bytes(seed.read_bytes())
    rows = {r["path"].split("/")[-1][:3]: r for r in describe_sources(read_corpus(tmp_path))}
    assert rows["000"]["author"] == "Viktor Kaspruk"
    assert rows["000"]["title"].startswith("Ukrainian Armed Forces enter Kursk region")
    assert rows["002"]["outlet"] == "Byline Times"
    assert rows["003"]["author"] == "Stefan Wolff"
    assert rows["003"]["published"] is None  # an event date in prose is not a dateline
    assert rows["004"]["published"] == "2025-01-08"
    assert {"author", "title", "language"} <= set(rows["000"]["inferred"])
    assert "published" in rows["000"]["missing"] and "genre" in rows["000"]["missing"]


# The test corpus: every format --------------------------------------------------


def test_every_format_in_the_test_corpus_is_read(test_corpus) -> None:
    """txt, md, html, pdf and each good JSONL line become documents."""
    ids = set(_by_id(test_corpus))
    assert {"northfield-bridge", "frontmatter", "page", "malformed", "article", "wind-farm",
            "rail-strike", "articles-5", "bom", "utf16", "cp1251_ru", "mojibake_uk"} == ids


def test_html_main_text_is_extracted_without_page_furniture(test_corpus) -> None:
    """trafilatura keeps the article and drops navigation, related links,
    comments and footer; a subscription pitch inside the article is marked."""
    page = _by_id(test_corpus)["page"]
    assert page.text_origin == "extracted"
    assert "stay open until ten in the evening" in page.text
    for furniture in ("Related articles", "Great news for students", "Weather",
                      "All rights reserved", "cookies"):
        assert furniture not in page.text, furniture
    assert "subscribe now" in page.text and "subscribe now" not in _content(page)
    meta = page.meta
    assert (meta.outlet, meta.author, meta.published) == (
        "Eastbrook Gazette", "Sofia Marin", "2024-09-18")
    assert meta.url == "https://gazette.example.org/library-hours"


def test_a_highlights_box_is_furniture_up_to_the_articles_lead() -> None:
    """CNN's "Story highlights" box, its label run on into the first highlight,
    and the highlights after it (lines with no full stop) are furniture: the
    box sums up the article below. The lead, the first line that ends like a
    sentence, and everything after it stay."""
    from compare.models import Document, SourceMeta
    from compare.segment import segment

    text = ("Arizona wildfire kills 19 firefighters\n"
            "Story highlights 'Words cant describe the loss, ' says father of victim\n"
            "19 members of a \u201chotshot\u201d team from Prescott died in the wildfire\n\n"
            "The nearly 9,000-acre fire is the deadliest wildland blaze for firefighters in "
            "80 years\n"
            "They were part of an elite squad confronting wildfires on the front line.\n"
            "The fire spans 8,400 acres\n")
    spans = tuple(boilerplate_spans(text))
    furniture = [line for line in text.split("\n") if line and any(
        s.start <= text.index(line) < s.end for s in spans)]
    assert furniture == [
        "Story highlights 'Words cant describe the loss, ' says father of victim",
        "19 members of a \u201chotshot\u201d team from Prescott died in the wildfire",
        "The nearly 9,000-acre fire is the deadliest wildland blaze for firefighters in 80 years"]
    sentences = [s.text for s in segment(Document(SourceMeta("d"), "d.txt", text, spans)).sentences]
    assert sentences[-2:] == [
        "They were part of an elite squad confronting wildfires on the front line.",
        "The fire spans 8,400 acres"]


@pytest.mark.parametrize(("text", "credit"), [
    ("Sheikh Mohammad Saleh al-Munajjid. (Photo courtesy: riyadhconnect.com)",
     "(Photo courtesy: riyadhconnect.com)"),
    ("The fence-jumper made it through the North Portico doors (top) and into the East Room "
     "(far right). (Image source: whitehouse.gov)", "(Image source: whitehouse.gov)"),
    ("[Image Credit | India Today] The minister arrived in the city on Monday.",
     "[Image Credit | India Today]"),
])
def test_a_bracketed_photo_credit_inside_a_line_is_furniture(text: str, credit: str) -> None:
    """A photo's credit in brackets is furniture; the rest of its line stays."""
    assert [text[s.start:s.end] for s in boilerplate_spans(text)] == [credit]


@pytest.mark.parametrize(("text", "label"), [
    ("Updated at 6:08 pm — Romney spokesman Rick Gorka had an exchange with reporters on the "
     "Romney plane Monday did little to shed much light on the candidate's views.",
     "Updated at 6:08 pm — "),
    ("UPDATED 8:28 p.m. ET: GlobalPost CEO Philip Balboni released a statement Tuesday about "
     "the video that purports to show the beheading.", "UPDATED 8:28 p.m. ET: "),
    ("Update 2:13 PM: The diagnostic port will not be included on the watch that ships to "
     "consumers, the company said.", "Update 2:13 PM: "),
])
def test_a_live_blog_update_label_is_cut_off_the_update(text: str, label: str) -> None:
    """A live-blog stamp opening a paragraph (news_claims, FNC-1 bodies) is
    furniture; the update after it stays a sentence, its offsets true."""
    from compare.models import Document, SourceMeta
    from compare.segment import segment

    spans = tuple(boilerplate_spans(text))
    assert [text[s.start:s.end] for s in spans] == [label]
    sentences = segment(Document(SourceMeta("d"), "d.txt", text, spans)).sentences
    assert [s.text for s in sentences] == [text[len(label):]]
    assert sentences[0].start == len(label)


def test_a_title_in_capitals_stays_the_title_and_later_capitals_are_furniture(tmp_path) -> None:
    """A first line in capitals is the article's title; a related headline in
    capitals between paragraphs (Fox News's links) is furniture, not a claim."""
    (tmp_path / "a.txt").write_text(
        "PUTIN'S REGIME IS CRUMBLING, SAYS ANALYST\n\nThe regime is weaker than it "
        "looks, an analyst in Kyiv said on Monday.\n\nDEMS CALL COHEN GUILTY PLEA 'GAME "
        "CHANGER,' CALL FOR POSTPONING KAVANAUGH HEARINGS\n\nThe vote is set for Friday.\n",
        encoding="utf-8")
    document = read_corpus(tmp_path).documents[0]
    assert document.meta.title == "PUTIN'S REGIME IS CRUMBLING, SAYS ANALYST"
    marked = [document.text[s.start:s.end] for s in document.boilerplate]
    assert marked == ["DEMS CALL COHEN GUILTY PLEA 'GAME CHANGER,' CALL FOR POSTPONING "
                      "KAVANAUGH HEARINGS"]


def test_malformed_html_still_yields_its_text(test_corpus) -> None:
    """Unclosed tags do not lose the article's paragraphs."""
    text = _by_id(test_corpus)["malformed"].text
    assert "reopened on Saturday" in text and "lower rents" in text


def test_pdf_text_layer_and_metadata_are_read(test_corpus) -> None:
    """A PDF with a text layer gives its text and its title/author metadata."""
    pdf = _by_id(test_corpus)["article"]
    assert "raise prices by six per cent" in " ".join(pdf.text.split())
    assert (pdf.meta.title, pdf.meta.author) == ("Water prices to rise", "Erik Lund")


def test_jsonl_lines_become_documents_whose_offsets_index_the_line_text(test_corpus) -> None:
    """Each JSONL object is a document: its text is the object's text field,
    its metadata the object's keys (declared, not inferred)."""
    lines = (CORPUS / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    wind = _by_id(test_corpus)["wind-farm"]
    assert wind.text == json.loads(lines[0])["text"]
    assert wind.path.endswith("articles.jsonl#1")
    assert (wind.meta.outlet, wind.meta.author, wind.meta.published) == (
        "Energy Wire", "Lea Park", "2024-02-10")
    assert wind.meta.inferred == ("language",)
    school = _by_id(test_corpus)["articles-5"]
    assert school.text.startswith("A school in the eastern district")
    assert (school.meta.title, school.meta.outlet) == (
        "Science wing for eastern school", "Valley Post")


def test_markdown_front_matter_is_metadata_and_boilerplate(test_corpus) -> None:
    """Front matter stays in the text (offsets stay true) but is boilerplate,
    and its keys are declared metadata."""
    doc = _by_id(test_corpus)["frontmatter"]
    assert doc.text == (CORPUS / "frontmatter.md").read_text(encoding="utf-8")
    assert doc.boilerplate[0].start == 0 and "outlet:" not in _content(doc)
    assert (doc.meta.author, doc.meta.outlet, doc.meta.published) == (
        "Jonas Holm", "Coastal Ledger", "2024-05-02")
    assert "author" not in doc.meta.inferred
    assert "newsletter" not in _content(doc)


def test_plain_text_furniture_is_marked(test_corpus) -> None:
    """Dateline, photo credit, share row, read-also link, pitch, bio,
    disclaimer and comment widget are boilerplate; the report is content."""
    doc = _by_id(test_corpus)["northfield-bridge"]
    content = _content(doc)
    for furniture in ("09:15", "City Archive", "Telegram", "Read also", "HELP US",
                      "rely on our readers", "About the author", "do not always share",
                      "Add a comment", ":lol:", "correct answer"):
        assert furniture not in content, furniture
    assert "postpone the repair of the Mill Street bridge" in content
    assert "regional grant is confirmed" in content


# Encodings ---------------------------------------------------------------------------


def test_legacy_and_unicode_encodings_decode_to_clean_text(test_corpus) -> None:
    """cp1251 Russian, UTF-16 with BOM and UTF-8 with BOM decode exactly."""
    docs = _by_id(test_corpus)
    assert docs["cp1251_ru"].text.startswith("Городской совет Нортфилда")
    assert docs["cp1251_ru"].meta.language == "ru"
    assert docs["utf16"].text.startswith("Ferry timetable changes")
    assert docs["bom"].text.startswith("Cycle lanes")  # BOM not part of the text
    assert "Читайте также" not in _content(docs["cp1251_ru"])


def test_mojibake_is_repaired_and_said(test_corpus) -> None:
    """UTF-8 read as cp1252 and saved again is repaired, with a warning."""
    doc = _by_id(test_corpus)["mojibake_uk"]
    assert doc.text.startswith("Порт Вестгейвена")
    assert "Ð" not in doc.text and doc.meta.language == "uk"
    _warning(test_corpus, "mojibake_uk.txt", "repaired")


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-16-le", "Plain English text saved by a Windows tool without a byte order mark."),
        ("cp1251", "Уряд оголосив нові правила для перевізників, які набудуть чинності влітку."),
        ("koi8-r", "Правительство объявило новые правила для перевозчиков с лета этого года."),
    ],
)
def test_encodings_without_a_bom_are_detected(tmp_path: Path, encoding: str, text: str) -> None:
    """BOM-less UTF-16 and legacy Cyrillic code pages decode to the original text."""
    path = tmp_path / "article.txt"
    path.write_bytes(((text + "\n") * 3).encode(encoding))
    assert read_document(path).text == (text + "\n") * 3


# Bad input ---------------------------------------------------------------------------


def test_unreadable_files_become_warnings_naming_them(test_corpus) -> None:
    """Empty file, PDF without text, HTML without an article, bad JSONL lines:
    each is a warning naming the file (and line), the rest of the corpus works."""
    _warning(test_corpus, "empty.txt", "is empty")
    _warning(test_corpus, "scan.pdf", "without a text layer", "OCR")
    _warning(test_corpus, "nobody.html", "no article text")
    _warning(test_corpus, "articles.jsonl:3", "not valid JSON")
    _warning(test_corpus, "articles.jsonl:4", "no article text")


def test_a_duplicate_article_is_kept_once_and_both_files_are_named(test_corpus) -> None:
    """The same text twice: one source (the one with sidecar metadata), one warning."""
    warning = _warning(test_corpus, "duplicate.txt", "same text as")
    assert "plain.txt" in warning
    assert "duplicate" not in _by_id(test_corpus)


def test_a_binary_file_renamed_txt_is_refused(tmp_path: Path) -> None:
    """Image bytes saved as .txt are named as binary, not decoded into garbage."""
    fake = tmp_path / "photo.txt"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    (tmp_path / "good.txt").write_text("A real article sentence about the harbour. " * 5)
    corpus = read_corpus(tmp_path)
    assert "binary" in _warning(corpus, "photo.txt")
    assert [d.meta.id for d in corpus.documents] == ["good"]


def test_a_huge_file_is_refused_by_size_without_reading_it(tmp_path: Path, monkeypatch) -> None:
    """A 200 MB (sparse) file is refused from its size alone; it is never opened."""
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(200 * 2**20)
    real_open = Path.open

    def guarded_open(self: Path, *args, **kwargs):
        assert self.name != "huge.txt", "the huge file was opened"
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    with pytest.raises(InputFileError, match=r"huge.txt: is 200 MB, above the 20 MB limit"):
        read_document(huge)
    assert huge.stat().st_size > MAX_FILE_BYTES


def test_a_file_without_read_permission_is_a_warning(tmp_path: Path, monkeypatch) -> None:
    """Permission denied names the file and the chmod fix (simulated: tests run as root)."""
    (tmp_path / "locked.txt").write_text("Some article text about the river. " * 5)
    (tmp_path / "open.txt").write_text("Another article text about the harbour. " * 5)
    real_open = os.open

    def denying_open(path, *args, **kwargs):
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denying_open)
    corpus = read_corpus(tmp_path)
    assert "chmod" in _warning(corpus, "locked.txt", "permission denied")
    assert [d.meta.id for d in corpus.documents] == ["open"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file; simulated above")
def test_a_really_unreadable_file_is_a_warning(tmp_path: Path) -> None:
    """chmod 000 on a real file gives the permission warning."""
    locked = tmp_path / "locked.txt"
    locked.write_text("Some article text about the river. " * 5)
    (tmp_path / "open.txt").write_text("Another article text about the harbour. " * 5)
    locked.chmod(0)
    _warning(read_corpus(tmp_path), "locked.txt", "permission denied")


def test_a_missing_or_empty_folder_is_one_clear_error(tmp_path: Path) -> None:
    """No folder, or a folder of unreadable files, raises CorpusError naming it."""
    with pytest.raises(CorpusError, match="no such folder"):
        read_corpus(tmp_path / "nowhere")
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(CorpusError, match=r"no readable articles \(1 unreadable"):
        read_corpus(tmp_path)


def test_malformed_toml_names_the_file_and_line(tmp_path: Path) -> None:
    """A broken sources.toml is a CorpusError with the file and the line number."""
    (tmp_path / "a.txt").write_text("An article about the town hall and its new roof. " * 3)
    (tmp_path / "sources.toml").write_text('[[source]]\nfile = "a.txt\n')
    with pytest.raises(CorpusError, match=r"sources.toml: not valid TOML .*line 2"):
        read_corpus(tmp_path)


def test_a_sidecar_entry_for_a_missing_file_is_a_warning(tmp_path: Path) -> None:
    """An entry naming no file of the corpus is reported, not silently ignored."""
    (tmp_path / "a.txt").write_text("An article about the town hall and its new roof. " * 3)
    (tmp_path / "sources.toml").write_text('[[source]]\nfile = "gone.txt"\nid = "gone"\n')
    _warning(read_corpus(tmp_path), "gone.txt", "names no file")


# Cache and parallel ingest ----------------------------------------------------------------


def test_a_second_read_comes_from_the_cache_until_the_file_changes(
    tmp_path: Path, monkeypatch
) -> None:
    """Unchanged files are not parsed again; an edited file is."""
    article = tmp_path / "a.txt"
    article.write_text("The first version of an article about the ferry timetable. " * 3)
    read_corpus(tmp_path)
    calls: list[str] = []
    real_parse = ingest.parse_bytes
    monkeypatch.setattr(ingest, "parse_bytes", lambda p, raw: calls.append(p.name)
                        or real_parse(p, raw))
    assert read_corpus(tmp_path).documents[0].text.startswith("The first version")
    assert calls == []
    article.write_text("The second version of an article about the ferry timetable. " * 3)
    assert read_corpus(tmp_path).documents[0].text.startswith("The second version")
    assert calls == ["a.txt"]


def test_the_process_pool_gives_the_same_corpus(monkeypatch) -> None:
    """Parallel ingest (used for large corpora) returns what sequential ingest does."""
    sequential = read_corpus(CORPUS)
    monkeypatch.setenv("COMPARE_CACHE_DIR", "off")
    monkeypatch.setattr(ingest, "INGEST_PARALLEL_MIN_DOCUMENTS", 2)
    parallel = read_corpus(CORPUS)
    assert parallel.documents == sequential.documents
    assert parallel.warnings == sequential.warnings


# Boilerplate patterns and language, beyond the seeds -----------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Like this story? Subscribe to our newsletter.",
        "Sign up for our daily newsletter",
        "The Daily Example is an independent, non-profit news website.",
        "Read more: Council approves the new budget",
        "Share on Facebook | Twitter | WhatsApp",
        "By Jane Doe",
        "Jane Doe is a senior fellow at the Example Institute.",
        "The views expressed in this article are those of the author.",
        "This article was originally published on Example News.",
        "© 2023 Example Media. All rights reserved.",
        "Photo: Reuters",
        "March 3, 2024 | World",
        "Source: Reuters",
        "12 comments",
        "Enlarge this image toggle caption Jeff Vinnick /Getty Images Jeff Vinnick /Getty Images",
        "CORRECTION: A previous version of this story misspelled Sri Srinivasan's name.",
        "CLARIFICATION: This story has been updated near the end of the story to reflect that "
        "the announcement was made on Wednesday.",
        # a caption, its credit after a pipe, the section and the headline (Politico)
        "Iranian Foreign Minister Mohammad Javad Zarif. | Pavel Golovkin/AP Photo defense "
        "Iran's foreign minister threatens 'all-out war' in response to potential military strike",
        "The court will determine the constitutionality of DOMA, which was signed into law in "
        "1996. | REUTERS DOMA on shaky ground in court",
        # a caption ending with its agency credit, however long
        "Senate Majority Leader Mitch McConnell, R-Ky., smiles after vote on a hard-won budget "
        "deal that would permit the government to resume borrowing to pay all of its "
        "obligations and would remove the prospect of a government shutdown in October, at the "
        "Capitol in Washington, Thursday, Aug. 1, 2019. (AP Photo/J. Scott Applewhite)",
        # newsletter boxes and the report's own credits
        "Get the Monitor Stories you care about delivered to your inbox. By signing up, you "
        "agree to our Privacy Policy",
        "Sign up for Daily Newsletters Manage Newsletters",
        "You can unsubscribe at any time. This site is protected by reCAPTCHA and the Google "
        "Privacy Policy and Terms of Service apply.",
        "CNN's Mallika Kapur, Sumnima Udas and Tim Hume contributed to this report.",
        "• This article is based in part on wire service reports.",
        "Story Continued Below",
        # a video player's blurb glued to its button label (USA TODAY)
        "CLOSE Roger Ailes may be remembered for founding Fox News and the sexual harassment "
        "allegations that later led to his ouster. But his 50-year career had many other "
        "milestones. ███",
        "-- Updated at 4:20 pm ET. See end of post --",
        "- Check out the CNN Electoral Map and Calculator and game out your own strategy",
        "Follow @politicalticker",
        "Vox's Anna North has more on decoding the vague language Kavanaugh could use to "
        "obscure his position during the hearing.",
        "Update at 10:30 a.m. ET.",
        "See: Stock-market benchmarks surge to new records as investors ride optimism of "
        "U.S.-China trade accord.",
        "More On This...",
        "ABOVE: News Channel Coverage of the Nikki Haley Announcement",
        "Subscribe on your Google or Apple calendar.",
        "DEMS CALL COHEN GUILTY PLEA 'GAME CHANGER,' CALL FOR POSTPONING KAVANAUGH HEARINGS",
        # a related headline with its link label (The Guardian), an audio player's line
        # (NPR) and a podcast pitch (AP)
        "CDC banned words include 'diversity ', 'transgender ' and 'fetus ' – report Read more",
        "On 'Morning Edition ': Sen. Patty Murray speaks with Steve Inskeep Listen · 5:01 5:01",
        "On 'Morning Edition ': NPR's Tamara Keith reports on the budget deal Listen",
        "Visit NBCNews.com for breaking news, world news, and news about the economy",
        "Catch up on the 2020 election campaign with AP experts on our weekly politics "
        "podcast, \"Ground Game.\"",
        # hat tips, social and contact lines, rules, "click here" promos, related links in
        # brackets and dated update stamps (FNC-1 bodies of the fit stories)
        "H/T: Quartz",
        "(h/t to Chad Reno)",
        "Like Us On Facebook |   Follow Us On Twitter |   Contact The Author",
        "Email: Paul.Bond@THR.com",
        "=-=-=-=-=-=-=-=-=-=-=",
        "On a mobile device? Click here to watch the video.",
        "Watch The Situation Room with Wolf Blitzer weekdays at 4pm to 6pm ET and Saturdays at "
        "6pm ET. For the latest from The Situation Room click here.",
        "[ Related: 12 Heartwarming Viral Stories! ]",
        "SEE ALL RELATED",
        "Last updated Sat 24 Jan 2015",
        "Updated Dec. 31, 2014 11:30 a.m. EST.",
        # a caption after its credit (MarketWatch)
        "Getty Images Trucks line up near the border fence to cross to the United States at "
        "Otay Commercial port of entry in Tijuana, Baja California state, Mexico, on Dec. 10, "
        "2019.",
    ],
)
def test_general_boilerplate_shapes_are_marked(line: str) -> None:
    """Furniture as any news site writes it (not seed sentences) is marked whole."""
    text = f"A first paragraph of real reporting about the election.\n{line}\nMore reporting."
    spans = boilerplate_spans(text)
    start = text.index(line)
    assert any(s.start <= start and start + len(line) <= s.end for s in spans), spans


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("WASHINGTON (AP) — A hard-won budget and debt deal easily cleared the Senate.",
         "WASHINGTON (AP) — "),
        ("DUBAI, United Arab Emirates (AP) — Iran's foreign minister warned on Thursday.",
         "DUBAI, United Arab Emirates (AP) — "),
        ("(CNN) The Senate passed Thursday a massive budget deal.", "(CNN) "),
        ("The first line.\n\nThe second line.\n\nThe third.\n\nWashington (CNN) House "
         "Speaker Paul Ryan is not seeking re-election.", "Washington (CNN) "),
        ("Budget deal clears the Senate\n\nNEW DELHI (AP) — Opposition leader Narendra Modi "
         "will be India's next prime minister.", "NEW DELHI (AP) — "),
        ("NATO — the alliance of 30 countries — met in Brussels on Tuesday.", None),
        ("U.S. — Officials said on Monday that the talks had failed.", None),
        ("The talks went on.\n\nThe envoy left.\n\nThen a third line.\n\nCAIRO — A fourth.", None),
    ],
)
def test_a_dateline_opening_an_article_is_not_part_of_its_sentence(
    text: str, dateline: str | None
) -> None:
    """A dateline ("WASHINGTON (AP) — ") in an article's first lines, or one with
    the agency in brackets on any line, is cut off the sentence it opens; an
    acronym before a dash, or a bare dash further down, stays."""
    from compare.models import Document, SourceMeta
    from compare.segment import segment

    spans = tuple(boilerplate_spans(text))
    first = segment(Document(SourceMeta("doc"), "doc.txt", text, spans)).sentences
    if dateline is None:
        assert spans == ()
    else:
        assert [text[s.start:s.end] for s in spans] == [dateline]
        opening = next(s for s in first if s.start >= text.index(dateline))
        assert text[opening.start:].startswith(text[text.index(dateline) + len(dateline):][:20])


@pytest.mark.parametrize(
    "line",
    [
        "Several EU members subscribe to the view that sanctions are working.",
        "Germany will donate ten more air-defence systems, the minister said.",
        "\"You must support us now,\" Zelensky told the parliament in a video address.",
        "The professor is a critic of the government, the newspaper reported.",
        "The editors of the report said the data do not support the claim.",
        "On 12 March 2024, 09:15, the first missiles struck the port of Odesa.",
        "The museum plans to enlarge this image of the city for its new exhibition.",
        "The correction: prices fell 3 percent in March, the agency said.",
        "Voters chose between the two parties | the polls closed at 8 p.m. in the east.",
        "Three federal agencies contributed to this report on the flooding, the inspector said.",
        "More than 2 million readers signed up for the newsletter after the election.",
        "Voters can sign up to vote early at the county office until Friday.",
        "The photo agency Reuters (Reuters) said it would appeal the ruling.",
        "GORKA: “The governor believes the states have the rights to craft their own laws.",
        "See the full text of the bill on the committee's website.",
        "Update your browser to see the map of where the fire has spread since Sunday.",
        "Close to 200 people attended the funeral of the former senator on Saturday.",
        "CLOSE-UP photographs of the crater were released by the agency on Monday.",
        "Those who want the details of the plan can read more on the county's website.",
        "He told reporters to read more",
        "Listen to the debate, the governor said, and then vote on Tuesday.",
        "The senator said she listens to a political podcast every morning.",
        "Getty Images said on Monday it would sell the photo archive of the newspaper.",
        "It now emerges the teacher in the video isn't Sandoval (pictured), but an entirely "
        "different woman from the city of Corrientes.",
        "The update was released on Monday, and the e-mail went to 400 staff.",
        "Visitors to the site said the museum was closed on Monday.",
    ],
)
def test_content_sentences_with_furniture_words_are_not_marked(line: str) -> None:
    """Words that pitches use ("subscribe", "donate", "support us") in reporting stay content."""
    assert boilerplate_spans(line) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council voted on the bridge and the mayor said that it was late.", "en"),
        ("Городской совет проголосовал, и это не то, что мэр обещал на встрече.", "ru"),
        ("Міська рада проголосувала, але це не те, що мер обіцяв, і він також мовчить.", "uk"),
        ("Der Rat hat entschieden, und die Brücke ist nicht mit dem Geld von der Stadt.", "de"),
        ("O governo anunciou hoje novas medidas para a economia do país.", "pt"),
        ("Rząd ogłosił dziś nowe środki dla gospodarki kraju.", "pl"),
        ("De regering heeft vandaag nieuwe maatregelen aangekondigd voor de economie.", "nl"),
        ("Уряд оголосив нові заходи.", "uk"),  # short Ukrainian: no function word in it
        ("Bridge. Council. Mayor. Repair.", None),
        ("Kyiv. Kursk.", None),
    ],
)
def test_language_is_identified(text: str, expected: str | None) -> None:
    """py3langid names the language, Portuguese, Polish, Dutch and short Ukrainian
    included; a list of names or headings gives no guess."""
    assert detect_language(text) == expected


def test_lost_characters_alone_do_not_condemn_an_article(tmp_path: Path) -> None:
    """Replacement marks (an emoji lost upstream) are not mojibake: the text is kept as is."""
    text = "The video has not aired yet \ufffd\ufffd but the company confirmed the recall. " * 3
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    corpus = read_corpus(tmp_path)
    assert corpus.documents[0].text == text and corpus.warnings == ()


def test_a_folder_of_thousands_of_files_is_read_in_parallel(tmp_path: Path) -> None:
    """1,200 articles (a few of them bad) go through the process pool: every good
    one is read, each bad one is named, in file order."""
    for number in range(1200):
        body = f"Report {number} on the harbour works, written by the port office. " * 4
        (tmp_path / f"{number:04d}.txt").write_text(body, encoding="utf-8")
    for bad in ("0007.txt", "0500.txt", "1199.txt"):
        (tmp_path / bad).write_bytes(b"")
    corpus = read_corpus(tmp_path)
    assert len(corpus.documents) == 1197
    assert [w.split(":")[0].rsplit("/", 1)[-1] for w in corpus.warnings] == [
        "0007.txt", "0500.txt", "1199.txt"]
    assert corpus.documents[0].meta.id == "0000" and corpus.documents[-1].meta.id == "1198"


def test_documents_in_unsupported_formats_are_named(tmp_path: Path) -> None:
    """A .docx or .json in the corpus is a warning with the fix, not silence."""
    (tmp_path / "a.txt").write_text("An article about the town hall and its new roof. " * 3)
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "dump.json").write_text("[]")
    corpus = read_corpus(tmp_path)
    assert "save it as .txt" in _warning(corpus, "notes.docx")
    assert "rename it to .jsonl" in _warning(corpus, "dump.json")


def test_read_document_raises_the_files_own_problem(tmp_path: Path) -> None:
    """A single unreadable file raises InputFileError with its problem and fix."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputFileError, match=r"empty.txt: is empty; remove it"):
        read_document(empty)


@pytest.mark.parametrize(
    ("dateline", "expected"),
    [
        ("8 Jan. 2025", "2025-01-08"),
        ("Jan. 8, 2025", "2025-01-08"),
        ("08.01.2025", "2025-01-08"),
        ("2025-01-08T10:00", "2025-01-08"),
        ("March 2024", "2024-03"),
        ("Published on January 8th, 2025 by the desk", "2025-01-08"),
        ("8 января 2025", "2025-01-08"),
        ("Kursk 2024", None),
        ("13.13.2025", None),
    ],
)
def test_datelines_are_read_by_dateparser(tmp_path: Path, dateline: str,
                                          expected: str | None) -> None:
    """A dateline in any of these shapes becomes the article's ISO date (or month)."""
    (tmp_path / "a.txt").write_text(
        f"Harbour cranes to run on shore power\n{dateline}\n\nThe port authority of "
        "Westhaven will connect all six cranes to the city grid by next year.\n", "utf-8")
    assert read_corpus(tmp_path).documents[0].meta.published == expected


def test_front_matter_keeps_lists_of_authors_and_reads_dates(tmp_path: Path) -> None:
    """YAML front matter: a list of authors is kept (and splits back into the same
    BibTeX names), a written-out date becomes ISO, TOML front matter still works."""
    (tmp_path / "yaml.md").write_text(
        "---\ntitle: Cranes\nauthors:\n  - Jonas Holm\n  - Ada Berg\n  - Li Wei\n"
        "date: Jan. 8, 2025\n---\nThe port authority of Westhaven will connect all six "
        "cranes to the city grid by next year.\n", "utf-8")
    (tmp_path / "toml.md").write_text(
        '+++\ntitle = "Ferries"\nauthor = ["Ada Berg", "Li Wei"]\ndate = 2024-05-02\n+++\n'
        "The ferry company will replace two diesel boats with electric ones next spring.\n",
        "utf-8")
    metas = {d.meta.id: d.meta for d in read_corpus(tmp_path).documents}
    assert metas["yaml"].author == "Jonas Holm, Ada Berg and Li Wei"
    assert metas["yaml"].published == "2025-01-08" and metas["yaml"].title == "Cranes"
    assert (metas["toml"].author, metas["toml"].published) == ("Ada Berg and Li Wei",
                                                              "2024-05-02")
    from compare.render import split_authors

    assert split_authors(metas["yaml"].author) == ["Jonas Holm", "Ada Berg", "Li Wei"]
