"""Render the kursk-leverage briefing and turn its first page into a PNG.

The README shows this picture (docs/briefing-page1.png), so it is always a
real briefing of the seeds, never a mock-up. Needs `pdftoppm` (poppler-utils,
installed by `make setup`). Prints the render time and the page count.

    .venv/bin/python bench/page1_png.py [--topic kursk-leverage] [--out docs/briefing-page1.png]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def render_page1(topic: str, corpus: Path, out: Path, dpi: int) -> None:
    """Write page 1 of the topic's PDF briefing to `out` as PNG."""
    import pypdf

    import compare
    from compare.pdf import html_to_pdf
    from compare.render import render_html, write_atomically

    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm not found: install poppler-utils (make setup does)")
    briefing = compare.brief(compare.load_corpus(corpus), topic)
    started = time.perf_counter()
    data = html_to_pdf(render_html(briefing))
    seconds = time.perf_counter() - started
    pages = len(pypdf.PdfReader(io.BytesIO(data)).pages)
    with tempfile.TemporaryDirectory() as scratch:
        pdf_path = Path(scratch) / "briefing.pdf"
        pdf_path.write_bytes(data)
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1",
                        "-singlefile", str(pdf_path), str(Path(scratch) / "page1")], check=True)
        write_atomically(out, (Path(scratch) / "page1.png").read_bytes())
    print(f"{topic}: {pages} pages, HTML->PDF {seconds:.2f} s; page 1 -> {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topic", default="kursk-leverage")
    # Relative to the working directory: the page prints the corpus path as given.
    parser.add_argument("--corpus", type=Path, default=Path(os.path.relpath(ROOT / "seeds")))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "briefing-page1.png")
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args()
    render_page1(args.topic, args.corpus, args.out, args.dpi)


if __name__ == "__main__":
    main()
