"""Papers of the reports app (imported by DocumentsConfig.ready):

- ``reports.year_report`` (Word, PDF, Excel): a year's figures for a unit with everything under
  it (or a cluster's members): awards by title and form, by level, by sex, year over year, the
  bonus owed, registrations and new models, published rankings, and the same charts as the page;
- ``reports.annual_summary`` (Word, PDF): the year-end review report (báo cáo tổng kết) as the
  officer edited it, in the decree's layout.

And a batch: the year report of every member unit of a cluster.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import pgettext, pgettext_lazy

from thidua.clusters.models import Cluster
from thidua.core import vn
from thidua.documents.batches import BatchKind, register_batch
from thidua.documents.charts import Figure
from thidua.documents.engine import Paper, register
from thidua.documents.layout import (
    Column,
    Group,
    Heading,
    Issuer,
    Letterhead,
    Recipients,
    Signature,
    Table,
    file_slug,
    issuer_for_unit,
    make_row,
    number_line,
    place_date,
)
from thidua.documents.papers.clusters import cluster_issuer
from thidua.organizations.models import Unit

from . import report as report_module
from .queries import Scope, subject_label, unit_scope

REPORT = "BC"


def scope_issuer(scope: Scope) -> Issuer:
    if scope.cluster is not None:
        return cluster_issuer(scope.cluster)
    return issuer_for_unit(scope.unit)


def _table(columns, rows, title: str, sheet: str, total: str = "") -> Table:
    return Table(
        columns=columns,
        groups=(Group(label="", title="", rows=tuple(rows)),),
        title=title,
        total=total,
        sheet=sheet[:31],
    )


def award_columns() -> tuple[Column, ...]:
    return (
        Column(pgettext("report", "No."), 6, kind="int", align="center"),
        Column(pgettext("report", "Title or form"), 50),
        Column(pgettext("report", "Individuals"), 14, kind="int", align="center"),
        Column(pgettext("report", "Collectives"), 14, kind="int", align="center"),
        Column(pgettext("report", "Total"), 12, kind="int", align="center"),
    )


def level_columns() -> tuple[Column, ...]:
    return (
        Column(pgettext("report", "Level"), 50),
        Column(pgettext("report", "Individuals"), 16, kind="int", align="center"),
        Column(pgettext("report", "Collectives"), 16, kind="int", align="center"),
    )


def year_columns() -> tuple[Column, ...]:
    return (
        Column(pgettext("report", "Year"), 16, align="center"),
        Column(pgettext("report", "Emulation titles"), 26, kind="int", align="center"),
        Column(pgettext("report", "Forms of commendation"), 26, kind="int", align="center"),
        Column(pgettext("report", "Total"), 16, kind="int", align="center"),
    )


def bonus_columns() -> tuple[Column, ...]:
    return (
        Column(pgettext("report", "Title or form"), 44),
        Column(pgettext("report", "Awarded to"), 18),
        Column(pgettext("report", "Number"), 12, kind="int", align="center"),
        Column(pgettext("report", "Amount (đồng)"), 22, kind="int", align="right"),
    )


def score_columns() -> tuple[Column, ...]:
    return (
        Column(pgettext("report", "Cluster or bloc"), 26),
        Column(pgettext("report", "Unit"), 34),
        Column(pgettext("report", "Rank"), 12, align="center"),
        Column(pgettext("report", "Score"), 12, align="center"),
        Column(pgettext("report", "Grade"), 16, align="center"),
    )


def model_columns() -> tuple[Column, ...]:
    return (
        Column(pgettext("report", "No."), 6, kind="int", align="center"),
        Column(pgettext("report", "Unit"), 36),
        Column(pgettext("report", "New model"), 58),
    )


def year_report_context(*, scope: Scope, on: datetime.date | None = None, number: str = "") -> dict:
    """The year's figures of ``scope`` as a report dated ``on`` (today by default)."""
    on = on or timezone.localdate()
    built = report_module.build(scope, today=on)
    issuer = scope_issuer(scope)
    year = scope.year
    awards = _table(
        award_columns(),
        [
            make_row(award_columns(), i, line.name, line.individuals, line.collectives, line.total)
            for i, line in enumerate(built.awards, start=1)
        ],
        pgettext("report", "Awards of %(year)s by title and form") % {"year": year},
        pgettext("report", "Awards"),
        total=pgettext("report", "Total: %(count)s awards.")
        % {"count": vn.format_number(built.award_total)},
    )
    levels = _table(
        level_columns(),
        [make_row(level_columns(), label, i, c) for label, i, c in built.levels],
        pgettext("report", "By level"),
        pgettext("report", "Levels"),
    )
    years = _table(
        year_columns(),
        [make_row(year_columns(), str(y), t, f, t + f) for y, t, f in built.years],
        pgettext("report", "Year over year"),
        pgettext("report", "Years"),
    )
    bonus = built.bonus
    bonus_table = _table(
        bonus_columns(),
        [
            make_row(
                bonus_columns(),
                line.name,
                subject_label(line.subject_kind),
                line.count,
                line.amount,
            )
            for line in bonus.lines
        ],
        pgettext("report", "Bonus owed"),
        pgettext("report", "Bonus"),
        total=pgettext("report", "Total bonus: %(amount)s.")
        % {"amount": vn.format_vnd(bonus.total)},
    )
    if bonus.base_salary is not None:
        salary = pgettext(
            "report", "Base salary in force: %(amount)s from %(date)s (%(basis)s)."
        ) % {
            "amount": vn.format_vnd(bonus.base_salary.amount),
            "date": vn.format_short_date(bonus.base_salary.valid_from),
            "basis": bonus.base_salary.basis,
        }
    else:
        salary = pgettext("report", "No base salary is recorded for that date.")
    unpriced = (
        pgettext(
            "report",
            "%(count)s awards have no multiple or base salary in force on their decision's date "
            "and are not counted in the amount.",
        )
        % {"count": vn.format_number(bonus.unpriced)}
        if bonus.unpriced
        else ""
    )
    sexes = built.sexes
    sex_text = pgettext(
        "report",
        "Individuals awarded: %(women)s women, %(men)s men, %(unknown)s whose sex is not "
        "recorded; collectives awarded: %(collectives)s.",
    ) % {k: vn.format_number(v) for k, v in sexes.items()}
    regs = built.registrations
    registration_text = pgettext(
        "report",
        "%(registered)s of %(members)s cluster memberships registered for the emulation, with "
        "%(thematic)s thematic emulations and %(models)s new models.",
    ) % {
        "registered": vn.format_number(regs.registered),
        "members": vn.format_number(regs.members),
        "thematic": vn.format_number(built.thematic),
        "models": vn.format_number(built.new_model_count),
    }
    titles_text = "; ".join(f"{name}: {vn.format_number(n)}" for name, n in built.registered_titles)
    models = _table(
        model_columns(),
        [
            make_row(model_columns(), i, m.registration.unit.name, m.name)
            for i, m in enumerate(regs.new_models, start=1)
        ],
        pgettext("report", "New models"),
        pgettext("report", "New models"),
    )
    scores = _table(
        score_columns(),
        [
            make_row(
                score_columns(),
                s.cluster,
                s.unit,
                f"{s.rank}/{s.members}",
                vn.format_number(s.total),
                s.grade,
            )
            for s in built.scores
        ],
        pgettext("report", "Published rankings"),
        pgettext("report", "Rankings"),
    )
    heading = Heading(
        type=pgettext("report", "REPORT"),
        subject=pgettext("report", "Emulation and commendation figures of %(year)s of %(scope)s")
        % {"year": year, "scope": scope.name},
    )
    symbol = f"{REPORT}-{issuer.symbol}" if issuer.symbol else REPORT
    return {
        "letterhead": Letterhead.make(
            issuer,
            number=number_line(symbol, number),
            place_date=place_date(issuer.place, on),
        ),
        "heading": heading,
        "sections": {
            "awards": pgettext("report", "I. AWARDS BY TITLE AND FORM"),
            "levels": pgettext("report", "II. AWARDS BY LEVEL AND BY SEX"),
            "years": pgettext("report", "III. YEAR OVER YEAR"),
            "bonus": pgettext("report", "IV. BONUS OWED"),
            "registrations": pgettext("report", "V. REGISTRATIONS AND NEW MODELS"),
            "scores": pgettext("report", "VI. PUBLISHED RANKINGS"),
            "charts": pgettext("report", "VII. CHARTS"),
        },
        "awards": awards,
        "levels": levels,
        "sex_text": sex_text,
        "years": years,
        "bonus": bonus_table,
        "salary": salary,
        "unpriced": unpriced,
        "registration_text": registration_text,
        "titles_text": (
            pgettext("report", "Titles and forms registered: %(titles)s.") % {"titles": titles_text}
            if titles_text
            else ""
        ),
        "models": models,
        "scores": scores,
        "no_scores": pgettext("report", "No ranking of the year is published.")
        if not built.scores
        else "",
        "charts": [Figure(spec) for spec in built.charts()],
        "recipients": Recipients(
            label=pgettext("report", "Recipients:"),
            items=(
                pgettext("report", "- The Emulation and Commendation Council;"),
                pgettext("report", "- Filed: Records, Emulation and Commendation."),
            ),
        ),
        "signature": Signature(lines=issuer.signer_lines or (pgettext("report", "HEAD OF UNIT"),)),
        "table": awards,
        "filename": file_slug(heading.type, heading.subject),
    }


