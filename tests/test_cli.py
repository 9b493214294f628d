"""The command line: thin commands, clear one-line errors, documented exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from compare.cli import cli


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def _one_line_error(result) -> str:
    """The error output, asserted to be a single line without a traceback."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output + result.stderr
    return lines[0]


def test_every_command_has_help(runner: CliRunner) -> None:
    """Each command documents itself with a summary and an example."""
    for name, command in cli.commands.items():
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert command.get_short_help_str().strip(), name
        assert "Example" in result.output, name


def test_topic_writes_json_where_asked(runner: CliRunner, seeds_dir: Path, tmp_path: Path) -> None:
    """`compare topic ID --format json -o FILE` writes the briefing and says where."""
    out = tmp_path / "k.json"
    result = runner.invoke(
        cli, ["topic", "kursk-leverage", "--corpus", str(seeds_dir), "--format", "json",
              "-o", str(out)],
    )
    assert result.exit_code == 0, result.output + result.stderr
    assert str(out) in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["topic"]["id"] == "kursk-leverage"


def test_topic_to_stdout_keeps_stdout_pure_json(runner: CliRunner, seeds_dir: Path) -> None:
    """With -o -, stdout is the JSON document alone; the 'wrote' note goes to stderr."""
    result = runner.invoke(
        cli, ["topic", "land-swap", "--corpus", str(seeds_dir), "--format", "json", "-o", "-"]
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["topic"]["id"] == "land-swap"


def test_an_adhoc_topic_no_source_addresses_gets_a_note(
    runner: CliRunner, seeds_dir: Path, tmp_path: Path,
) -> None:
    """An ad-hoc topic no seed addresses still gets its (empty) briefing, with a note on
    stderr that short topics miss articles; a topic that is found gets no note."""
    for wording, silent in (("soybean tariffs", True), ("death toll", False)):
        result = runner.invoke(cli, ["topic", wording, "--corpus", str(seeds_dir), "--format",
                                     "json", "-o", str(tmp_path / "t.json"), "--quiet"])
        assert result.exit_code == 0, result.stderr
        covered = [s for s in json.loads((tmp_path / "t.json").read_text())["sources"]
                   if s["covers_topic"]]
        assert bool(covered) != silent
        assert ("Note: no source addresses" in result.stderr) == silent


def test_unknown_topic_exits_2_with_suggestions(runner: CliRunner, seeds_dir: Path) -> None:
    """A misspelt id gets exit 2 and the nearest ids, in one line."""
    result = runner.invoke(cli, ["topic", "escalation", "--corpus", str(seeds_dir)])
    assert result.exit_code == 2
    assert "escalation-risk" in _one_line_error(result)


def test_missing_corpus_exits_2_naming_the_folder(runner: CliRunner, tmp_path: Path) -> None:
    """A corpus folder that does not exist is named in a one-line error."""
    missing = tmp_path / "no-such-folder"
    result = runner.invoke(cli, ["topic", "kursk-leverage", "--corpus", str(missing)])
    assert result.exit_code == 2
    assert "no-such-folder" in _one_line_error(result)


def test_empty_corpus_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    """A folder with no articles is refused in one line, and nothing is written."""
    reports = tmp_path / "reports"
    result = runner.invoke(
        cli, ["topic", "x y", "--corpus", str(tmp_path), "-o", str(reports / "x.pdf")]
    )
    assert result.exit_code == 2
    assert str(tmp_path) in _one_line_error(result)
    assert not reports.exists()


def test_unknown_format_is_a_usage_error(runner: CliRunner, seeds_dir: Path) -> None:
    """--format docx is refused by option parsing with exit 2."""
    result = runner.invoke(cli, ["topic", "land-swap", "--format", "docx"])
    assert result.exit_code == 2
    assert "docx" in result.stderr


def test_topics_lists_the_codebook_with_coverage(runner: CliRunner, seeds_dir: Path) -> None:
    """Every codebook topic is listed with how many of the five sources cover it."""
    result = runner.invoke(cli, ["topics", "--corpus", str(seeds_dir)])
    assert result.exit_code == 0, result.stderr
    lines = result.output.splitlines()
    assert len(lines) == 7
    kursk = next(line for line in lines if line.startswith("kursk-leverage"))
    covered = int(kursk.split()[1].split("/")[0])
    assert 3 <= covered <= 5 and "/5 sources" in kursk


def test_sources_lists_metadata_from_the_sidecar(runner: CliRunner, seeds_dir: Path) -> None:
    """`compare sources` shows each article's id, outlet and author."""
    result = runner.invoke(cli, ["sources", "--corpus", str(seeds_dir)])
    assert result.exit_code == 0, result.stderr
    for expected in ("kaspruk-2024", "Byline Times", "Stefan Wolff", "2025-01-08"):
        assert expected in result.output


def test_the_corpus_is_never_modified(runner: CliRunner, seeds_dir: Path, tmp_path: Path) -> None:
    """Briefing a copy of the seeds leaves every file in it byte-identical."""
    corpus = tmp_path / "seeds"
    shutil.copytree(seeds_dir, corpus)
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    result = runner.invoke(
        cli, ["topic", "putin-exit", "--corpus", str(corpus), "--format", "md",
              "-o", str(tmp_path / "p.md")],
    )
    assert result.exit_code == 0, result.stderr
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before


def test_output_extension_picks_the_format(runner: CliRunner, seeds_dir: Path,
                                           tmp_path: Path) -> None:
    """`-o x.html` with no --format writes HTML (and its .bib), not a PDF named .html."""
    out = tmp_path / "x.html"
    result = runner.invoke(cli, ["topic", "land-swap", "--corpus", str(seeds_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output + result.stderr
    assert out.read_text("utf-8").startswith("<!doctype html>")
    assert (tmp_path / "x.bib").is_file()
    md = runner.invoke(cli, ["topic", "land-swap", "--corpus", str(seeds_dir), "-o",
                             str(tmp_path / "y.md")])
    assert md.exit_code == 0 and (tmp_path / "y.md").read_text("utf-8").startswith("# ")


def test_an_upper_case_extension_picks_the_format_and_gets_its_bibliography(
        runner: CliRunner, seeds_dir: Path, tmp_path: Path) -> None:
    """`-o X.HTML` is HTML like `-o x.html`, with X.bib and X.csl.json beside it."""
    result = runner.invoke(cli, ["topic", "land-swap", "--corpus", str(seeds_dir), "-q",
                                 "-o", str(tmp_path / "X.HTML")])
    assert result.exit_code == 0, result.output + result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["X.HTML", "X.bib", "X.csl.json"]
    assert (tmp_path / "X.HTML").read_text("utf-8").startswith("<!doctype html>")


def test_a_name_without_extension_gets_the_formats(runner: CliRunner, seeds_dir: Path,
                                                   tmp_path: Path) -> None:
    """`-o notes` writes notes.pdf (and `--format md -o notes` notes.md), as the README says."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    assert "`-o notes`\nwrites `notes.pdf`" in readme
    for args, name in ((["-o", str(tmp_path / "notes")], "notes.pdf"),
                       (["--format", "md", "-o", str(tmp_path / "brief")], "brief.md")):
        result = runner.invoke(cli, ["topic", "land-swap", "--corpus", str(seeds_dir), "-q",
                                     *args])
        assert result.exit_code == 0, result.output + result.stderr
        assert (tmp_path / name).is_file()
    assert not (tmp_path / "notes").exists() and not (tmp_path / "brief").exists()


def test_format_contradicting_the_extension_is_an_error(runner: CliRunner, seeds_dir: Path,
                                                        tmp_path: Path) -> None:
    """`--format pdf -o x.html` is refused in one line and writes nothing."""
    result = runner.invoke(cli, ["topic", "land-swap", "--corpus", str(seeds_dir), "--format",
                                 "pdf", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    line = _one_line_error(result)
    assert "x.html" in line and "html" in line and "pdf" in line
    assert list(tmp_path.iterdir()) == []
    unknown = runner.invoke(cli, ["topic", "land-swap", "--corpus", str(seeds_dir), "-o",
                                  str(tmp_path / "x.txt")])
    assert unknown.exit_code == 2 and ".txt is not a briefing format" in _one_line_error(unknown)
    assert list(tmp_path.iterdir()) == []


def test_output_folder_receives_topic_named_files(runner: CliRunner, seeds_dir: Path,
                                                  tmp_path: Path) -> None:
    """`-o dir/` is a folder: the briefing is written inside it under the topic's id."""
    folder = tmp_path / "out"
    result = runner.invoke(cli, ["topic", "land-swap", "--corpus", str(seeds_dir),
                                 "--format", "md,json", "-o", f"{folder}/"])
    assert result.exit_code == 0, result.output + result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["land-swap.json", "land-swap.md"]


@pytest.mark.parametrize("empty", ["", "   ", "\t\n"])
def test_an_empty_topic_is_refused(runner: CliRunner, seeds_dir: Path, tmp_path: Path,
                                   empty: str) -> None:
    """`compare topic ""` is a one-line error, not a briefing on nothing named adhoc.pdf."""
    result = runner.invoke(cli, ["topic", empty, "--corpus", str(seeds_dir), "--adhoc", "-q",
                                 "-o", f"{tmp_path}/"])
    assert result.exit_code == 2
    assert "the topic is empty" in _one_line_error(result)
    assert list(tmp_path.iterdir()) == []


def test_dash_h_is_help(runner: CliRunner) -> None:
    """`-h` prints the same help as `--help`, for the group and for a command."""
    for args in ([], ["topic"]):
        assert runner.invoke(cli, [*args, "-h"]).output == runner.invoke(cli,
                                                                         [*args, "--help"]).output
        assert "Usage:" in runner.invoke(cli, [*args, "-h"]).output


def test_python_dash_m_compare_runs_the_cli() -> None:
    """`python -m compare --version` answers like the console script."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "compare", "--version"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.startswith("compare, version ")


def test_a_corpus_without_codebook_points_to_a_readme_section_that_exists(
    runner: CliRunner, tmp_path: Path,
) -> None:
    """The 'no codebook' error names a README section, and the README has that heading."""
    shutil.copy(Path(__file__).parent / "corpus" / "plain.txt", tmp_path / "plain.txt")
    result = runner.invoke(cli, ["topics", "--corpus", str(tmp_path)])
    assert result.exit_code == 2
    section = re.search(r"see README, '([^']+)'", _one_line_error(result)).group(1)
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    assert f"## {section}\n" in readme


def test_the_readme_completion_line_gives_a_completion_script() -> None:
    """The bash line the README documents makes click print a completion function."""
    import os
    import subprocess
    import sys

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    variable, value = re.search(r"\$\((_\w+)=(bash_source) compare\)", readme).groups()
    done = subprocess.run([sys.executable, "-m", "compare"], capture_output=True, text=True,
                          env={**os.environ, variable: value}, timeout=60)
    assert done.returncode == 0 and "_compare_completion" in done.stdout
