"""The typeface of official papers: "Times New Roman" (Nghị định 30/2020/NĐ-CP, Phụ lục I).

Papers name the family "Times New Roman"; fontconfig resolves it on the server (to Tinos when
fonts-croscore is installed: metric-compatible and complete for Vietnamese), and Word resolves it
on the reader's machine. This module finds the file fontconfig picks, measures text with its
metrics (to draw the decree's rules exactly as long as a line of text in Word) and lists the
Vietnamese letters a font lacks.
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from functools import lru_cache
from pathlib import Path

FAMILY = "Times New Roman"

_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền, hỏi, ngã, sắc, nặng


def vietnamese_letters() -> str:
    """The 134 Vietnamese letters outside ASCII: 66 toned or modified vowels and đ, both cases."""
    lower = [unicodedata.normalize("NFC", vowel + tone) for vowel in _VOWELS for tone in _TONES] + [
        "đ"
    ]
    letters = [ch for ch in lower if not ch.isascii()]
    return "".join(letters + [ch.upper() for ch in letters])


@lru_cache(maxsize=8)
def font_file(*, bold: bool = False, italic: bool = False, family: str = FAMILY) -> Path | None:
    """The font file fontconfig uses for ``family`` (None without fontconfig or a match)."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    style = ":".join(part for part, on in (("bold", bold), ("italic", italic)) if on)
    pattern = f"{family}:{style}" if style else family
    try:
        found = subprocess.run(
            [fc_match, "-f", "%{file}", pattern],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(found)
    return path if found and path.is_file() else None


@lru_cache(maxsize=8)
def _metrics(bold: bool, italic: bool) -> tuple[dict[int, str], dict[str, int], int] | None:
    path = font_file(bold=bold, italic=italic)
    if path is None:
        return None
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        widths = {name: advance for name, (advance, _lsb) in font["hmtx"].metrics.items()}
        return dict(font.getBestCmap()), widths, font["head"].unitsPerEm


def text_width_pt(text: str, size_pt: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width of one line of ``text`` set in ``size_pt`` points (an estimate without the font)."""
    metrics = _metrics(bold, italic)
    if metrics is None:
        return len(text) * size_pt * (0.55 if bold else 0.5)
    cmap, widths, units = metrics
    fallback = units // 2
    total = sum(widths.get(cmap.get(ord(ch), ""), fallback) for ch in text)
    return total * size_pt / units


def missing_letters(path: Path) -> str:
    """The Vietnamese letters that the font file at ``path`` has no glyph for."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        cmap = font.getBestCmap()
    return "".join(ch for ch in vietnamese_letters() if ord(ch) not in cmap)
