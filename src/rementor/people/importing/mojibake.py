"""Text garbled by reading UTF-8 bytes as Windows-1252 or Latin-1 ("Zoé" read as "ZoÃ©").

UTF-8 writes every accented letter as a lead byte followed by one to three continuation
bytes (0x80-0xBF). Read as Windows-1252, the lead becomes "Ã", "Â", "Ä", "Å" or "â" and each
continuation a symbol or a letter such as "©", "¨", "€" or "™": the sequences below are that
signature, and almost never appear in a real name or job title.
"""

from __future__ import annotations

import re


def _cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: the reader falls back on Latin-1
        return chr(byte)


def _byte_chars(byte: int) -> set[str]:
    """What ``byte`` reads as in Windows-1252 and in Latin-1 (the reader's two decodings)."""
    return {chr(byte), _cp1252(byte)}


_LEGACY_BYTE = {char: byte for byte in range(0x80, 0x100) for char in _byte_chars(byte)}
_CONTINUATION = "".join(
    re.escape(char) for byte in range(0x80, 0xC0) for char in sorted(_byte_chars(byte))
)
# Two-byte sequences for Latin-1 and Latin Extended-A letters (é, à, ç, œ, ł...), and
# three-byte ones starting with 0xE2 for typographic punctuation (’, “, –, €, ™).
SEQUENCE = re.compile(f"[ÂÃÄÅ][{_CONTINUATION}]|â[{_CONTINUATION}]{{2}}")


def _utf8_read_as_legacy(text: str) -> str:
    return bytes(_LEGACY_BYTE.get(char, ord(char)) for char in text).decode("utf-8")


def looks_garbled(text: str) -> bool:
    return SEQUENCE.search(text) is not None


def repaired(text: str) -> str:
    """``text`` with each garbled sequence decoded back ("ZoÃ©" -> "Zoé"), for messages."""
    for _attempt in range(3):  # text garbled twice reads "ZoÃƒÂ©"
        if not looks_garbled(text):
            break
        text = SEQUENCE.sub(lambda match: _utf8_read_as_legacy(match.group()), text)
    return text


def garbled_forms(text: str) -> set[str]:
    """What ``text`` becomes when its UTF-8 bytes are read as Windows-1252 or Latin-1."""
    if text.isascii():
        return set()
    raw = text.encode("utf-8")
    forms = {raw.decode("latin-1")}
    forms.add("".join(_cp1252(byte) for byte in raw))
    return forms - {text}
