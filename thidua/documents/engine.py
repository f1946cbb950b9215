"""The document engine: a registry of papers and one ``render`` for Word, PDF and Excel.

A paper is a context builder plus its templates:

- ``build_context(**kwargs) -> dict`` reads the database (objects the caller has already
  access-checked) and returns plain data: the shared parts from ``layout`` (``letterhead``,
  ``heading``, ``signature``, ``recipients``), the paper's own text, a ``table`` for Excel, and
  ``filename`` (ASCII, no extension);
- ``html_template``: a Django template for the PDF, extending ``documents/paper.html`` and
  including the shared ``documents/_letterhead.html``, ``_heading.html``, ``_signature.html``,
  ``_table.html``;
- ``docx_body(builder)``: writes the body of the Word template with docxtpl tags through
  ``word.DocxTemplateBuilder`` (whose ``letterhead()``, ``heading()``, ``signature()`` and
  ``table()`` are the shared pieces);
- the Excel workbook is the context's ``table`` (``layout.Table``) under a title block.

Apps add papers in a ``papers.py`` module (imported by ``DocumentsConfig.ready``) with
``register(Paper(...))``. Everything renders under Vietnamese, whatever the request's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import translation

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
PAPER_LANGUAGE = "vi"


class UnsupportedFormat(LookupError):
    """The paper is not made in the asked format."""


@dataclass(frozen=True)
class Paper:
    code: str  # "clusters.year_decision"
    title: Any  # a (lazy) translated title, for lists of papers
    build_context: Callable[..., dict]
    formats: tuple[str, ...]
    html_template: str = ""  # for "pdf"
    docx_body: Callable[[Any], None] | None = None  # for "docx"
    # Preview samples from the demo data: yields kwargs for build_context.
    samples: Callable[[], Iterable[dict]] | None = None

    def __post_init__(self) -> None:
        unknown = set(self.formats) - set(CONTENT_TYPES)
        if unknown:
            raise ValueError(f"{self.code}: unknown formats {sorted(unknown)}")
        if "pdf" in self.formats and not self.html_template:
            raise ValueError(f"{self.code}: a PDF needs html_template")
        if "docx" in self.formats and self.docx_body is None:
            raise ValueError(f"{self.code}: a Word file needs docx_body")


_REGISTRY: dict[str, Paper] = {}


def register(paper: Paper) -> Paper:
    existing = _REGISTRY.get(paper.code)
    if existing is not None and existing is not paper:
        raise ValueError(f"paper {paper.code!r} is registered twice")
    _REGISTRY[paper.code] = paper
    return paper


def get_paper(code: str) -> Paper:
    try:
        return _REGISTRY[code]
    except KeyError:
        raise LookupError(f"no paper {code!r}") from None


def all_papers() -> list[Paper]:
    return sorted(_REGISTRY.values(), key=lambda p: p.code)


def build_context(paper: Paper | str, **kwargs) -> dict:
    """The paper's context, built under Vietnamese (for tests and previews)."""
    paper = get_paper(paper) if isinstance(paper, str) else paper
    with translation.override(PAPER_LANGUAGE):
        return paper.build_context(**kwargs)


def render(paper: Paper | str, fmt: str, **kwargs) -> tuple[bytes, str, str]:
    """Render ``paper`` as ``fmt``: returns (bytes, file name, content type)."""
    paper = get_paper(paper) if isinstance(paper, str) else paper
    if fmt not in paper.formats:
        raise UnsupportedFormat(f"{paper.code} is not made as {fmt!r}")
    with translation.override(PAPER_LANGUAGE):
        context = paper.build_context(**kwargs)
        data = _RENDERERS[fmt](paper, context)
    return data, f"{context['filename']}.{fmt}", CONTENT_TYPES[fmt]


def _render_docx(paper: Paper, context: dict) -> bytes:
    from . import word

    return word.render(paper, context)


def _render_pdf(paper: Paper, context: dict) -> bytes:
    from . import pdf

    return pdf.render(paper, context)


def _render_xlsx(paper: Paper, context: dict) -> bytes:
    from . import excel

    return excel.render(context)


_RENDERERS: dict[str, Callable[[Paper, dict], bytes]] = {
    "docx": _render_docx,
    "pdf": _render_pdf,
    "xlsx": _render_xlsx,
}
