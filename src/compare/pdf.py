"""HTML to PDF: the only module that imports WeasyPrint.

Article text is data, so the renderer must not be a way to read local files
or reach the network: the URL fetcher serves the packaged templates folder
and refuses everything else (file:///etc/passwd, http(s), data from outside).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from .errors import CompareError
from .render import packaged_templates

#: Tagged, accessible PDF (ISO 14289-1). WeasyPrint adds the tags, the
#: language and the metadata this variant requires.
PDF_VARIANT = "pdf/ua-1"


class RefusedResource(CompareError):
    """A briefing asked for a resource outside the packaged templates."""


def html_to_pdf(html: str) -> bytes:
    """Render HTML to PDF bytes with a fetcher locked to the packaged templates.

    WeasyPrint's warnings are left on: a refused resource or an unsupported
    CSS rule is logged on the "weasyprint" logger, and the PDF test fails on
    any warning, so a template regression cannot pass silently. Fonts come
    from fontconfig (DejaVu) and are embedded, subset, in the PDF.

    The PDF is tagged PDF/UA-1 (a structure tree a screen reader follows, the
    document's language, its title shown in the window): the HTML's <title>,
    lang and <meta> author, description, keywords and dcterms dates become the
    PDF's title, language, author, subject, keywords and dates.
    """
    import weasyprint  # heavy; imported only when a PDF is asked for

    base = packaged_templates().as_uri() + "/"
    document = weasyprint.HTML(string=html, base_url=base, url_fetcher=_url_fetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def _url_fetcher():
    """`fetch_packaged_only` in the form this WeasyPrint wants.

    WeasyPrint 68+ calls a `URLFetcher` object whose `fetch` returns a
    `URLFetcherResponse`; earlier versions call a function returning a dict.
    """
    from weasyprint import urls

    if not hasattr(urls, "URLFetcherResponse"):
        return fetch_packaged_only

    class PackagedOnlyFetcher(urls.URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file",), allow_redirects=False)

        def fetch(self, url, headers=None):
            found = fetch_packaged_only(url)
            return urls.URLFetcherResponse(url, found["string"],
                                           {"Content-Type": found["mime_type"]})

    return PackagedOnlyFetcher()


def fetch_packaged_only(url: str, *args, **kwargs) -> dict:
    """WeasyPrint url_fetcher: files inside the packaged templates folder
    (its fonts/ included), nothing else; symlinks are resolved first, so a
    link out of the folder is refused too."""
    parsed = urlparse(url)
    root = packaged_templates().resolve()
    if parsed.scheme == "file":
        path = Path(unquote(parsed.path)).resolve()
        if path.is_relative_to(root) and path.is_file():
            return {"string": path.read_bytes(), "mime_type": _mime(path)}
    raise RefusedResource(f"refused to fetch {url!r}: briefings load only packaged templates")


def _mime(path: Path) -> str:
    types = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf",
             ".woff2": "font/woff2", ".svg": "image/svg+xml"}
    return types.get(path.suffix, "application/octet-stream")
