"""Bytes to text: BOMs, UTF-16, legacy code pages, binary and mojibake checks.

Russian and Ukrainian sources often arrive as cp1251 or KOI8, Windows exports
as UTF-16, and copy-pasted web text sometimes as mojibake (UTF-8 read as
cp1252 once and saved again: "Ð¿ÑƒÑ‚Ð¸Ð½"). A garbled article must never reach
a report, so every decoded text is checked and repaired or refused.
"""

from __future__ import annotations

import codecs

import charset_normalizer
import ftfy

from .settings import BINARY_CONTROL_SHARE, DECODE_SNIFF_BYTES

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Control characters that never occur in text (tab, newlines, form feed do).
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}


class DecodeProblem(ValueError):
    """The bytes are not text in any encoding we can trust; str() says why."""


def decode(raw: bytes) -> tuple[str, str]:
    """Return (text, encoding name) for the bytes of a text file.

    Order: a BOM decides; NUL-patterned bytes are BOM-less UTF-16; strict
    UTF-8; else charset-normalizer's best guess. Mojibake left in the result
    is repaired by ftfy when that is unambiguous, otherwise refused.
    """
    encoding = _bom_encoding(raw) or _bomless_utf16(raw)
    if encoding is None and _looks_binary(raw):
        raise DecodeProblem("looks like a binary file, not text")
    if encoding is None:
        encoding = "utf-8" if _is_utf8(raw) else _guess_legacy(raw)
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        problem = f"cannot be decoded as {encoding} ({error.__class__.__name__})"
        raise DecodeProblem(problem) from None
    if _looks_binary_text(text):
        raise DecodeProblem("looks like a binary file, not text")
    return text, encoding


def has_mojibake(text: str) -> bool:
    """True when the text shows the marks of a wrong decoding ("â€™", "Ã©", "Ð¿").

    Replacement characters (U+FFFD) alone are not mojibake: they mark single
    characters lost before the file reached us (an emoji in a scraped tweet)
    and no decoding can bring them back, so they do not condemn the article.
    """
    return ftfy.badness.is_bad(text.replace("\ufffd", ""))


def repair_mojibake(text: str) -> str:
    """The text with encoding mix-ups undone; only encoding fixes, nothing cosmetic."""
    return ftfy.fix_encoding(text)


def _bom_encoding(raw: bytes) -> str | None:
    return next((name for bom, name in _BOMS if raw.startswith(bom)), None)


def _bomless_utf16(raw: bytes) -> str | None:
    """UTF-16 without a BOM shows as NUL in every other byte for Latin text."""
    sample = raw[:DECODE_SNIFF_BYTES]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0) / len(sample[0::2])
    odd_nuls = sample[1::2].count(0) / len(sample[1::2])
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:DECODE_SNIFF_BYTES]
    if not sample:
        return False
    controls = sum(1 for byte in sample if byte in _CONTROL)
    return b"\x00" in sample or controls / len(sample) > BINARY_CONTROL_SHARE


def _looks_binary_text(text: str) -> bool:
    sample = text[:DECODE_SNIFF_BYTES]
    if not sample:
        return False
    controls = sum(1 for char in sample if ord(char) in _CONTROL)
    return controls / len(sample) > BINARY_CONTROL_SHARE


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _guess_legacy(raw: bytes) -> str:
    best = charset_normalizer.from_bytes(raw).best()
    if best is None:
        raise DecodeProblem("is in no text encoding that could be recognised")
    return best.encoding
