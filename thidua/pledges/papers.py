"""The signed pledge as a paper, for the documents engine (imported by DocumentsConfig.ready).

``pledges.signed_pledge`` (Word, PDF): one version of a cluster's pledge in the layout of Nghị
định 30/2020/NĐ-CP — the cluster as the issuing body under its organiser, the place and the day
the last member signed, the theme, the key tasks, the content groups with their criteria and
maximum scores, the total against the scale, the bonus and penalty rules, the grades and the
commitments; then one signature column per member unit with who signed it and when. A version
that is not signed by every member says so at the top and marks each missing signature
"Chưa ký".
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils.translation import pgettext, pgettext_lazy

from thidua.core import vn
from thidua.documents.engine import Paper, register
from thidua.documents.layout import (
    SIZES,
    TEXT_WIDTH_MM,
    Column,
    Group,
    Heading,
    Letterhead,
    Table,
    file_slug,
    make_row,
    marked,
    place_date,
    roman,
    short_parent_name,
    two_digits,
)
from thidua.documents.papers.clusters import cluster_issuer, role_in

from . import queries
from .models import AdjustmentKind, Pledge, PledgeVersion, ScoringMethod, VersionStatus

SIGNATURE_COLUMNS = 3  # member units per row of the signature block


def _points(value) -> str:
    return vn.format_number(Decimal(value))


def criteria_columns() -> tuple[Column, ...]:
    return (
        Column(pgettext("paper", "No."), 8, align="center"),
        Column(pgettext("paper", "Content and criteria"), 62),
        Column(pgettext("paper", "Max. score"), 12, kind="int", align="center"),
    )


def _criterion_text(criterion) -> str:
    """The criterion, with its target and threshold when it is scored against a target."""
    if criterion.method != ScoringMethod.TARGET or criterion.target_value is None:
        return criterion.text
    unit = f" {criterion.target_unit}" if criterion.target_unit else ""
    target = f"{_points(criterion.target_value)}{unit}"
    if not criterion.threshold_value:
        detail = pgettext("paper", "target: %(target)s") % {"target": target}
    else:
        detail = pgettext("paper", "target: %(target)s; below %(threshold)s: 0 points") % {
            "target": target,
            "threshold": f"{_points(criterion.threshold_value)}{unit}",
        }
    return f"{criterion.text} ({detail})"


def _criteria_table(content: dict, version: PledgeVersion, label: str) -> Table:
    columns = criteria_columns()
    groups = []
    for index, group in enumerate(content["groups"], start=1):
        rows = tuple(
            make_row(columns, c.code, _criterion_text(c), Decimal(c.max_score))
            for c in group.criteria.all()
        )
        title = pgettext("paper", "%(group)s (%(points)s points)") % {
            "group": group.title,
            "points": _points(group.total),
        }
        groups.append(Group(label=str(index), title=title, rows=rows))
    total = content["total"]
    line = pgettext("paper", "Total of the maximum scores: %(total)s points (scale %(scale)s).") % {
        "total": _points(total["total"]),
        "scale": vn.format_number(version.scale),
    }
    if not total["matches"]:
        line += " " + pgettext("paper", "The total does not match the scale yet.")
    return Table(
        columns=columns,
        groups=tuple(groups),
        title=label,
        total=line,
        sheet=pgettext("paper", "Criteria"),
    )


def _rule_lines(content: dict, version: PledgeVersion) -> list[str]:
    lines = []
    for rule in content["rules"]:
        if rule.kind == AdjustmentKind.BONUS:
            text = pgettext("paper", "- Plus %(points)s point(s) each time: %(rule)s")
        else:
            text = pgettext("paper", "- Minus %(points)s point(s) each time: %(rule)s")
        text %= {"points": _points(rule.points), "rule": rule.text}
        if rule.criterion_id:
            text += " " + pgettext("paper", "(criterion %(code)s)") % {"code": rule.criterion.code}
        elif rule.group_id:
            text += " " + pgettext("paper", "(group: %(group)s)") % {"group": rule.group.title}
        lines.append(text + ";")
    lines.append(
        pgettext(
            "paper",
            "Bonus points count up to %(bonus)s points and penalty points up to %(penalty)s "
            "points in all.",
        )
        % {"bonus": _points(version.bonus_cap), "penalty": _points(version.penalty_cap)}
    )
    return lines


def _grade_lines(content: dict) -> list[str]:
    lines = []
    for grade in content["grades"]:
        text = pgettext("paper", "- %(grade)s: from %(points)s points") % {
            "grade": grade.label,
            "points": _points(grade.min_score),
        }
        if grade.excluded_by_zero_criterion:
            text += pgettext("paper", ", with no criterion scored 0")
        lines.append(text + ";")
    return lines


def _sample_note(version: PledgeVersion, content: dict) -> str:
    """Which parts of the text are sample data (the demo's), so nobody takes them as fact."""
    parts = []
    if any(t.is_sample for t in content["key_tasks"]):
        parts.append(pgettext("paper", "the key tasks"))
    if any(g.is_sample for g in content["groups"]):
        parts.append(pgettext("paper", "the content groups"))
    if any(c.is_sample for g in content["groups"] for c in g.criteria.all()):
        parts.append(pgettext("paper", "the criteria and their scores"))
    if any(r.is_sample for r in content["rules"]):
        parts.append(pgettext("paper", "the bonus and penalty rules"))
    if not parts and version.is_sample:
        parts.append(pgettext("paper", "the settings"))
    if not parts:
        return ""
    return pgettext("paper", "Note: %(parts)s are sample data.") % {
        "parts": pgettext("paper", ", ").join(parts)
    }


def _signature_cells(cluster, signing: list[dict]) -> list[dict]:
    """One cell per member unit, the leader and the deputy first, then in Vietnamese order."""
    first = {cluster.leader_id: 0, cluster.deputy_id: 1}
    rows = sorted(signing, key=lambda r: first.get(r["unit"].pk, 2))
    cells = []
    for row in rows:
        unit, signature = row["unit"], row["signature"]
        cell = {
            "unit": marked(short_parent_name(unit), unit.is_sample),
            "role": role_in(cluster, unit),
            "signed": signature is not None,
            "status": pgettext("paper", "Not signed"),
            "name": "",
            "position": "",
        }
        if signature is not None:
            cell.update(
                status=pgettext("paper", "Signed %(date)s")
                % {"date": vn.format_short_date(signature.signed_on)},
                name=str(signature.signed_by),
                position=pgettext("paper", "Emulation officer of the unit"),
            )
        cells.append(cell)
    return cells


def _grid(cells: list[dict]) -> list[list[dict]]:
    """The cells in rows of SIGNATURE_COLUMNS, the last row padded with blank cells."""
    blank = {"unit": "", "role": "", "signed": True, "status": "", "name": "", "position": ""}
    rows = []
    for start in range(0, len(cells), SIGNATURE_COLUMNS):
        row = cells[start : start + SIGNATURE_COLUMNS]
        rows.append(row + [blank] * (SIGNATURE_COLUMNS - len(row)))
    return rows


def _state_line(version: PledgeVersion, signed: int, members: int) -> str:
    if version.status == VersionStatus.DRAFT:
        return pgettext("paper", "DRAFT — not open for signing yet")
    if signed < members:
        return pgettext(
            "paper", "NOT FULLY SIGNED — %(signed)s of %(members)s member units have signed"
        ) % {"signed": two_digits(signed), "members": two_digits(members)}
    return ""


def signed_pledge_context(*, pledge_version: PledgeVersion) -> dict:
    version = pledge_version
    cluster = version.pledge.cluster
    year = cluster.emulation_year.year
    issuer = cluster_issuer(cluster)
    content = queries.version_content(version)
    signing = queries.signing_status(version)
    signatures = [r["signature"] for r in signing if r["signature"] is not None]
    fully_signed = bool(signing) and len(signatures) == len(signing)
    signed_on: datetime.date | None = (
        max(s.signed_on for s in signatures) if fully_signed and version.is_locked else None
    )
    cluster_name = marked(cluster.name, cluster.is_sample)
    subject = cluster_name
    if version.is_amendment:
        subject += " " + pgettext("paper", "(amendment no. %(number)s)") % {
            "number": version.number - 1
        }
    intro = pgettext(
        "paper",
        "The %(count)s member units of %(cluster)s (%(names)s) agree on and sign the emulation "
        "pledge of %(year)s with the following content:",
    ) % {
        "count": two_digits(len(signing)),
        "cluster": cluster.name,
        "names": pgettext("paper", ", ").join(r["unit"].short_name for r in signing),
        "year": year,
    }
    before, after = [], []
    number = 0

    def part(title: str, lines: list[str], into: list) -> None:
        nonlocal number
        number += 1
        into.append({"title": f"{roman(number)}. {title}", "lines": lines})

    if version.theme.strip():
        part(pgettext("paper", "THEME OF THE YEAR"), [version.theme.strip()], before)
    if content["key_tasks"]:
        tasks = [f"{i}. {t.text}" for i, t in enumerate(content["key_tasks"], start=1)]
        part(pgettext("paper", "KEY TASKS"), tasks, before)
    number += 1
    table = _criteria_table(
        content, version, f"{roman(number)}. " + pgettext("paper", "CONTENT, CRITERIA AND SCORES")
    )
    part(pgettext("paper", "BONUS AND PENALTY POINTS"), _rule_lines(content, version), after)
    if content["grades"]:
        part(pgettext("paper", "GRADES"), _grade_lines(content), after)
    if version.commitments.strip():
        lines = [line.strip() for line in version.commitments.splitlines() if line.strip()]
        part(pgettext("paper", "COMMITMENTS"), lines, after)
    note = _sample_note(version, content)
    return {
        "letterhead": Letterhead.make(
            issuer, number="", place_date=place_date(issuer.place, signed_on, year=year)
        ),
        "heading": Heading(type=version.title.upper(), subject=subject),
        "state": _state_line(version, len(signatures), len(signing)),
        "note": note,
        "intro": intro,
        "before": before,
        "table": table,
        "after": after,
        "signers_title": pgettext("paper", "SIGNATURES OF THE MEMBER UNITS"),
        "signers": _grid(_signature_cells(cluster, signing)),
        "filename": file_slug(
            pgettext("paper", "pledge"), cluster.name, str(year), f"v{version.number}"
        ),
    }


# --- the Word template -------------------------------------------------------------------------


def _signature_block(builder) -> None:
    """Rows of member units, each cell: unit, role, signed when (or "Chưa ký"), name, position."""
    from thidua.documents import word_xml as wx

    builder.paragraph(
        "{{ signers_title }}", bold=True, align="center", before=18, after=6, keep_with_next=True
    )
    table = builder.doc.add_table(rows=4, cols=SIGNATURE_COLUMNS)
    wx.fixed_widths(table, [TEXT_WIDTH_MM / SIGNATURE_COLUMNS] * SIGNATURE_COLUMNS)
    wx.no_cell_margins(table)
    # Two table rows per row of units, so the names line up even when a unit's name wraps.
    builder.paragraph("{%tr for row in signers %}", container=table.cell(0, 0), size=2)
    builder.paragraph("{%tr endfor %}", container=table.cell(3, 0), size=2)
    size = SIZES["table"]
    for i in range(SIGNATURE_COLUMNS):
        top, bottom = table.cell(1, i), table.cell(2, i)
        cell = f"row[{i}]"
        builder.paragraph(
            f"{{{{ {cell}.unit }}}}",
            container=top,
            size=size,
            bold=True,
            align="center",
            keep_with_next=True,
        )
        builder.paragraph(
            f"{{{{ {cell}.role }}}}", container=top, size=12, align="center", keep_with_next=True
        )
        builder.paragraph(
            f"{{{{ {cell}.status }}}}",
            container=bottom,
            size=12,
            italic=True,
            bold=True,
            align="center",
            before=6,
        )
        builder.paragraph(
            f"{{{{ {cell}.name }}}}",
            container=bottom,
            size=size,
            bold=True,
            align="center",
            before=54,
        )
        builder.paragraph(
            f"{{{{ {cell}.position }}}}",
            container=bottom,
            size=12,
            italic=True,
            align="center",
            after=12,
        )
    wx.cant_split(table.rows[2])


def _docx(builder) -> None:
    builder.letterhead()
    builder.heading()
    builder.when(
        "state",
        lambda: builder.paragraph("{{ state }}", bold=True, align="center", after=6),
    )
    builder.when(
        "note",
        lambda: builder.paragraph("{{ note }}", size=12, italic=True, align="center", after=6),
    )
    builder.paragraph("{{ intro }}", indent=True, after=6, line_spacing=1.1)

    def part() -> None:
        builder.paragraph(
            "{{ part.title }}", bold=True, align="left", before=6, keep_with_next=True
        )
        builder.each(
            "line in part.lines",
            lambda: builder.paragraph("{{ line }}", indent=True, after=3, line_spacing=1.1),
        )

    def parts(name: str) -> None:
        builder.each(f"part in {name}", part)

    parts("before")
    builder.paragraph("{{ table.title }}", bold=True, align="left", before=6, keep_with_next=True)
    builder.table("table", criteria_columns())
    parts("after")
    _signature_block(builder)


def _samples():
    """The demo's Cụm IX 2020 pledge and the Cầu Giấy wards' 2018 one (their latest versions)."""
    pledges = Pledge.objects.filter(
        cluster__name__in=("Cụm thi đua số IX", "Cụm thi đua các phường quận Cầu Giấy"),
        cluster__emulation_year__year__in=(2018, 2020),
    ).select_related("cluster__emulation_year__unit", "cluster__leader", "cluster__deputy")
    for pledge in pledges.order_by("cluster__emulation_year__year", "pk"):
        version = pledge.versions.order_by("-number").first()
        if version is not None:
            version.pledge = pledge
            yield {"pledge_version": version}


SIGNED_PLEDGE = register(
    Paper(
        code="pledges.signed_pledge",
        title=pgettext_lazy("paper", "The signed emulation pledge of a cluster"),
        build_context=signed_pledge_context,
        formats=("docx", "pdf"),
        html_template="pledges/papers/signed_pledge.html",
        docx_body=_docx,
        samples=_samples,
    )
)
