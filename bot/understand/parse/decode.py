"""Bytes to text: BOMs, declared or detected charsets, control characters, line endings."""

from __future__ import annotations

import codecs
import re
import unicodedata

from bot.understand.model import BriefingError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls except tab and newline, DEL, and lone surrogates left by lenient decoders.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_COMBINING_MARK = r"[\u0300-\u036f\u1ab0-\u1aff\u20d0-\u20ff\ufe20-\ufe2f]"
_COMBINING = re.compile(_COMBINING_MARK)
_COMBINING_RUN = re.compile(rf"({_COMBINING_MARK}{{8}}){_COMBINING_MARK}+")


def decode(data: bytes) -> str:
    """Decode a briefing's bytes; raise BriefingError for data that is not text."""
    text = _repair_mojibake(_decode(data))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if not _COMBINING.search(text):  # a quick scan: most texts have no combining mark at all
        return text
    return _COMBINING_RUN.sub(r"\1", text)  # cap "Zalgo" runs of combining marks


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    if _looks_binary(data):
        raise BriefingError("binary data, not a text briefing")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    if _mostly_utf8(lenient):
        return lenient  # a few damaged bytes in a UTF-8 file: keep the rest as written
    # Short texts give a detector too little to go on; Windows-1252 is the usual non-UTF-8 source.
    guess = _detect(data) if len(data) >= 1000 else None
    return data.decode(guess or "cp1252", errors="replace")


def _mostly_utf8(lenient: str) -> bool:
    """UTF-8 with a few bad bytes, not a legacy charset: its valid multi-byte characters outnumber the bad bytes."""
    bad = lenient.count("\ufffd")
    valid = sum(1 for c in lenient if ord(c) > 127) - bad
    return valid > 0 and bad <= valid


_MOJIBAKE = re.compile("â€|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]")
#: A combining mark after a space belongs to no letter: text damaged beyond what a repair can undo.
_LOOSE_MARK = re.compile(r"\s[\u0300-\u036f]")


def _repair_mojibake(text: str) -> str:
    """UTF-8 once read as Windows-1252 (`â€œ` for `“`) turned back into what was written (ftfy), line by
    line; a line the repair leaves damaged (`realâ€world`, `naà ̄veté`) stays as written, so that what
    the bot quotes from it is still found in the text."""
    if not any(c in text for c in _MOJIBAKE_FIRST):  # a fast scan for each: most texts hold none of them
        return text
    decomposed = bool(_DECOMPOSED.search(text))  # `PeA\u0303\u00b1a`: `Peña` as mojibake, its `Ã` decomposed
    if not _MOJIBAKE.search(text) and not decomposed:
        return text
    import ftfy

    lines = text.split("\n")
    for i, line in enumerate(lines):
        composed = decomposed and bool(_DECOMPOSED.search(line))
        if composed:
            line = unicodedata.normalize("NFC", line)  # kept only if the repair then leaves no damage
        if _MOJIBAKE.search(line):
            fixed = ftfy.fix_encoding(line)
            damaged = _LOOSE_MARK.search(fixed) or (composed and _COMBINING.search(fixed))
            if not _MOJIBAKE.search(fixed) and not damaged:
                lines[i] = fixed
    return "\n".join(lines)


_DECOMPOSED = re.compile("[AÂ]\u0303|A\u0302")
#: A character that every match of `_MOJIBAKE` or `_DECOMPOSED` holds.
_MOJIBAKE_FIRST = ("â", "Ã", "Â", "\u0302", "\u0303")


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and _mostly_ascii_text(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and _mostly_ascii_text(odd):
        return "utf-16-be"
    return None


def _mostly_ascii_text(low_bytes: bytes) -> bool:
    printable = sum(1 for b in low_bytes if 32 <= b < 127 or b in (9, 10, 13))
    return printable > 0.6 * len(low_bytes)


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b < 32)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if sample.count(0) > max(2, len(sample) // 100):
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # a C count, not a loop per byte
    return controls > max(2, len(sample) // 10)


def _detect(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    return best.encoding if best else None
