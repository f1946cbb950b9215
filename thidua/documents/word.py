"""Word papers: a .docx template written in code with docxtpl tags, then rendered by docxtpl.

``DocxTemplateBuilder`` sets up the decree's page (A4, margins, Times New Roman, page numbers
from page 2, centred at the top) and writes the shared pieces every paper uses: ``letterhead()``,
``heading()``, ``signature()``, ``annex_heading()``, ``table()``, and a whole ``decision()``. A
paper's ``docx_body`` calls them and adds its own paragraphs with tags such as
``{{ authority }}`` and loops such as ``each("basis in bases", …)``. The template holds no text
of its own: every word comes from the context, so Word, PDF and Excel say the same thing.
Templates are built once per process.

The decree's rules under the issuing body, the motto and the subject are paragraph borders whose
indents are computed at render time from the font's metrics (``docx.*`` in the context), so a rule
is as long as the motto, and 40 % of the issuing body's or the subject's line.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docxtpl import DocxTemplate

from . import fonts
from . import word_xml as wx
from .layout import (
    HEADER_LEFT_MM,
    MARGINS_MM,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    SIZES,
    TEXT_WIDTH_MM,
    Column,
)

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_PT = 20
SIGNATURE_LEFT_MM = 72
BODY_INDENT_MM = 12.7  # first-line indent of body paragraphs (1-1.27 cm)
RULE_SHARE = 0.4  # rules under the issuing body and the subject: 1/3 to 1/2 of the text


class DocxTemplateBuilder:
    """Writes one paper's .docx template. Containers are the document body or a table cell."""

    def __init__(self) -> None:
        self.doc = Document()
        self._page_setup()
        self._styles()
        self._page_numbers()
        self.doc.core_properties.author = "thidua"
        self.doc.core_properties.title = "{{ docx.title }}"
        self.doc.core_properties.comments = ""

    # --- page, styles, page numbers ----------------------------------------------------------

    def _page_setup(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.top_margin = Mm(MARGINS_MM["top"])
        section.bottom_margin = Mm(MARGINS_MM["bottom"])
        section.left_margin = Mm(MARGINS_MM["left"])
        section.right_margin = Mm(MARGINS_MM["right"])
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)

    def _styles(self) -> None:
        normal = self.doc.styles["Normal"]
        normal.font.name = fonts.FAMILY
        normal.font.size = Pt(SIZES["body"])
        wx.set_all_fonts(normal.element.get_or_add_rPr())
        fmt = normal.paragraph_format
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        normal.element.get_or_add_rPr().append(lang)

    def _page_numbers(self) -> None:
        """Arabic page numbers, centred at the top, not on the first page."""
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        field = OxmlElement("w:fldSimple")
        field.set(qn("w:instr"), "PAGE")
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "2"
        run.append(text)
        field.append(run)
        paragraph._p.append(field)

    # --- paragraphs --------------------------------------------------------------------------

    def paragraph(
        self,
        text: str = "",
        *,
        container=None,
        size: float = SIZES["body"],
        bold: bool = False,
        italic: bool = False,
        align: str = "justify",
        indent: bool = False,
        before: float = 0,
        after: float = 0,
        line_spacing: float = 1.0,
        runs: tuple[tuple[str, bool, bool], ...] = (),
        keep_with_next: bool = False,
    ):
        """One paragraph; ``runs`` (text, bold, italic) replaces ``text`` for mixed styles."""
        p = self._new_paragraph(container)
        p.alignment = ALIGN[align]
        fmt = p.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.line_spacing = line_spacing
        fmt.keep_with_next = keep_with_next
        if indent:
            fmt.first_line_indent = Mm(BODY_INDENT_MM)
        for run_text, run_bold, run_italic in runs or ((text, bold, italic),):
            if run_text:
                run = p.add_run(run_text)
                run.bold, run.italic = run_bold, run_italic
                run.font.size = Pt(size)
        return p

    def tag(self, tag: str, container=None) -> None:
        """A paragraph holding only a docxtpl paragraph tag (removed when rendered)."""
        self.paragraph(tag, container=container, size=2, align="left")

    def each(self, loop: str, body: Callable[[], None], container=None) -> None:
        """Repeat the paragraphs ``body`` writes: ``each("basis in bases", …)``."""
        self.tag("{%p for " + loop + " %}", container)
        body()
        self.tag("{%p endfor %}", container)

    def when(self, condition: str, body: Callable[[], None], container=None) -> None:
        self.tag("{%p if " + condition + " %}", container)
        body()
        self.tag("{%p endif %}", container)

    def rule(self, indent_expr: str, *, container=None, size: float = 4, after: float = 0):
        """A horizontal rule: an empty paragraph with a bottom border, its length set by the
        left and right indents (``indent_expr`` is a docxtpl expression giving twips)."""
        p = self.paragraph("", container=container, size=size, align="center", after=after)
        wx.bottom_border(p)
        wx.indent(p, indent_expr)
        wx.tiny_line(p, size)
        return p

    def page_break(self) -> None:
        p = self._new_paragraph(None)
        p.add_run().add_break(WD_BREAK.PAGE)

    def _new_paragraph(self, container):
        target = container if container is not None else self.doc
        if isinstance(target, _Cell):
            first = target.paragraphs[0]
            if len(target.paragraphs) == 1 and not first.runs and first._p.pPr is None:
                return first
        return target.add_paragraph()

    # --- shared pieces -----------------------------------------------------------------------

    def letterhead(self) -> None:
        """The header (reads ``letterhead``): issuing body with its parent above and a rule,
        national title and motto with a rule (right); number (left), place and date (right)."""
        table = self._borderless_table(2, (HEADER_LEFT_MM, TEXT_WIDTH_MM - HEADER_LEFT_MM))
        left, right = table.cell(0, 0), table.cell(0, 1)
        self.when(
            "letterhead.parent",
            lambda: self.paragraph(
                "{{ letterhead.parent }}", container=left, size=SIZES["issuer"], align="center"
            ),
            left,
        )
        self.each(
            "line in letterhead.issuer",
            lambda: self.paragraph(
                "{{ line }}", container=left, size=SIZES["issuer"], bold=True, align="center"
            ),
            left,
        )
        self.rule("docx.issuer_indent", container=left)
        self.paragraph(
            "{{ letterhead.national_title }}",
            container=right,
            size=SIZES["national_title"],
            bold=True,
            align="center",
        )
        motto = self.paragraph(
            "{{ letterhead.motto }}",
            container=right,
            size=SIZES["motto"],
            bold=True,
            align="center",
        )
        wx.bottom_border(motto)
        wx.indent(motto, "docx.motto_indent")
        self.paragraph(
            "{{ letterhead.number }}",
            container=table.cell(1, 0),
            size=SIZES["number"],
            align="center",
            before=6,
        )
        self.paragraph(
            "{{ letterhead.place_date }}",
            container=table.cell(1, 1),
            size=SIZES["place_date"],
            italic=True,
            align="center",
            before=6,
        )

    def heading(self) -> None:
        """The type of paper and its subject, centred and bold, a rule under (reads ``heading``)."""
        self.paragraph(
            "{{ heading.type }}",
            size=SIZES["type"],
            bold=True,
            align="center",
            before=18,
            keep_with_next=True,
        )
        self.paragraph(
            "{{ heading.subject }}",
            size=SIZES["subject"],
            bold=True,
            align="center",
            keep_with_next=True,
        )
        self.rule("docx.subject_indent", after=12)

    def signature(self) -> None:
        """Recipients bottom left, the signer bottom right (reads ``recipients``, ``signature``)."""
        table = self._borderless_table(1, (SIGNATURE_LEFT_MM, TEXT_WIDTH_MM - SIGNATURE_LEFT_MM))
        wx.cant_split(table.rows[0])
        left, right = table.cell(0, 0), table.cell(0, 1)
        self.paragraph(
            "{{ recipients.label }}",
            container=left,
            size=SIZES["recipients_label"],
            bold=True,
            italic=True,
            align="left",
            before=12,
        )
        self.each(
            "item in recipients.items",
            lambda: self.paragraph(
                "{{ item }}", container=left, size=SIZES["recipients"], align="left"
            ),
            left,
        )
        self.each(
            "line in signature.lines",
            lambda: self.paragraph(
                "{{ line }}", container=right, size=SIZES["signer"], bold=True, align="center"
            ),
            right,
        )
        for _ in range(4):  # room for the signature and the seal
            self.paragraph("", container=right, size=SIZES["signer"], align="center")
        self.paragraph(
            "{{ signature.name }}",
            container=right,
            size=SIZES["signer"],
            bold=True,
            align="center",
            before=24,
        )

    def annex_heading(self, name: str) -> None:
        """A new page: "Phụ lục", its title and "(Kèm theo …)" (reads ``name``: a Table)."""
        self.page_break()
        self.paragraph(f"{{{{ {name}.label }}}}", size=14, bold=True, align="center")
        self.paragraph(f"{{{{ {name}.title }}}}", size=14, bold=True, align="center", before=6)
        self.paragraph(f"{{{{ {name}.subtitle }}}}", size=14, italic=True, align="center")
        self.rule(f"docx.{name}_indent", after=12)

    def table(self, name: str, columns: tuple[Column, ...]) -> None:
        """A ruled table (reads ``name``: a layout.Table): header row repeated on every page,
        group heading rows ("I | Cụm thi đua số IX") when a group has a title, then its rows."""
        count = len(columns)
        total = sum(c.width for c in columns)
        widths = [TEXT_WIDTH_MM * c.width / total for c in columns]
        table = self.doc.add_table(rows=9, cols=count)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        wx.fixed_widths(table, widths)
        size = SIZES["table"]
        header = table.rows[0]
        wx.repeat_header(header)
        for i in range(count):
            self.paragraph(
                f"{{{{ {name}.columns[{i}].header }}}}",
                container=header.cells[i],
                size=size,
                bold=True,
                align="center",
                before=3,
                after=3,
            )
        tags = {
            1: "{%tr for group in " + name + ".groups %}",
            2: "{%tr if group.title %}",
            4: "{%tr endif %}",
            5: "{%tr for row in group.rows %}",
            7: "{%tr endfor %}",
            8: "{%tr endfor %}",
        }
        for index, text in tags.items():
            self.paragraph(text, container=table.cell(index, 0), size=2, align="left")
        group_row = table.rows[3]
        self.paragraph(
            "{{ group.label }}",
            container=group_row.cells[0],
            size=size,
            bold=True,
            align="center",
            before=2,
            after=2,
        )
        title_cell = group_row.cells[1].merge(group_row.cells[count - 1]) if count > 2 else None
        self.paragraph(
            "{{ group.title }}",
            container=title_cell or group_row.cells[1],
            size=size,
            bold=True,
            align="left",
            before=2,
            after=2,
        )
        row = table.rows[6]
        for i, column in enumerate(columns):
            self.paragraph(
                f"{{{{ row.texts[{i}] }}}}",
                container=row.cells[i],
                size=size,
                align=column.align,
                before=2,
                after=2,
            )
        self.when(
            f"{name}.total",
            lambda: self.paragraph(
                f"{{{{ {name}.total }}}}", size=size, italic=True, align="left", before=6
            ),
        )

    def decision(self, annex_columns: tuple[Column, ...]) -> None:
        """A decision (Quyết định): authority, bases, "QUYẾT ĐỊNH:", articles, signature, annex."""
        self.letterhead()
        self.heading()
        self.paragraph("{{ authority }}", bold=True, align="center", after=6)
        self.each(
            "basis in bases",
            lambda: self.paragraph(
                "{{ basis }}", italic=True, indent=True, after=6, line_spacing=1.1
            ),
        )
        self.paragraph("{{ decides }}", bold=True, align="center", before=6, after=6)
        self.each(
            "article in articles",
            lambda: self.paragraph(
                runs=(("{{ article.label }}", True, False), (" {{ article.text }}", False, False)),
                indent=True,
                after=6,
                line_spacing=1.1,
            ),
        )
        self.signature()
        self.annex_heading("annex")
        self.table("annex", annex_columns)

    def _borderless_table(self, rows: int, widths_mm: tuple[float, ...]):
        table = self.doc.add_table(rows=rows, cols=len(widths_mm))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        wx.fixed_widths(table, widths_mm)
        wx.no_cell_margins(table)
        return table

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


