"""`compare add`: copying files and downloading URLs into a corpus (local server only)."""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import tomllib
from click.testing import CliRunner

from compare._fetch import fetch
from compare.cli import cli
from compare.errors import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, InputFileError
from compare.ingest import add_to_corpus, read_corpus

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch) -> None:
    """Never touch the user's cache from a test."""
    monkeypatch.setenv("COMPARE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves the test corpus's page, a 404, a lying huge body and a slow answer."""

    def do_GET(self) -> None:
        # the client may give up on purpose (size limit, timeout)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer()

    def _answer(self) -> None:
        if self.path == "/article":
            self._send(200, "text/html; charset=utf-8", (CORPUS / "page.html").read_bytes())
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65533
            for _ in range(40):  # 2.6 MB, no Content-Length: the read must stop itself
                self.wfile.write(chunk)
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, "text/plain", b"late")
        else:
            self._send(404, "text/plain", b"not here")

    def _send(self, code: int, content_type: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        """Keep test output clean."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A local HTTP server on 127.0.0.1, the only host these tests download from."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _sources(corpus: Path) -> list[dict]:
    return tomllib.loads((corpus / "sources.toml").read_text(encoding="utf-8"))["source"]


def test_adding_a_file_copies_it_and_records_inferred_metadata(tmp_path: Path) -> None:
    """The file is copied byte for byte; its entry says which fields were inferred."""
    added, warnings = add_to_corpus([str(CORPUS / "page.html")], tmp_path)
    assert warnings == []
    (target, meta), = added
    assert target.read_bytes() == (CORPUS / "page.html").read_bytes()
    entry, = _sources(tmp_path)
    assert entry["file"] == "page.html" and entry["outlet"] == "Eastbrook Gazette"
    assert "author" in entry["inferred"]
    reread = read_corpus(tmp_path).documents[0].meta
    assert reread == meta


def test_adding_keeps_existing_sidecar_entries_and_comments(tmp_path: Path) -> None:
    """New entries are appended; what the user wrote in sources.toml stays as it was."""
    original = '# my notes\n[[source]]\nfile = "plain.txt"\nid = "bridge"\ngenre = "news"\n'
    (tmp_path / "plain.txt").write_bytes((CORPUS / "plain.txt").read_bytes())
    (tmp_path / "sources.toml").write_text(original, encoding="utf-8")
    add_to_corpus([str(CORPUS / "frontmatter.md"), str(CORPUS / "bom.txt")], tmp_path)
    text = (tmp_path / "sources.toml").read_text(encoding="utf-8")
    assert text.startswith(original)
    assert [e["file"] for e in _sources(tmp_path)] == ["plain.txt", "frontmatter.md", "bom.txt"]
    assert len(read_corpus(tmp_path).documents) == 3


def test_an_article_already_in_the_corpus_is_not_added_twice(tmp_path: Path) -> None:
    """Same bytes again: a warning naming the existing copy, no second file."""
    add_to_corpus([str(CORPUS / "bom.txt")], tmp_path)
    added, warnings = add_to_corpus([str(CORPUS / "bom.txt")], tmp_path)
    assert added == [] and "already in the corpus" in warnings[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bom.txt", "sources.toml"]


def test_an_unreadable_file_is_not_added(tmp_path: Path) -> None:
    """A file the corpus could not read (here: a scan without text) is refused up front."""
    added, warnings = add_to_corpus([str(CORPUS / "scan.pdf")], tmp_path)
    assert added == [] and "without a text layer" in warnings[0]
    assert list(tmp_path.iterdir()) == []


def test_a_url_is_downloaded_named_by_its_title_and_its_url_recorded(
    tmp_path: Path, server: str
) -> None:
    """The page is saved under a slug of its title, with the URL as metadata."""
    added, warnings = add_to_corpus([f"{server}/article"], tmp_path)
    assert warnings == []
    (target, meta), = added
    assert target.name == "library-hours-extended-in-eastbrook.html"
    assert meta.url == f"{server}/article" and "url" not in meta.inferred
    assert _sources(tmp_path)[0]["url"] == f"{server}/article"
    assert "stay open until ten" in read_corpus(tmp_path).documents[0].text


def test_download_errors_are_one_line_each(tmp_path: Path, server: str) -> None:
    """404, an oversized body and a closed port each give a clear reason."""
    _, warnings = add_to_corpus([f"{server}/missing"], tmp_path)
    assert "answered 404" in warnings[0]
    with pytest.raises(InputFileError, match="larger than the 1 MB limit"):
        fetch(f"{server}/huge", max_bytes=2**20)
    with pytest.raises(InputFileError, match="are you offline"):
        fetch("http://127.0.0.1:9/nothing-listens-here")


def test_a_slow_server_times_out(server: str) -> None:
    """A server slower than the timeout gives up with the time it waited."""
    with pytest.raises(InputFileError, match=r"no answer"):
        fetch(f"{server}/slow", timeout=0.3)


def test_cli_add_exit_codes(tmp_path: Path) -> None:
    """0 when all were added, 1 when some were skipped, 2 when none could be."""
    runner = CliRunner()
    corpus = str(tmp_path / "mine")
    ok = runner.invoke(cli, ["add", str(CORPUS / "bom.txt"), "--corpus", corpus])
    assert ok.exit_code == EXIT_OK, ok.output
    assert f"added {Path(corpus) / 'bom.txt'} as bom" in ok.output
    partial = runner.invoke(cli, ["add", str(CORPUS / "utf16.txt"), str(CORPUS / "empty.txt"),
                                  "--corpus", corpus])
    assert partial.exit_code == EXIT_PARTIAL
    assert "empty.txt: is empty" in partial.output
    failed = runner.invoke(cli, ["add", str(CORPUS / "empty.txt"), "--corpus", corpus])
    assert failed.exit_code == EXIT_USAGE
    assert "Error: nothing was added" in failed.output and "Traceback" not in failed.output


def test_adding_jsonl_reports_and_records_each_article(tmp_path: Path) -> None:
    """Each readable line of a JSONL file is reported and gets its own sources.toml entry."""
    runner = CliRunner()
    corpus = tmp_path / "mine"
    result = runner.invoke(cli, ["add", str(CORPUS / "articles.jsonl"), "--corpus", str(corpus)])
    assert result.exit_code == EXIT_PARTIAL, result.output  # two of its lines are bad
    entries = _sources(corpus)
    assert [e["file"] for e in entries] == ["articles.jsonl#1", "articles.jsonl#2",
                                            "articles.jsonl#5"]
    assert [e["id"] for e in entries][:2] == ["wind-farm", "rail-strike"]
    for entry in entries:
        assert f"added {corpus / entry['file']} as {entry['id']}" in result.output
    assert f"3 articles from 1 file recorded in {corpus / 'sources.toml'}" in result.output
    reread = {d.meta.id: d.meta for d in read_corpus(corpus).documents}
    assert sorted(reread) == sorted(e["id"] for e in entries)
    assert reread["wind-farm"].outlet == "Energy Wire"


def test_add_without_corpus_is_refused_and_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    """`compare add FILE` without --corpus asks for it instead of writing into seeds/."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "seeds").mkdir()
    result = CliRunner().invoke(cli, ["add", str(CORPUS / "bom.txt")])
    assert result.exit_code == EXIT_USAGE
    assert "--corpus" in result.output and "Traceback" not in result.output
    assert list((tmp_path / "seeds").iterdir()) == []


def test_an_unreadable_article_already_in_the_corpus_does_not_block_adding(
        tmp_path: Path, monkeypatch) -> None:
    """An oversized file in the corpus (a warning when the corpus is read) does not stop
    `compare add` from adding another article: it added nothing, with exit 2, before."""
    from compare import ingest

    corpus = tmp_path / "mine"
    corpus.mkdir()
    (corpus / "huge.txt").write_text("Kursk. " * 400, encoding="utf-8")
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 2000)  # plain.txt fits, huge.txt does not
    result = CliRunner().invoke(cli, ["add", str(CORPUS / "plain.txt"), "--corpus", str(corpus)])
    assert result.exit_code == EXIT_OK, result.output
    assert [e["file"] for e in tomllib.loads((corpus / "sources.toml").read_text("utf-8"))
            ["source"]] == ["plain.txt"]
    assert (corpus / "plain.txt").read_bytes() == (CORPUS / "plain.txt").read_bytes()


def test_a_file_name_that_is_not_utf8_is_added_under_a_utf8_name(
        tmp_path: Path, place_under_raw_name) -> None:
    """`compare add` of b'\\xe9t\\xe9.txt' (Latin-1 bytes): the copy is named _t_.txt and
    recorded, instead of a UnicodeEncodeError that left the copy without an entry."""
    odd = place_under_raw_name(CORPUS / "plain.txt", tmp_path, b"\xe9t\xe9.txt")
    corpus = tmp_path / "mine"
    result = CliRunner().invoke(cli, ["add", odd, "--corpus", str(corpus)],
                                catch_exceptions=False)
    assert result.exit_code == EXIT_OK, result.output
    assert [p.name for p in corpus.iterdir() if p.suffix == ".txt"] == ["_t_.txt"]
    assert [e["file"] for e in _sources(corpus)] == ["_t_.txt"]
    assert [d.meta.id for d in read_corpus(corpus).documents] == [_sources(corpus)[0]["id"]]
