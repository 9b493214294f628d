"""Download one article for `compare add URL`: bounded in time and size.

A slow server cannot hang the tool (one deadline for the whole download:
connecting, headers and body, however slowly they trickle in), a huge or
endless body cannot fill memory (the read stops one byte past the limit),
only http(s) is followed (a redirect to ftp:// or file:// is refused), and a
bad address, a malformed answer or being offline gives one clear line instead
of a traceback.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
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


def fetch(url: str, *, timeout: float | None = None,
          max_bytes: int = MAX_FILE_BYTES) -> Download:
    """GET `url` within `timeout` seconds in all (FETCH_TIMEOUT_SECONDS by
    default), refusing bodies above `max_bytes`; InputFileError on failure.

    The download runs in a daemon thread that the caller waits for at most
    `timeout`: a per-read socket timeout alone lets a server that sends a
    byte every few seconds hold the tool forever.
    """
    timeout = FETCH_TIMEOUT_SECONDS if timeout is None else timeout
    deadline = time.monotonic() + timeout
    outcome: list[Download | BaseException] = []

    def download() -> None:
        try:
            outcome.append(_fetch_by(url, timeout, deadline, max_bytes))
        except BaseException as error:  # handed to the waiting caller
            outcome.append(error)

    worker = threading.Thread(target=download, name=f"fetch {url}", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise _late(url, timeout)
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (urllib also follows ftp://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not is_url(newurl):
            raise InputFileError(req.full_url, f"redirects to {newurl}, which is not an "
                                 "http(s) address", "save the page and add the file")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _fetch_by(url: str, timeout: float, deadline: float, max_bytes: int) -> Download:
    """The download itself, giving up at `deadline` (time.monotonic())."""
    try:
        request = urllib.request.Request(url, headers={"User-Agent": f"compare/{__version__}"})
        opener = urllib.request.build_opener(_HttpOnlyRedirects)
        with opener.open(request, timeout=max(deadline - time.monotonic(), 0.01)) as response:
            declared = int(response.headers.get("Content-Length") or 0)
            if declared > max_bytes:
                raise _too_large(url, max_bytes)
            body = _read_bounded(response, url, max_bytes, deadline, timeout)
            content_type = response.headers.get_content_type()
            return Download(url, response.geturl(), body, content_type)
    except urllib.error.HTTPError as error:
        raise InputFileError(url, f"the server answered {error.code} {error.reason}",
                             "check the address, or save the page and add the file") from None
    except urllib.error.URLError as error:
        raise _unreachable(url, error.reason) from None
    except TimeoutError:
        raise _late(url, timeout) from None
    except http.client.HTTPException as error:  # endless or broken headers, a bad status line
        raise InputFileError(url, f"sent a malformed answer ({error.__class__.__name__})",
                             "save the page in a browser and add the file") from None
    except ValueError as error:  # a malformed address ("http://[::1")
        raise InputFileError(url, f"is not a valid address ({error})",
                             "check the address") from None
    except OSError as error:
        raise _unreachable(url, error) from None


def _read_bounded(response, url: str, max_bytes: int, deadline: float, timeout: float) -> bytes:
    chunks, size = [], 0
    while chunk := response.read1(_CHUNK):  # whatever has arrived: a trickle meets the deadline
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(url, max_bytes)
        if time.monotonic() > deadline:
            raise _late(url, timeout)
        chunks.append(chunk)
    return b"".join(chunks)


def _late(url: str, timeout: float) -> InputFileError:
    return InputFileError(url, f"no answer within {timeout:g} s (the limit for the whole "
                          "download)",
                          "try again later, or save the page and add the file")


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
