"""Download one article for `compare add URL`: bounded in time and size.

A slow server cannot hang the tool (a timeout on connect and on each read),
a huge or endless body cannot fill memory (the read stops one byte past the
limit), and being offline gives one clear line instead of a socket traceback.
"""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from dataclasses import dataclass

from . import __version__
from .errors import InputFileError
from .settings import FETCH_TIMEOUT_SECONDS, MAX_FILE_BYTES

_CHUNK = 64 * 1024
_SUFFIX_BY_TYPE = {
    "text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf",
    "text/plain": ".txt", "text/markdown": ".md", "application/jsonl": ".jsonl",
    "application/x-ndjson": ".jsonl",
}


@dataclass(frozen=True)
class Download:
    """The body of a URL with what the server said about it."""

    url: str
    final_url: str
    body: bytes
    content_type: str

    @property
    def suffix(self) -> str:
        """The file suffix that matches the content type (".html" if unknown)."""
        return _SUFFIX_BY_TYPE.get(self.content_type, ".html")


def is_url(text: str) -> bool:
    """True for http(s) addresses, the only kind `compare add` downloads."""
    return text.lower().startswith(("http://", "https://"))


def fetch(url: str, *, timeout: float = FETCH_TIMEOUT_SECONDS,
          max_bytes: int = MAX_FILE_BYTES) -> Download:
    """GET `url`, refusing bodies above `max_bytes`; InputFileError on failure."""
    request = urllib.request.Request(url, headers={"User-Agent": f"compare/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = int(response.headers.get("Content-Length") or 0)
            if declared > max_bytes:
                raise _too_large(url, max_bytes)
            body = _read_bounded(response, url, max_bytes)
            content_type = response.headers.get_content_type()
            return Download(url, response.geturl(), body, content_type)
    except urllib.error.HTTPError as error:
        raise InputFileError(url, f"the server answered {error.code} {error.reason}",
                             "check the address, or save the page and add the file") from None
    except urllib.error.URLError as error:
        raise _unreachable(url, error.reason) from None
    except TimeoutError:
        raise InputFileError(url, f"no answer within {timeout:g} s",
                             "try again later, or save the page and add the file") from None
    except (OSError, ValueError) as error:
        raise _unreachable(url, error) from None


def _read_bounded(response, url: str, max_bytes: int) -> bytes:
    chunks, size = [], 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(url, max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(url: str, max_bytes: int) -> InputFileError:
    return InputFileError(url, f"is larger than the {max_bytes // 2**20} MB limit for one "
                          "article", "save the article text and add the file instead")


def _unreachable(url: str, reason: object) -> InputFileError:
    offline = isinstance(reason, socket.gaierror | ConnectionRefusedError | OSError)
    if isinstance(reason, TimeoutError | socket.timeout):
        problem = "no answer in time"
    elif offline:
        problem = f"cannot be reached ({reason}); are you offline?"
    else:
        problem = f"cannot be downloaded ({reason})"
    return InputFileError(url, problem, "check the network and the address, or save the page "
                          "and add the file")
