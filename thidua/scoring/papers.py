"""The papers of a scoring round, for the documents engine (imported by DocumentsConfig.ready).

- ``scoring.score_sheet`` (Excel, PDF): the full score sheet — every criterion (by content group)
  and every bonus or penalty rule against every unit's final points, then each unit's base score,
  capped bonus and penalty, total, rank and grade;
- ``scoring.discrepancy_minutes`` (Word, PDF): the minutes of the review of the differences
  between self and cross scores, with the validated score and the reason for each.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import pgettext, pgettext_lazy

from thidua.core import vn
from thidua.documents.engine import Paper, register
from thidua.documents.layout import (
    Column,
    Group,
    Heading,
    Letterhead,
    Recipients,
    Row,
    Signature,
    Table,
    file_slug,
    make_row,
    marked,
    place_date,
    roman,
    two_digits,
)
from thidua.documents.papers.clusters import cluster_issuer
from thidua.pledges.models import AdjustmentKind, AdjustmentRule

from . import queries
from .models import RoundStatus, ScoringRound


def _points(value) -> str:
    return "" if value is None else vn.format_number(Decimal(value))


def _row(columns: tuple[Column, ...], values: list) -> Row:
    """A row whose score cells are numbers in Excel and "2,5" in Word and PDF."""
    texts = tuple(
        _points(v) if isinstance(v, Decimal) else ("" if v is None else str(v)) for v in values
    )
    return Row(values=tuple(values), texts=texts, aligns=tuple(c.align for c in columns))


def _title(scoring_round: ScoringRound) -> str:
    cluster = scoring_round.cluster
    return marked(cluster.name, cluster.is_sample or scoring_round.is_sample)


def _paper_date(scoring_round: ScoringRound):
    moment = scoring_round.published_at or scoring_round.closed_at
    return timezone.localtime(moment).date() if moment else None


# --- the score sheet ---------------------------------------------------------------------------


def score_sheet_context(*, scoring_round: ScoringRound) -> dict:
    cluster = scoring_round.cluster
    year = cluster.emulation_year.year
    issuer = cluster_issuer(cluster)
    board = queries.scoreboard(scoring_round)
    rows_by_rank = board.rows
    units = [r.unit for r in rows_by_rank]
    cells = queries.score_matrix(scoring_round)
    columns = (
        Column(pgettext("paper", "No."), 5, align="center"),
        Column(pgettext("paper", "Criterion"), 34),
        Column(pgettext("paper", "Max."), 6, kind="score", align="center"),
        *(Column(u.short_name, 8, kind="score", align="center") for u in units),
    )
    criteria = queries.criteria_with_groups(scoring_round)
    groups: list[Group] = []
    current, buffer, index = None, [], 0
    for criterion in criteria:
        if current is not None and criterion.group_id != current.pk:
            groups.append(Group(label=roman(index), title=current.title, rows=tuple(buffer)))
            buffer = []
        if current is None or criterion.group_id != current.pk:
            index += 1
            current = criterion.group
        buffer.append(
            _row(
                columns,
                [
                    criterion.code,
                    criterion.text,
                    Decimal(criterion.max_score),
                    *(cells.get((u.pk, "c", criterion.pk), {}).get("final") for u in units),
                ],
            )
        )
    if current is not None:
        groups.append(Group(label=roman(index), title=current.title, rows=tuple(buffer)))
    rules = list(
        AdjustmentRule.objects.filter(pledge_version=scoring_round.pledge_version).order_by(
            "kind", "position", "pk"
        )
    )
    if rules:
        groups.append(
            Group(
                label=roman(index + 1),
                title=pgettext("paper", "Bonus and penalty points (before caps)"),
                rows=tuple(
                    _row(
                        columns,
                        [
                            "+" if r.kind == AdjustmentKind.BONUS else "−",
                            r.text,
                            Decimal(r.points),
                            *(cells.get((u.pk, "r", r.pk), {}).get("final") for u in units),
                        ],
                    )
                    for r in rules
                ),
            )
        )
    summary = [
        (pgettext("paper", "Score of the criteria"), [r.base for r in rows_by_rank]),
        (pgettext("paper", "Bonus (after caps)"), [r.bonus for r in rows_by_rank]),
        (pgettext("paper", "Penalty (after caps)"), [r.penalty for r in rows_by_rank]),
        (pgettext("score sheet", "Total"), [r.total for r in rows_by_rank]),
        (pgettext("paper", "Self-scored total"), [r.self_total for r in rows_by_rank]),
        (pgettext("paper", "Rank"), [r.rank for r in rows_by_rank]),
        (pgettext("paper", "Grade"), [r.grade or "—" for r in rows_by_rank]),
    ]
    groups.append(
        Group(
            label=roman(index + 2 if rules else index + 1),
            title=pgettext("paper", "Result"),
            rows=tuple(_row(columns, ["", label, None, *values]) for label, values in summary),
        )
    )
    state = (
        pgettext("paper", "published")
        if scoring_round.status == RoundStatus.PUBLISHED
        else pgettext("paper", "provisional, not published")
    )
    heading = Heading(
        type=pgettext("paper", "SCORE SHEET"),
        subject=pgettext("paper", "Emulation scores of %(cluster)s in %(year)s (%(state)s)")
        % {"cluster": _title(scoring_round), "year": year, "state": state},
    )
    table = Table(
        columns=columns,
        groups=tuple(groups),
        title=pgettext("paper", "SCORE SHEET OF %(cluster)s — %(year)s")
        % {"cluster": cluster.name.upper(), "year": year},
        subtitle=pgettext(
            "paper",
            "Final points: the validated score, else the self score. Units in rank order.",
        ),
        sheet=pgettext("paper", "Score sheet"),
    )
    return {
        "letterhead": Letterhead.make(
            issuer,
            number="",
            place_date=place_date(issuer.place, _paper_date(scoring_round), year=year + 1),
        ),
        "heading": heading,
        "lines": [],
        "table": table,
        "conclusions": [],
        "signature": Signature(lines=(pgettext("paper", "CLUSTER LEADER UNIT"),)),
        "recipients": Recipients(
            label=pgettext("paper", "Recipients:"),
            items=(
                pgettext("paper", "- The member units of the cluster;"),
                pgettext("paper", "- The Emulation and Commendation Board;"),
                pgettext("paper", "- Filed."),
            ),
        ),
        "filename": file_slug(pgettext("paper", "score sheet"), cluster.name, str(year)),
    }


# --- the minutes of the discrepancies --------------------------------------------------------


def minutes_columns() -> tuple[Column, ...]:
    return (
        Column(pgettext("paper", "No."), 6, kind="int", align="center"),
        Column(pgettext("paper", "Unit"), 16),
        Column(pgettext("paper", "Criterion"), 24),
        Column(pgettext("paper", "Self score"), 9, align="center"),
        Column(pgettext("paper", "Cross scores"), 18),
        Column(pgettext("paper", "Validated"), 9, align="center"),
        Column(pgettext("paper", "Reason"), 24),
    )


def discrepancy_minutes_context(*, scoring_round: ScoringRound) -> dict:
    cluster = scoring_round.cluster
    year = cluster.emulation_year.year
    issuer = cluster_issuer(cluster)
    lines = queries.discrepancy_rows(scoring_round)
    columns = minutes_columns()
    rows = []
    for i, line in enumerate(lines, start=1):
        what = (
            f"{line.criterion.code}. {line.criterion.text}" if line.criterion_id else line.rule.text
        )
        crosses = "; ".join(
            f"{c.scorer.short_name}: {_points(c.points)}" + (f" ({c.reason})" if c.reason else "")
            for c in line.cross_scores.all()
        )
        rows.append(
            make_row(
                columns,
                i,
                marked(line.unit.name, line.unit.is_sample),
                what,
                _points(line.self_points) or pgettext("paper", "not scored"),
                crosses,
                _points(line.validated_points) or pgettext("paper", "pending"),
                line.validated_reason,
            )
        )
    counts = queries.discrepancy_counts(scoring_round)
    heading = Heading(
        type=pgettext("paper", "MINUTES"),
        subject=pgettext(
            "paper",
            "Review of the differences between self and cross scores of %(cluster)s in %(year)s",
        )
        % {"cluster": _title(scoring_round), "year": year},
    )
    body = [
        pgettext(
            "paper",
            "Pledge version in force: %(version)s. Cross-scoring: %(mode)s. Differences of more "
            "than %(threshold)s point(s) are reviewed.",
        )
        % {
            "version": scoring_round.pledge_version,
            "mode": scoring_round.get_cross_mode_display() or pgettext("paper", "not assigned"),
            "threshold": _points(scoring_round.discrepancy_threshold),
        },
        pgettext(
            "paper", "Differences listed: %(total)s; settled with a validated score: %(resolved)s."
        )
        % {"total": two_digits(counts["total"]), "resolved": two_digits(counts["resolved"])},
    ]
    conclusions = [
        pgettext(
            "paper",
            "The validated scores above replace the self scores in the consolidation; the "
            "leader unit settles the differences of the other members, the deputy those of the "
            "leader unit.",
        )
    ]
    table = Table(
        columns=columns,
        groups=(Group(label="", title="", rows=tuple(rows)),),
        title=pgettext("paper", "DIFFERENCES AND VALIDATED SCORES"),
        sheet=pgettext("paper", "Differences"),
    )
    return {
        "letterhead": Letterhead.make(
            issuer,
            number="",
            place_date=place_date(issuer.place, _paper_date(scoring_round), year=year + 1),
        ),
        "heading": heading,
        "lines": body,
        "table": table,
        "conclusions": conclusions,
        "recipients": Recipients(
            label=pgettext("paper", "Recipients:"),
            items=(
                pgettext("paper", "- The member units of the cluster;"),
                pgettext("paper", "- Filed."),
            ),
        ),
        "signature": Signature(
            lines=(pgettext("paper", "ON BEHALF OF THE CLUSTER"), pgettext("paper", "LEADER UNIT"))
        ),
        "filename": file_slug(
            heading.type, pgettext("paper", "cross-scoring"), cluster.name, str(year)
        ),
    }


def _docx(builder) -> None:
    builder.letterhead()
    builder.heading()
    builder.each(
        "line in lines",
        lambda: builder.paragraph("{{ line }}", indent=True, after=6, line_spacing=1.1),
    )
    builder.paragraph("{{ table.title }}", bold=True, align="center", before=6, after=6)
    builder.table("table", minutes_columns())
    builder.each(
        "line in conclusions",
        lambda: builder.paragraph("{{ line }}", indent=True, before=6, line_spacing=1.1),
    )
    builder.signature()


def _rounds(*statuses):
    def samples():
        rounds = ScoringRound.objects.filter(status__in=statuses).select_related(
            "cluster__emulation_year__unit", "pledge_version"
        )
        for scoring_round in rounds.order_by("pk"):
            yield {"scoring_round": scoring_round}

    return samples


SCORE_SHEET = register(
    Paper(
        code="scoring.score_sheet",
        title=pgettext_lazy("paper", "Score sheet of a scoring round"),
        build_context=score_sheet_context,
        formats=("xlsx", "pdf"),
        html_template="scoring/paper.html",
        samples=_rounds(RoundStatus.PUBLISHED),
    )
)
DISCREPANCY_MINUTES = register(
    Paper(
        code="scoring.discrepancy_minutes",
        title=pgettext_lazy("paper", "Minutes of the review of cross-scoring differences"),
        build_context=discrepancy_minutes_context,
        formats=("docx", "pdf"),
        html_template="scoring/paper.html",
        docx_body=_docx,
        samples=_rounds(RoundStatus.CLOSED, RoundStatus.PUBLISHED),
    )
)
