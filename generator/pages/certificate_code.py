"""The verification code printed on a completion certificate (the page itself: pages/dashboard_pages.py).

A certificate shows the learner's name as they typed it, the date, the final
score and a code derived from those values and the course's id and version.
`coursegen verify` recomputes the code, so a trainer can tell a certificate the
course site printed from one typed up with other values.

What the code does NOT prove: it is not a signature. The derivation is public
(it runs in the learner's browser, in assets/dashboard.js), so anyone who reads
that code can make a matching code for any name, date and score; and nothing
checks who typed the name or that the quizzes were really passed. It ties the
printed values together, nothing more.

The function below has a line-for-line twin, `certificateCode`, in
generator/assets/src/certificate.js; tests/browser/test_runtime_twins.py runs
both on the same inputs.
"""

from __future__ import annotations

import re
import unicodedata

# Crockford's base32: no I, L, O or U, so a code read aloud or retyped survives.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_M32 = 0xFFFFFFFF
# Spelt out rather than Python's or JavaScript's idea of white space, which differ.
_SPACE = re.compile("[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+")


def normalize_name(name: str) -> str:
    """The name as the code sees it: Unicode NFC, runs of spaces as one, trimmed, lower case."""
    return " ".join(part for part in _SPACE.split(unicodedata.normalize("NFC", name)) if part).lower()


def _imul(a: int, b: int) -> int:
    return (a * b) & _M32


def _hash53(data: bytes) -> int:
    # cyrb53 (public domain, by bryc): two 32-bit multiply-xor lanes mixed into
    # 53 bits. Not cryptographic; it need not be, since nothing here is secret.
    h1, h2 = 0xDEADBEEF, 0x41C6CE57
    for byte in data:
        h1 = _imul(h1 ^ byte, 2654435761)
        h2 = _imul(h2 ^ byte, 1597334677)
    h1 = _imul(h1 ^ (h1 >> 16), 2246822507)
    h1 ^= _imul(h2 ^ (h2 >> 13), 3266489909)
    h2 = _imul(h2 ^ (h2 >> 16), 2246822507)
    h2 ^= _imul(h1 ^ (h1 >> 13), 3266489909)
    return 4294967296 * (h2 & 0x1FFFFF) + h1


def certificate_code(course_id: str, version: str, name: str, date: str, score: int) -> str:
    """The code for these values, e.g. "RMX23-0H0C3": 50 bits in Crockford base32.

    `date` is the ISO date printed on the certificate (YYYY-MM-DD), `score` the
    final assessment's score in whole percent.
    """
    text = "\n".join(["coursegen-certificate/1", course_id, version, normalize_name(name), date, str(int(score))])
    n = _hash53(text.encode("utf-8")) >> 3
    chars = [ALPHABET[(n >> (5 * i)) & 31] for i in range(9, -1, -1)]
    return "".join(chars[:5]) + "-" + "".join(chars[5:])


def clean_code(code: str) -> str:
    """A code as a trainer may type it: any case, with or without the hyphen, O for 0, I or L for 1."""
    raw = re.sub(r"[\s-]", "", code.upper()).translate(str.maketrans("OIL", "011"))
    return raw[:5] + "-" + raw[5:] if len(raw) == 10 else raw


def parse_score(text: str) -> int:
    """'85', '85%' or '85 %' → 85; anything else raises ValueError."""
    match = re.fullmatch(r"\s*(\d{1,3})\s*%?\s*", text)
    if not match or int(match.group(1)) > 100:
        raise ValueError(f"the score must be a whole percentage from 0 to 100, like 85, not {text!r}")
    return int(match.group(1))


def check_date(text: str) -> str:
    from datetime import date

    if not _DATE.match(text.strip()):
        raise ValueError(f"the date must be written YYYY-MM-DD, as on the certificate, not {text!r}")
    try:
        date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None
    return text.strip()


def verify(code: str, *, course_id: str, version: str, name: str, date: str, score: int) -> bool:
    return clean_code(code) == certificate_code(course_id, version, name, date, score)