def _section(builder, key: str) -> None:
    builder.paragraph(
        "{{ sections." + key + " }}",
        bold=True,
        align="left",
        before=12,
        after=6,
        keep_with_next=True,
    )


def _year_report_docx(builder) -> None:
    builder.letterhead()
    builder.heading()
    _section(builder, "awards")
    builder.table("awards", award_columns())
    _section(builder, "levels")
    builder.table("levels", level_columns())
    builder.paragraph("{{ sex_text }}", indent=True, before=6)
    _section(builder, "years")
    builder.table("years", year_columns())
    _section(builder, "bonus")
    builder.paragraph("{{ salary }}", indent=True, after=6)
    builder.table("bonus", bonus_columns())
    builder.when("unpriced", lambda: builder.paragraph("{{ unpriced }}", indent=True, before=6))
    _section(builder, "registrations")
    builder.paragraph("{{ registration_text }}", indent=True, after=6)
    builder.when(
        "titles_text", lambda: builder.paragraph("{{ titles_text }}", indent=True, after=6)
    )
    builder.table("models", model_columns())
    _section(builder, "scores")
    builder.when("no_scores", lambda: builder.paragraph("{{ no_scores }}", indent=True))
    builder.table("scores", score_columns())
    _section(builder, "charts")
    builder.each(
        "chart in charts",
        lambda: builder.paragraph("{{ chart.image }}", align="center", before=6, after=6),
    )
    builder.signature()


