"""Hostile and broken input (issue 15): each case ends in one clear line, the
documented exit code and no traceback; nothing is written outside the output
path and nothing is read outside the corpus folder.

Every corpus here is built in a tmp folder from the seed articles (real text)
or the test corpus; downloads come from a local server on 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import logging
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import tomllib
from click.testing import CliRunner

from compare import _cache, _fetch, embedding
from compare.cli import cli
from compare.errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    CompareError,
    InputFileError,
)
from compare.ingest import read_corpus
from compare.models import Topic
from compare.pipeline import resolve_topic
from compare.render import write_all
from compare.segment import segment_all
from compare.settings import TOPIC_ID_MAX_CHARS

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
CORPUS = Path(__file__).parent / "corpus"
#: The console script of this environment: the real entry path, imports included.
COMPARE = Path(sys.executable).with_name("compare")


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch) -> Path:
    """Each test its own cache, so a damaged one never leaks into another test."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the seed corpus (five articles, both sidecars) in a tmp folder."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    return folder


def _invoke(*args: str) -> object:
    """Run the CLI in-process; an exception escaping it fails the test (no traceback)."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def _one_line(result_stderr: str, *needles: str) -> str:
    """The single non-empty stderr line, which must hold every needle."""
    lines = [line for line in result_stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result_stderr
    assert "Traceback" not in result_stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes (symlinks not followed)."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() and not p.is_symlink()
                                         else b"<not a file>")
            for p in sorted(folder.rglob("*")) if not p.is_dir() or p.is_symlink()}


def _compare(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    """The console script in a child process (for signals, pipes and hangs)."""
    return subprocess.run([str(COMPARE), *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, **kwargs)


# 1. topic ids never become paths ------------------------------------------------


@pytest.mark.parametrize("make_id", [
    lambda victim: str(victim / "notes"), lambda victim: "../notes", lambda victim: "a/../../notes",
])
def test_a_topic_id_that_is_a_path_is_refused_before_anything_is_written(
    corpus: Path, tmp_path: Path, make_id
) -> None:
    """An id like '/abs/victim/notes' or '../notes' in topics.toml is an error naming the
    file; the victim file and everything else outside the output stay as they were."""
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "notes.json").write_text("my own notes\n")
    (tmp_path / "notes.json").write_text("my other notes\n")
    ident = make_id(victim)
    (corpus / "topics.toml").write_text(
        f'[[topic]]\nid = "{ident}"\ntitle = "Kursk as a negotiating card"\n'
        'terms = ["negotiations"]\n', encoding="utf-8")
    before = _tree(tmp_path)
    result = _invoke("brief", "--all", "--corpus", corpus, "--format", "json",
                     "-o", tmp_path / "out" / "reports")
    assert result.exit_code == EXIT_USAGE
    _one_line(result.stderr, str(corpus / "topics.toml"), "slug", "fix the file")
    assert _tree(tmp_path) == before


def test_a_library_caller_cannot_write_outside_the_folder_either(tmp_path: Path) -> None:
    """write_all refuses a Topic whose id is a path, even one never read from a codebook."""
    from compare.models import Briefing

    briefing = Briefing(topic=Topic(id="../escaped", title="t", question="q"), sources=(),
                        groups=(), corpus=str(tmp_path), generated="2025-01-01", version="x")
    with pytest.raises(CompareError, match="not a file name"):
        write_all([briefing], ["json"], tmp_path / "out")
    assert not (tmp_path / "escaped.json").exists()
    fine = Briefing(topic=Topic(id="fine", title="t", question="q"), sources=(), groups=(),
                    corpus=str(tmp_path), generated="2025-01-01", version="x")
    with pytest.raises(CompareError, match="not a file name"):
        write_all([fine, briefing], ["json"], tmp_path / "out")
    assert not (tmp_path / "out").exists()  # not even the good one: the set is refused whole


# 2. symlinks out of the corpus ---------------------------------------------------


def test_a_link_out_of_the_corpus_is_skipped_with_a_warning(corpus: Path, tmp_path: Path) -> None:
    """A link to a file outside the folder is named in a warning and never read; a link
    to a file inside the folder is read like the file."""
    outside = tmp_path / "private" / "passwd.txt"
    outside.parent.mkdir()
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n" * 40, encoding="utf-8")
    (corpus / "p.txt").symlink_to(outside)
    (corpus / "inside.txt").symlink_to(corpus / "000_93a67479786ea94b.txt")
    result = _invoke("sources", "--corpus", corpus)
    assert result.exit_code == EXIT_PARTIAL
    assert "root:x" not in result.output + result.stderr
    warnings = [line for line in result.stderr.splitlines() if "p.txt" in line]
    assert len(warnings) == 1 and "outside the corpus folder" in warnings[0], result.stderr
    documents = read_corpus(corpus).documents
    assert not any("root:x" in d.text for d in documents)
    assert len(documents) == 5  # inside.txt is the same text as 000: a duplicate, kept once


def test_a_loop_of_links_is_skipped_with_a_warning(corpus: Path) -> None:
    """a.txt -> b.txt -> a.txt in the corpus: each named in a warning, no traceback."""
    (corpus / "a.txt").symlink_to("b.txt")
    (corpus / "b.txt").symlink_to("a.txt")
    result = _invoke("sources", "--corpus", corpus)
    assert result.exit_code == EXIT_PARTIAL
    for name in ("a.txt", "b.txt"):
        [warning] = [line for line in result.stderr.splitlines() if f"/{name}:" in line]
        assert "leads back to itself" in warning
    assert len(read_corpus(corpus).documents) == 5


def test_a_sidecar_linked_from_outside_is_refused(corpus: Path, tmp_path: Path) -> None:
    """topics.toml as a link out of the folder: exit 2, one line naming it."""
    outside = tmp_path / "elsewhere.toml"
    outside.write_bytes((corpus / "topics.toml").read_bytes())
    (corpus / "topics.toml").unlink()
    (corpus / "topics.toml").symlink_to(outside)
    result = _invoke("topics", "--corpus", corpus)
    assert result.exit_code == EXIT_USAGE
    _one_line(result.stderr, "topics.toml", "outside the corpus folder")


# 3. compare add keeps the usual file modes ----------------------------------------


def test_added_files_and_sources_toml_are_readable_by_others(tmp_path: Path) -> None:
    """Under umask 022 both the copied article and sources.toml are 0644, not mkstemp's 0600."""
    previous = os.umask(0o022)
    try:
        result = _invoke("add", CORPUS / "plain.txt", "--corpus", tmp_path)
    finally:
        os.umask(previous)
    assert result.exit_code == EXIT_OK, result.output
    for name in ("plain.txt", "sources.toml"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o644, name


# 4 and 12. downloads: one deadline, http(s) only, no traceback ---------------------


class _Hostile(http.server.BaseHTTPRequestHandler):
    """A trickling body, endless headers (fast and slow) and a redirect to ftp://."""

    def do_GET(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer()

    def _answer(self) -> None:
        if self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(600):  # 1 byte every 0.05 s: each read succeeds, none ends
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        elif self.path in ("/endless-headers", "/slow-headers"):
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for number in range(600):
                self.wfile.write(f"X-Header-{number}: more\r\n".encode())
                self.wfile.flush()
                if self.path == "/slow-headers":
                    time.sleep(0.05)
        elif self.path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1:9/article.txt")
            self.send_header("Content-Length", "0")
            self.end_headers()

    def log_message(self, *args) -> None:
        """Keep test output clean."""


@pytest.fixture(scope="module")
def hostile_server() -> Iterator[str]:
    """The hostile server on 127.0.0.1 (the only host these tests download from)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("path", ["/trickle", "/slow-headers"])
def test_a_trickling_server_cannot_hold_the_download(hostile_server: str, path: str) -> None:
    """The timeout bounds the whole download, not each read: 1 s means about 1 s."""
    started = time.monotonic()
    with pytest.raises(InputFileError, match=r"no answer within 1 s"):
        _fetch.fetch(hostile_server + path, timeout=1)
    assert time.monotonic() - started < 3


def test_add_gives_up_on_a_trickle_with_one_line(
    hostile_server: str, tmp_path: Path, monkeypatch
) -> None:
    """`compare add` against a trickling server: exit 2, one line, nothing added."""
    monkeypatch.setattr(_fetch, "FETCH_TIMEOUT_SECONDS", 1)
    result = _invoke("add", hostile_server + "/trickle", "--corpus", tmp_path / "c")
    assert result.exit_code == EXIT_USAGE
    _one_line(result.stderr, "/trickle", "no answer within 1 s")
    assert list((tmp_path / "c").iterdir()) == []


@pytest.mark.parametrize(("url", "needle"), [
    ("/endless-headers", "malformed answer"),
    ("/to-ftp", "ftp://127.0.0.1:9/article.txt, which is not an http(s) address"),
    ("http://[::1", "is not a valid address"),
])
def test_bad_addresses_and_answers_are_one_line(
    hostile_server: str, tmp_path: Path, url: str, needle: str
) -> None:
    """Endless headers, a redirect to ftp:// and a malformed address: exit 2, one line."""
    full = url if url.startswith("http") else hostile_server + url
    result = _invoke("add", full, "--corpus", tmp_path / "c")
    assert result.exit_code == EXIT_USAGE
    _one_line(result.stderr, full, needle)
    assert list((tmp_path / "c").iterdir()) == []


# 5. FIFOs and other non-regular files ---------------------------------------------


def test_a_fifo_in_the_corpus_is_skipped_not_waited_on(corpus: Path) -> None:
    """A named pipe called like an article is named in a warning; the run ends at once."""
    os.mkfifo(corpus / "pipe.txt")
    finished = _compare("sources", "--corpus", corpus, timeout=60)
    assert finished.returncode == EXIT_PARTIAL, finished.stderr
    assert "Traceback" not in finished.stderr
    assert "pipe.txt: is not a regular file" in finished.stderr
    assert "kaspruk-2024" in finished.stdout


def test_a_fifo_given_to_add_or_audit_is_refused(tmp_path: Path) -> None:
    """`compare add` and `compare audit` on a pipe: one line each, no wait for a writer."""
    os.mkfifo(tmp_path / "pipe.txt")
    added = _compare("add", tmp_path / "pipe.txt", "--corpus", tmp_path / "c", timeout=60)
    assert added.returncode == EXIT_USAGE
    _one_line(added.stderr, "pipe.txt", "not a regular file")
    audited = _compare("audit", tmp_path / "pipe.txt", timeout=60)
    assert audited.returncode == EXIT_USAGE
    _one_line(audited.stderr, "pipe.txt", "not a regular file")


# 6. damaged caches -----------------------------------------------------------------


def _entries(cache: Path, namespace: str) -> list[Path]:
    return sorted((cache / namespace).rglob("*.json"))


@pytest.mark.parametrize("garbage", [
    "[]", "{}", "7", '[{"text": 5}]', '[{"unexpected": "keys"}]',
    '[{"text": "short", "origin": "file", "boilerplate": [[0, 999]], "meta": {},'
    ' "content_hash": "x"}]',
])
def test_cache_entries_of_the_wrong_shape_are_parsed_again(
    corpus: Path, private_cache: Path, garbage: str
) -> None:
    """Valid JSON of another shape in the parse and segment caches: the run reads the
    files again and gets what a fresh run gets."""
    fresh = read_corpus(corpus)
    fresh_layout = segment_all(fresh.documents)
    for namespace in ("ingest", "segment"):
        entries = _entries(private_cache, namespace)
        assert entries, namespace
        for entry in entries:
            entry.write_text(garbage, encoding="utf-8")
    again = read_corpus(corpus)
    assert again.documents == fresh.documents
    assert segment_all(again.documents) == fresh_layout


def test_vectors_of_the_wrong_length_are_embedded_again(private_cache: Path) -> None:
    """A stored blob of the wrong length is ignored: the vector comes out right."""
    texts = ["Ukraine's forces entered the Kursk region in August 2024.",
             "The talks may resume next spring."]
    embedding._Store.in_folder.cache_clear()
    expected = embedding.embed(texts)
    db = sqlite3.connect(private_cache / "embeddings.sqlite3")
    with db:
        db.execute("UPDATE vectors SET vec = ?", (b"\x00\x01\x02",))
    db.close()
    embedding._Store.in_folder.cache_clear()
    assert np.allclose(embedding.embed(texts), expected, atol=1e-6)


def test_a_damaged_embedding_database_is_rebuilt_with_a_warning(
    private_cache: Path, caplog
) -> None:
    """Random bytes in embeddings.sqlite3: a warning names it, and a new database holds
    the vectors, so the next run is warm again instead of silently cold for ever."""
    path = private_cache / "embeddings.sqlite3"
    path.write_bytes(os.urandom(8192))
    embedding._Store.in_folder.cache_clear()
    texts = ["Ukraine's forces entered the Kursk region in August 2024."]
    with caplog.at_level(logging.WARNING, logger="compare"):
        vectors = embedding.embed(texts)
    assert vectors.shape == (1, embedding.DIMENSIONS)
    warning, = [r.getMessage() for r in caplog.records if "embedding cache" in r.getMessage()]
    assert str(path) in warning and "started a new one" in warning
    rows = sqlite3.connect(path).execute("SELECT count(*) FROM vectors").fetchone()[0]
    assert rows == 1
    embedding._Store.in_folder.cache_clear()


# 7. sidecar types ---------------------------------------------------------------------


@pytest.mark.parametrize(("sidecar", "change", "needle"), [
    ("sources.toml", ('language = "en"', 'language = "en"\ninferred = 7'), "list of field names"),
    ("topics.toml", ('terms = ["negotiations", "negotiating table", "bargaining chip", '
                     '"trump card", "leverage",\n         "concessions", "position of strength", '
                     '"peace talks", "compromise", "exchange",\n         "deal", "lever of '
                     'influence"]', 'terms = "negotiations"'), "list of strings"),
    ("topics.toml", ('Kyiv = ["Kiev"]', 'Kyiv = "Kiev"'), "alias Kyiv must be a list"),
    ("topics.toml", ('id = "land-swap"', "id = 7"), "needs an id and a title"),
    ("topics.toml", ('id = "land-swap"', 'id = "kursk-leverage"'), "appears twice"),
])
def test_sidecar_values_of_the_wrong_type_are_one_line_errors(
    corpus: Path, sidecar: str, change: tuple[str, str], needle: str
) -> None:
    """A string where a list belongs is refused, not read letter by letter."""
    path = corpus / sidecar
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    result = _invoke("sources", "--corpus", corpus)
    assert result.exit_code == EXIT_USAGE
    _one_line(result.stderr, str(path), needle, "fix the file")


# 8. mojibake that cannot be fully repaired -----------------------------------------------


def test_mojibake_with_lost_characters_is_refused_not_repaired(corpus: Path) -> None:
    """Russian UTF-8 read as cp1252 loses the bytes cp1252 lacks (0x81, 0x8D...): ftfy
    repairs the rest, but the lost letters would reach the report as U+FFFD."""
    russian = (CORPUS / "cp1251_ru.txt").read_bytes().decode("cp1251")
    garbled = russian.encode("utf-8").decode("cp1252", errors="replace")
    (corpus / "garbled.txt").write_text(garbled, encoding="utf-8")
    result = _invoke("sources", "--corpus", corpus)
    assert result.exit_code == EXIT_PARTIAL
    warning, = [line for line in result.stderr.splitlines() if "garbled.txt" in line]
    assert "cannot be repaired" in warning and "characters are lost" in warning
    assert "re-save the article" in warning
    documents = read_corpus(corpus).documents
    assert len(documents) == 5 and not any("\ufffd" in d.text for d in documents)


# 9. long ad-hoc topics -----------------------------------------------------------------------


def test_a_long_adhoc_topic_is_named_by_a_bounded_slug(
    corpus: Path, tmp_path: Path, monkeypatch
) -> None:
    """A 300-character free-text topic gets a file name cut at a hyphen within the bound,
    chosen before any work, and the briefing is written."""
    words = ("Does holding territory in Russia's Kursk region strengthen Ukraine's hand in "
             "future negotiations with Russia ")
    long_topic = (words * 4).strip()
    assert len(long_topic) > 300
    topic = resolve_topic(read_corpus(corpus), long_topic)
    assert len(topic.id) <= TOPIC_ID_MAX_CHARS and not topic.id.endswith("-")
    assert long_topic.lower().replace("'", "-").replace(" ", "-").startswith(topic.id)
    monkeypatch.chdir(tmp_path)
    result = _invoke("topic", long_topic, "--corpus", corpus, "--format", "json", "-q")
    assert result.exit_code == EXIT_OK, result.stderr
    assert (tmp_path / "reports" / f"{topic.id}.json").is_file()


def test_topics_without_ascii_letters_get_distinct_file_names(corpus: Path) -> None:
    """Two Cyrillic ad-hoc topics were both named `adhoc`, so one briefing
    overwrote the other; each now gets a slug of its own, stable across runs."""
    corpus_read = read_corpus(corpus)
    first = resolve_topic(corpus_read, "обмін полоненими")
    second = resolve_topic(corpus_read, "переговори про мир")
    assert first.id != second.id
    assert first.id.startswith("adhoc-") and first.id.isascii()
    assert resolve_topic(corpus_read, "обмін полоненими").id == first.id


# 10. concurrent adds -------------------------------------------------------------------------


def test_concurrent_adds_keep_every_entry(tmp_path: Path, monkeypatch) -> None:
    """Four adds into one corpus at once keep four entries in sources.toml. Each add
    reads sources.toml, then writes it back with its entry; the gap between the two is
    widened here (0.2 s) so that, without the corpus lock, the adds overwrite each other."""
    from compare import ingest

    names = ["plain.txt", "bom.txt", "frontmatter.md", "page.html"]
    real_dumps = ingest.tomli_w.dumps

    def slow_dumps(*args, **kwargs):
        time.sleep(0.2)
        return real_dumps(*args, **kwargs)

    monkeypatch.setattr(ingest.tomli_w, "dumps", slow_dumps)
    target = tmp_path / "c"
    target.mkdir()
    outcomes: list[object] = []
    threads = [threading.Thread(target=lambda n=name: outcomes.append(
        ingest.add_to_corpus([str(CORPUS / n)], target))) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(outcomes) == len(names)
    entries = tomllib.loads((target / "sources.toml").read_text(encoding="utf-8"))["source"]
    assert sorted(e["file"] for e in entries) == sorted(names)
    assert len({e["id"] for e in entries}) == len(names)


# 11. terminal escape sequences --------------------------------------------------------------


def test_escape_sequences_never_reach_the_terminal(tmp_path: Path) -> None:
    """An OSC title-setter in a headline, a CSI in a file name and in article text are
    shown as visible escapes (\\x1b), never sent raw."""
    folder = tmp_path / "c"
    folder.mkdir()
    article = (SEEDS / "002_a6f5392b01b07e74.txt").read_text(encoding="utf-8")
    (folder / "osc.txt").write_text("Kursk \x1b]0;pwned\x07 talks \u202eright\u2066\n\n" + article,
                                    encoding="utf-8")
    (folder / "red\x1b[31m\x9b2J.txt").write_text("\x1b[2J" + article, encoding="utf-8")
    listed = _invoke("sources", "--corpus", folder)
    assert "\x1b" not in listed.output + listed.stderr
    assert "\x9b" not in listed.output + listed.stderr
    assert "Kursk \\x1b]0;pwned\\x07 talks" in listed.output
    assert "red\\x1b[31m\\x9b2J.txt" in listed.output
    audited = _invoke("audit", folder / "osc.txt")
    assert audited.exit_code == EXIT_OK
    assert "\x1b" not in audited.output and "\\x1b]0;pwned" in audited.output
    as_json = _invoke("audit", folder / "osc.txt", "--format", "json")
    assert as_json.exit_code == EXIT_OK
    assert not any(c in as_json.output for c in "\x1b\x07\u202e\u2066")
    rows = json.loads(as_json.output)
    assert rows[0]["text"].startswith("Kursk \x1b]0;pwned\x07 talks \u202eright\u2066")
    missing = _invoke("audit", tmp_path / "gone\x1b]0;x\x07.txt")
    assert missing.exit_code == EXIT_USAGE and "\x1b" not in missing.stderr


def test_sources_text_shows_control_characters_at_their_offsets(tmp_path: Path) -> None:
    """`compare sources --text ID` prints an article's text without its escape sequences,
    each control character as one visible sign, so every offset still indexes the text."""
    folder = tmp_path / "c"
    folder.mkdir()
    article = (SEEDS / "002_a6f5392b01b07e74.txt").read_text(encoding="utf-8")
    (folder / "osc.txt").write_text("Kursk \x1b]0;pwned\x07 talks\x7f2J\u202e\n\n" + article,
                                    encoding="utf-8")
    [document] = read_corpus(folder).documents
    assert "\x1b" in document.text
    shown = _invoke("sources", "--corpus", folder, "--text", document.meta.id)
    assert shown.exit_code == EXIT_OK, shown.stderr
    assert not any(c in shown.stdout for c in "\x1b\x07\x7f\u202e")
    assert shown.stdout.startswith("Kursk \u241b]0;pwned\u2407 talks\ufffd2J\ufffd\n\n")
    assert len(shown.stdout) == len(document.text)
    tail = len("Kursk \x1b]0;pwned\x07 talks\x7f2J\u202e")
    assert shown.stdout[tail:] == document.text[tail:]


def test_a_file_name_that_is_not_utf8_reaches_every_format(
        corpus: Path, tmp_path: Path, place_under_raw_name) -> None:
    """An article whose name has bytes that are not UTF-8 (b'\\xff\\xfe.txt') is read,
    and every format is written with U+FFFD in its path instead of a UnicodeEncodeError."""
    place_under_raw_name(corpus / "001_f70e73f6dcb0cc75.txt", corpus, b"\xff\xfe.txt", move=True)
    out = tmp_path / "out"
    result = _invoke("topic", "kursk-leverage", "--corpus", corpus, "--format",
                     "json,md,html,pdf", "-q", "-o", f"{out}/")
    assert result.exit_code == EXIT_PARTIAL, result.stderr  # sources.toml names the old file
    data = json.loads((out / "kursk-leverage.json").read_text(encoding="utf-8"))
    assert f"{corpus}/\ufffd\ufffd.txt" in [s["path"] for s in data["sources"]]
    assert "\ufffd\ufffd.txt" in (out / "kursk-leverage.md").read_text(encoding="utf-8")
    listed = _invoke("sources", "--corpus", corpus)
    assert listed.exit_code == EXIT_PARTIAL and "\ufffd\ufffd.txt" in listed.output


# 12. the rest: templates, Ctrl-C, broken pipes, unwritable outputs ---------------------


@pytest.mark.parametrize(("template", "needle"), [
    ("# {{ b.topic.title }}\n\n{% if %}\n", "briefing.md.j2:3"),
    ("# {{ b.topic.title }}\n\n{{ 1 / 0 }}\n", "briefing.md.j2:3"),
    ("# {{ b.topic.title }}\n\n{{ b.nothing.deeper }}\n", "briefing.md.j2:3"),
])
def test_a_broken_user_template_is_one_line_naming_it(
    corpus: Path, tmp_path: Path, template: str, needle: str
) -> None:
    """Syntax and runtime errors in --template-dir name the template and line; no report."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "briefing.md.j2").write_text(template, encoding="utf-8")
    out = tmp_path / "out" / "k.md"
    result = _invoke("topic", "kursk-leverage", "--corpus", corpus, "--format", "md", "-q",
                     "--template-dir", templates, "-o", out)
    assert result.exit_code == EXIT_USAGE
    _one_line(result.stderr, needle, "fix the template")
    assert not out.parent.exists()


@pytest.fixture(scope="module")
def interpreter_start() -> float:
    """Twice the seconds this venv's interpreter takes to start and run
    nothing (the slowest of 3): its `site` step (an editable install's import
    hook among it, ~45 ms) runs before any code of ours, so a SIGINT then is
    Python's own ("Fatal Python error: init_import_site"), whatever the tool does."""
    def once() -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        return time.perf_counter() - started
    return 2 * max(once() for _ in range(3))


@pytest.mark.parametrize("delay", [0.05, 0.15, 0.3, 0.5])
def test_ctrl_c_early_ends_without_a_traceback(
    corpus: Path, tmp_path: Path, delay: float, interpreter_start: float
) -> None:
    """SIGINT while the tool is still starting (its imports, reading the
    corpus) ends quietly: `delay` counts from when the interpreter is up."""
    out = tmp_path / "k.json"
    child = subprocess.Popen([str(COMPARE), "topic", "kursk-leverage", "--corpus", str(corpus),
                              "--format", "json", "-o", str(out)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(interpreter_start + delay)
    child.send_signal(signal.SIGINT)
    _out, err = child.communicate(timeout=120)
    assert "Traceback" not in err, err
    assert child.returncode in (EXIT_INTERRUPTED, -signal.SIGINT), (child.returncode, err)
    assert not out.exists()


def test_a_closed_pipe_ends_quietly(corpus: Path) -> None:
    """`compare sources | head -0`: the reader is gone before the first line; exit 0, silent."""
    child = subprocess.Popen([str(COMPARE), "sources", "--corpus", str(corpus)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    child.stdout.close()
    err = child.stderr.read()
    child.wait(timeout=60)
    assert err == "" and child.returncode == EXIT_OK, (child.returncode, err)


def test_an_unwritable_output_is_named_not_its_temporary_file(
    corpus: Path, tmp_path: Path, monkeypatch
) -> None:
    """Permission denied on the output (simulated: tests run as root) names the report."""
    import tempfile

    def denied(*args, dir=None, **kwargs):
        raise PermissionError(13, "Permission denied", f"{dir}/.k.json.x8a2.tmp")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    out = tmp_path / "ro" / "k.json"
    result = _invoke("topic", "kursk-leverage", "--corpus", corpus, "--format", "json", "-q",
                     "-o", out)
    assert result.exit_code == EXIT_USAGE
    line = _one_line(result.stderr, str(out), "Permission denied", "writable")
    assert ".tmp" not in line


def test_the_cache_write_helper_keeps_the_umask_mode(tmp_path: Path) -> None:
    """Reports and cache entries alike get 0666 less the umask."""
    previous = os.umask(0o027)
    try:
        _cache.replace_atomically(tmp_path / "a" / "b.json", b"{}")
    finally:
        os.umask(previous)
    assert (tmp_path / "a" / "b.json").stat().st_mode & 0o777 == 0o640


def test_writing_a_report_never_clears_the_umask(tmp_path: Path, monkeypatch) -> None:
    """Reading the umask through os.umask sets it to 0 for a moment, and a file another
    thread creates then is world-writable; on Linux it is read from /proc instead."""
    if not Path("/proc/self/status").is_file():
        pytest.skip("no /proc: the umask can only be read by setting it")
    real_umask, cleared = os.umask, []

    def watched(mask: int) -> int:
        cleared.append(mask == 0)
        return real_umask(mask)

    monkeypatch.setattr(os, "umask", watched)
    previous = real_umask(0o027)
    try:
        _cache.replace_atomically(tmp_path / "b.json", b"{}")
    finally:
        real_umask(previous)
    assert (tmp_path / "b.json").stat().st_mode & 0o777 == 0o640
    assert not any(cleared)


def test_a_damaged_matcher_cache_is_rebuilt_with_a_warning(private_cache: Path, caplog) -> None:
    """The matcher's scores live in the same kind of store as the vectors: random
    bytes in matches.sqlite3 are reported, replaced, and the scores come out right."""
    from compare import matcher

    pairs = [("Ukraine's forces entered the Kursk region in August 2024.",
              "In August 2024 Ukrainian troops crossed into Kursk.")]
    matcher._Scores.in_folder.cache_clear()
    expected = matcher.match(pairs)
    matcher._Scores.in_folder.cache_clear()
    path = private_cache / "matches.sqlite3"
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    path.write_bytes(os.urandom(8192))
    with caplog.at_level(logging.WARNING, logger="compare"):
        again = matcher.match(pairs)
    assert np.array_equal(again, expected)
    warning, = [r.getMessage() for r in caplog.records if "matcher score cache" in r.getMessage()]
    assert str(path) in warning and "started a new one" in warning
    matcher._Scores.in_folder.cache_clear()
