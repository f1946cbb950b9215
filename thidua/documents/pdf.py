"""PDF papers: the paper's Django template (print CSS for A4 and the decree's layout) through
WeasyPrint. The font is "Times New Roman" as fontconfig resolves it, embedded (subset) in the PDF.
Nothing is fetched: a paper's HTML refers to no outside resource, and the URL fetcher refuses
any.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from . import fonts
from .layout import HEADER_LEFT_MM, MARGINS_MM, SIZES, TEXT_WIDTH_MM


def page_context() -> dict:
    """Numbers the print CSS needs, from the same constants as the Word template."""
    return {
        "font_family": fonts.FAMILY,
        "margins": MARGINS_MM,
        "sizes": SIZES,
        "header_left_mm": HEADER_LEFT_MM,
        "header_right_mm": TEXT_WIDTH_MM - HEADER_LEFT_MM,
    }


def render_html(paper, context: dict) -> str:
    return render_to_string(paper.html_template, {**context, "page": page_context()})


def render(paper, context: dict) -> bytes:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    html = render_html(paper, context)
    # No protocol is allowed: a paper never loads anything from outside (runs offline).
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=()))
    return document.write_pdf(font_config=FontConfiguration())