def _report_samples():
    for unit in Unit.objects.filter(parent__isnull=True).order_by("pk")[:1]:
        yield {"scope": unit_scope(unit, timezone.localdate().year - 1)}
    # The award report of the demo's Hoàng Mai for 2019 (seeds 001 and 004).
    for unit in Unit.objects.filter(short_name="Hoàng Mai").order_by("pk")[:1]:
        yield {"scope": unit_scope(unit, 2019)}


YEAR_REPORT = register(
    Paper(
        code="reports.year_report",
        title=pgettext_lazy("report", "Emulation and commendation figures of a year"),
        build_context=year_report_context,
        formats=("docx", "pdf", "xlsx"),
        html_template="reports/papers/year_report.html",
        docx_body=_year_report_docx,
        samples=_report_samples,
    )
)


# --- the annual summary (báo cáo tổng kết), as the officer edited it ------------------------------


def annual_summary_context(
    *, scope: Scope, text: str, on: datetime.date | None = None, number: str = ""
) -> dict:
    """The edited text of the year-end review report in the decree's layout: a paragraph per
    block of lines; a line in capitals (a part's heading) is set in bold."""
    on = on or timezone.localdate()
    issuer = scope_issuer(scope)
    paragraphs = []
    for block in text.replace("\r\n", "\n").split("\n"):
        line = block.strip()
        if line:
            paragraphs.append(
                {"text": line, "bold": line.upper() == line and any(c.isalpha() for c in line)}
            )
    heading = Heading(
        type=pgettext("report", "REPORT"),
        subject=pgettext("report", "Review of the emulation and commendation work of %(year)s")
        % {"year": scope.year},
    )
    symbol = f"{REPORT}-{issuer.symbol}" if issuer.symbol else REPORT
    return {
        "letterhead": Letterhead.make(
            issuer, number=number_line(symbol, number), place_date=place_date(issuer.place, on)
        ),
        "heading": heading,
        "paragraphs": paragraphs,
        "recipients": Recipients(
            label=pgettext("report", "Recipients:"),
            items=(
                pgettext("report", "- The Emulation and Commendation Council;"),
                pgettext("report", "- Filed: Records, Emulation and Commendation."),
            ),
        ),
        "signature": Signature(lines=issuer.signer_lines or (pgettext("report", "HEAD OF UNIT"),)),
        "filename": file_slug(heading.type, heading.subject, scope.name),
    }


def _summary_docx(builder) -> None:
    builder.letterhead()
    builder.heading()
    builder.each(
        "p in paragraphs",
        lambda: builder.paragraph(
            runs=(
                ("{% if p.bold %}{{ p.text }}{% endif %}", True, False),
                ("{% if not p.bold %}{{ p.text }}{% endif %}", False, False),
            ),
            indent=True,
            after=6,
            line_spacing=1.1,
        ),
    )
    builder.signature()


ANNUAL_SUMMARY = register(
    Paper(
        code="reports.annual_summary",
        title=pgettext_lazy("report", "Year-end review report (draft edited by the officer)"),
        build_context=annual_summary_context,
        formats=("docx", "pdf"),
        html_template="reports/papers/annual_summary.html",
        docx_body=_summary_docx,
    )
)


# --- batch: the year report of every member unit of a cluster ----------------------------------


def _member_items(cluster: Cluster):
    from thidua.documents.queries import members_of

    year = cluster.emulation_year.year
    return [(unit.name, {"unit": unit.pk, "year": year}) for unit in members_of(cluster)]


def _load_member(params: dict) -> dict:
    return {"scope": unit_scope(Unit.objects.get(pk=params["unit"]), int(params["year"]))}


MEMBER_REPORTS = register_batch(
    BatchKind(
        code="reports.member_reports",
        title=pgettext_lazy("batch", "Year reports of every member unit of the cluster"),
        paper=YEAR_REPORT.code,
        scope="cluster",
        items=_member_items,
        load=_load_member,
        formats=("docx", "pdf"),
    )
)