# --- rendering --------------------------------------------------------------------------------

_templates: dict[str, bytes] = {}
_lock = threading.Lock()


def template_bytes(paper) -> bytes:
    """The paper's .docx template (built once per process)."""
    with _lock:
        if paper.code not in _templates:
            builder = DocxTemplateBuilder()
            paper.docx_body(builder)
            _templates[paper.code] = builder.to_bytes()
        return _templates[paper.code]


def _rule_indent(column_mm: float, text_pt: float, share: float = 1.0) -> int:
    """Twips to indent left and right so a centred rule is ``share`` of the text's width."""
    column = column_mm * TWIPS_PER_MM
    rule = min(text_pt * TWIPS_PER_PT, column) * share
    return max(0, round((column - rule) / 2))


def measures(context: dict) -> dict:
    """Rule indents and the title for the Word template, from the texts of ``context``."""
    out: dict = {"title": ""}
    letterhead = context.get("letterhead")
    if letterhead is not None:
        issuer = max(
            (fonts.text_width_pt(line, SIZES["issuer"], bold=True) for line in letterhead.issuer),
            default=0,
        )
        out["issuer_indent"] = _rule_indent(HEADER_LEFT_MM, issuer, RULE_SHARE)
        motto = fonts.text_width_pt(letterhead.motto, SIZES["motto"], bold=True)
        out["motto_indent"] = _rule_indent(TEXT_WIDTH_MM - HEADER_LEFT_MM, motto)
    heading = context.get("heading")
    if heading is not None:
        subject = fonts.text_width_pt(heading.subject, SIZES["subject"], bold=True)
        out["subject_indent"] = _rule_indent(TEXT_WIDTH_MM, subject, RULE_SHARE)
        out["title"] = f"{heading.type} {heading.subject}"
    for key, value in context.items():
        subtitle = getattr(value, "subtitle", None)
        if isinstance(subtitle, str):
            width = fonts.text_width_pt(subtitle, 14, italic=True)
            out[f"{key}_indent"] = _rule_indent(TEXT_WIDTH_MM, width, RULE_SHARE)
    return out


@dataclass(frozen=True)
class WordFigure:
    title: str
    image: object  # a docxtpl InlineImage: write it as ``{{ chart.image }}``


def _figures(template: DocxTemplate, context: dict) -> dict:
    """Charts (``charts.Figure``, alone or in a list) as images Word can show: their PNG."""
    from docxtpl import InlineImage

    from .charts import Figure

    def word(figure: Figure) -> WordFigure:
        image = InlineImage(template, io.BytesIO(figure.png()), width=Mm(figure.width_mm))
        return WordFigure(figure.title, image)

    out = {}
    for key, value in context.items():
        if isinstance(value, Figure):
            out[key] = word(value)
        elif isinstance(value, list | tuple) and value and isinstance(value[0], Figure):
            out[key] = [word(v) for v in value]
    return out


def render(paper, context: dict) -> bytes:
    template = DocxTemplate(io.BytesIO(template_bytes(paper)))
    context = {**context, **_figures(template, context)}
    template.render({**context, "docx": measures(context)}, autoescape=True)
    now = timezone.now()
    template.docx.core_properties.created = template.docx.core_properties.modified = now
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()
