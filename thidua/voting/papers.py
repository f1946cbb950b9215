"""The minutes of the vote count (biên bản kiểm phiếu), as papers of the documents engine.

Two papers, one per kind of ballot (their tables differ): ``voting.election_minutes`` and
``voting.council_minutes``, in Word and PDF. They list the electorate, the turnout (and, for a
council, who gave a written opinion and whether the quorum was met), the counts, the threshold,
the result and its basis. ``minutes_for(ballot, fmt)`` is the entry point for other apps: the
awards app attaches it to a proposal's dossier (Law art. 84: "biên bản bình xét / xét khen
thưởng"). A sealed result has no minutes: ``ResultSealed`` until the organiser releases it.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import pgettext, pgettext_lazy

from thidua.core import vn
from thidua.documents.engine import Paper, register, render
from thidua.documents.layout import (
    Column,
    Group,
    Heading,
    Issuer,
    Letterhead,
    Recipients,
    Signature,
    Table,
    ancestors_of,
    file_slug,
    issuer_for_unit,
    make_row,
    marked,
    number_line,
    place_date,
    short_parent_name,
    two_digits,
)
from thidua.documents.papers.clusters import cluster_issuer

from . import queries
from .catalog import award_name
from .models import Ballot, BallotKind, BallotStatus, ElectedBy, Outcome

MINUTES = "BB"


class ResultSealed(Exception):
    """The ballot's result has not been released: it has no minutes yet."""


def _percent(count: int, base: int) -> str:
    if not base:
        return "0%"
    value = Decimal(count * 100) / Decimal(base)
    if value == value.to_integral_value():
        return vn.format_percent(int(value))
    return vn.format_percent(value, 2)


def _time(value) -> str:
    local = timezone.localtime(value)
    return pgettext("paper", "%(time)s %(date)s") % {
        "time": f"{local:%H:%M}",
        "date": vn.format_date(local.date()),
    }


def council_issuer(unit) -> Issuer:
    """A council's papers: "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG" under its People's Committee."""
    ancestors = ancestors_of(unit)
    body = pgettext("paper", "EMULATION AND COMMENDATION COUNCIL")
    return Issuer(
        lines=(body,),
        parent=short_parent_name(unit),
        authority=body,
        full_name=pgettext("paper", "Emulation and Commendation Council of %(unit)s")
        % {"unit": unit.name},
        symbol="HĐTĐKT",
        place=issuer_for_unit(unit, ancestors).place,
    )


def _common(ballot: Ballot) -> list[str]:
    return [
        pgettext("paper", "Voting from %(opens)s to %(closes)s; votes counted at %(counted)s.")
        % {
            "opens": _time(ballot.opened_at or ballot.opens_at),
            "closes": _time(ballot.closes_at),
            "counted": _time(ballot.closed_at),
        }
    ]


# --- the election of the leading unit(s) ---------------------------------------------------------


def election_columns() -> tuple[Column, ...]:
    return (
        Column(pgettext("paper", "No."), 7, kind="int", align="center"),
        Column(pgettext("paper", "Candidate unit"), 40),
        Column(pgettext("paper", "Votes"), 12, kind="int", align="center"),
        Column(pgettext("paper", "Share of the member units"), 18, align="center"),
        Column(pgettext("paper", "Result"), 22, align="center"),
    )


def _elected_text(line: queries.CandidateLine) -> str:
    if not line.elected:
        return pgettext("paper", "Not elected")
    if line.elected_by == ElectedBy.LEADERS:
        return pgettext("paper", "Decided by the leader and deputy")
    if line.elected_by == ElectedBy.TIE_BREAK:
        return pgettext("paper", "Elected (tie broken)")
    return pgettext("paper", "Elected")


def election_minutes_context(*, ballot: Ballot) -> dict:
    if ballot.status != BallotStatus.RELEASED:
        raise ResultSealed(ballot.pk)
    result = queries.count_result(ballot)
    cluster = ballot.cluster
    year = cluster.emulation_year.year
    issuer = cluster_issuer(cluster)
    name = marked(cluster.name, cluster.is_sample or ballot.is_sample)
    heading = Heading(
        type=pgettext("paper", "MINUTES"),
        subject=pgettext(
            "paper", "Counting of the secret ballot on the leading unit of %(cluster)s in %(year)s"
        )
        % {"cluster": name, "year": year},
    )
    columns = election_columns()
    rows = tuple(
        make_row(
            columns,
            i,
            marked(line.unit.name, line.unit.is_sample),
            line.votes,
            _percent(line.votes, result.electorate),
            _elected_text(line),
        )
        for i, line in enumerate(result.candidates, start=1)
    )
    lines = _common(ballot)
    lines += [
        pgettext("paper", "Round %(round)s of at most %(max)s.")
        % {"round": ballot.round, "max": two_digits(ballot.max_rounds)},
        pgettext("paper", "Electorate: %(count)s member units of the cluster, one vote each.")
        % {"count": two_digits(result.electorate)},
        pgettext("paper", "Member units: %(names)s.") % {"names": ", ".join(result.elector_names)},
        pgettext("paper", "Ballots cast: %(turnout)s of %(count)s; blank ballots: %(blank)s.")
        % {
            "turnout": two_digits(result.turnout),
            "count": two_digits(result.electorate),
            "blank": two_digits(result.blank),
        },
        pgettext("paper", "Units that did not vote: %(names)s.")
        % {"names": ", ".join(result.absent_names) or pgettext("paper", "none")},
        pgettext(
            "paper",
            "A unit is elected with %(majority)s of all member units (at least %(needed)s votes); "
            "%(seats)s unit(s) to elect.",
        )
        % {
            "majority": result.majority,
            "needed": two_digits(result.majority_needed),
            "seats": two_digits(ballot.seats),
        },
    ]
    elected = [marked(c.unit.name, c.unit.is_sample) for c in result.elected]
    if ballot.outcome == Outcome.DECIDED:
        conclusion = pgettext(
            "paper",
            "No result after the last round: the cluster leader and deputy decided on %(units)s. "
            "Reason: %(reason)s",
        ) % {"units": ", ".join(elected), "reason": ballot.decision_reason}
    elif ballot.outcome == Outcome.ELECTED:
        conclusion = pgettext(
            "paper", "Result: %(units)s elected as leading unit(s) of the cluster."
        ) % {"units": ", ".join(elected)}
    else:
        unresolved = (
            pgettext("paper", "equal votes could not be separated")
            if ballot.outcome == Outcome.TIE
            else pgettext("paper", "no other candidate reached the majority")
        )
        if ballot.round < ballot.max_rounds:
            follow = pgettext("paper", "a new round is held.")
        else:
            follow = pgettext("paper", "the cluster leader and deputy decide.")
        conclusion = pgettext(
            "paper", "Result: %(elected)s; for the remaining seats %(why)s, so %(follow)s"
        ) % {
            "elected": (
                pgettext("paper", "elected %(units)s") % {"units": ", ".join(elected)}
                if elected
                else pgettext("paper", "no unit elected")
            ),
            "why": unresolved,
            "follow": follow,
        }
    conclusions = [conclusion]
    if any(c.elected_by == ElectedBy.TIE_BREAK for c in result.candidates):
        conclusions.append(
            pgettext(
                "paper",
                "Equal votes were settled in favour of the collective with at least 70% women, "
                "as recorded (Decree 152/2025, art. 4).",
            )
        )
    conclusions.append(
        pgettext(
            "paper",
            "Basis: the operating rules of the cluster (secret ballot of the member units, "
            "majority %(majority)s of all members, at most %(max)s rounds, then the decision of "
            "the leader and deputy); ties between equally qualified candidates prefer women or "
            "collectives with at least 70%% women (Decree 152/2025, art. 4).",
        )
        % {"majority": result.majority, "max": two_digits(ballot.max_rounds)}
    )
    table = Table(
        columns=columns,
        groups=(Group(label="", title="", rows=rows),),
        title=pgettext("paper", "VOTES FOR EACH CANDIDATE"),
        sheet=pgettext("paper", "Votes"),
    )
    return {
        "letterhead": Letterhead.make(
            issuer, number="", place_date=place_date(issuer.place, ballot.closed_at)
        ),
        "heading": heading,
        "lines": lines,
        "table": table,
        "conclusions": conclusions,
        "recipients": Recipients(
            label=pgettext("paper", "Recipients:"),
            items=(
                pgettext("paper", "- The member units of the cluster;"),
                pgettext("paper", "- The Emulation and Commendation Board;"),
                pgettext("paper", "- Filed: proposal dossier."),
            ),
        ),
        "signature": Signature(
            lines=(
                pgettext("paper", "ON BEHALF OF THE VOTE-COUNTING BOARD"),
                pgettext("paper", "HEAD"),
            )
        ),
        "ballot": ballot,
        "filename": file_slug(heading.type, heading.subject, f"vong-{ballot.round}"),
    }


def _election_docx(builder) -> None:
    _docx(builder, election_columns())


# --- the council's vote on award proposals -------------------------------------------------------


def council_columns() -> tuple[Column, ...]:
    return (
        Column(pgettext("paper", "No."), 6, kind="int", align="center"),
        Column(pgettext("paper", "Proposal"), 38),
        Column(pgettext("paper", "Agree"), 9, kind="int", align="center"),
        Column(pgettext("paper", "Disagree"), 9, kind="int", align="center"),
        Column(pgettext("paper", "Abstain"), 10, kind="int", align="center"),
        Column(pgettext("paper", "Agree / all members"), 14, align="center"),
        Column(pgettext("paper", "Threshold"), 12, align="center"),
        Column(pgettext("paper", "Result"), 11, align="center"),
    )


def council_minutes_context(*, ballot: Ballot) -> dict:
    if ballot.status != BallotStatus.RELEASED:
        raise ResultSealed(ballot.pk)
    result = queries.count_result(ballot)
    unit = ballot.council_unit
    issuer = council_issuer(unit)
    heading = Heading(
        type=pgettext("paper", "MINUTES"),
        subject=marked(
            pgettext("paper", "Counting of the council's secret ballot on award proposals"),
            ballot.is_sample,
        ),
    )
    columns = council_columns()
    rows = []
    for i, line in enumerate(result.questions, start=1):
        q = line.question
        rows.append(
            make_row(
                columns,
                i,
                f"{award_name(q.award_code)}: {q.recipient}",
                line.result.agree,
                line.result.disagree,
                line.result.abstain,
                f"{two_digits(line.result.agree)}/{two_digits(result.electorate)} "
                f"({_percent(line.result.agree, result.electorate)})",
                queries.threshold_of(q).label(),
                pgettext("paper", "Approved")
                if line.result.approved
                else pgettext("paper", "Not approved"),
            )
        )
    absent = result.electorate - result.turnout
    lines = _common(ballot)
    lines += [
        pgettext("paper", "Council members: %(count)s.") % {"count": two_digits(result.electorate)},
        pgettext(
            "paper",
            "Present and voting by secret ballot: %(present)s; absent with a written opinion: "
            "%(written)s; absent without an opinion: %(absent)s.",
        )
        % {
            "present": two_digits(result.present),
            "written": two_digits(result.written),
            "absent": two_digits(absent),
        },
    ]
    lines.append(
        pgettext("paper", "Members present and voting: %(names)s.")
        % {"names": ", ".join(result.present_names) or pgettext("paper", "none")}
    )
    if result.written_names:
        lines.append(
            pgettext(
                "paper",
                "Written opinions (counted as the members' votes): %(names)s.",
            )
            % {"names": ", ".join(result.written_names)}
        )
    if result.absent_names:
        lines.append(
            pgettext("paper", "Absent without an opinion: %(names)s.")
            % {"names": ", ".join(result.absent_names)}
        )
    lines.append(
        pgettext(
            "paper",
            "Quorum: %(present)s of %(count)s members present; required %(rule)s (%(needed)s): "
            "%(verdict)s. Basis: %(basis)s.",
        )
        % {
            "present": two_digits(result.present),
            "count": two_digits(result.electorate),
            "rule": result.quorum,
            "needed": two_digits(result.quorum_needed),
            "verdict": pgettext("paper", "met")
            if result.quorum_met
            else pgettext("paper", "not met"),
            "basis": ballot.quorum_basis,
        }
    )
    conclusions = []
    if not result.quorum_met:
        conclusions.append(
            pgettext("paper", "The quorum was not met: no proposal is approved by this ballot.")
        )
    for line in result.questions:
        q = line.question
        conclusions.append(
            pgettext(
                "paper",
                "%(award)s for %(recipient)s: %(verdict)s (%(agree)s of %(base)s members agree, "
                "%(threshold)s required, at least %(needed)s). Basis: %(basis)s.",
            )
            % {
                "award": award_name(q.award_code),
                "recipient": q.recipient,
                "verdict": pgettext("paper", "approved")
                if line.result.approved
                else pgettext("paper", "not approved"),
                "agree": two_digits(line.result.agree),
                "base": two_digits(line.result.base),
                "threshold": line.threshold,
                "needed": two_digits(line.result.needed),
                "basis": line.basis,
            }
        )
    table = Table(
        columns=columns,
        groups=(Group(label="", title="", rows=tuple(rows)),),
        title=pgettext("paper", "VOTES ON EACH PROPOSAL"),
        sheet=pgettext("paper", "Votes"),
    )
    return {
        "letterhead": Letterhead.make(
            issuer,
            number=number_line(f"{MINUTES}-{issuer.symbol}"),
            place_date=place_date(issuer.place, ballot.closed_at),
        ),
        "heading": heading,
        "lines": lines,
        "table": table,
        "conclusions": conclusions,
        "recipients": Recipients(
            label=pgettext("paper", "Recipients:"),
            items=(
                pgettext("paper", "- The council members;"),
                pgettext("paper", "- The Emulation and Commendation Board;"),
                pgettext("paper", "- Filed: proposal dossiers."),
            ),
        ),
        "signature": Signature(
            lines=(
                pgettext("paper", "ON BEHALF OF THE VOTE-COUNTING BOARD"),
                pgettext("paper", "HEAD"),
            )
        ),
        "ballot": ballot,
        "filename": file_slug(
            heading.type, heading.subject, unit.short_name, f"vong-{ballot.round}"
        ),
    }


def _council_docx(builder) -> None:
    _docx(builder, council_columns())


# --- shared ---------------------------------------------------------------------------------------


def _docx(builder, columns) -> None:
    builder.letterhead()
    builder.heading()
    builder.each(
        "line in lines",
        lambda: builder.paragraph("{{ line }}", indent=True, after=6, line_spacing=1.1),
    )
    builder.paragraph("{{ table.title }}", bold=True, align="center", before=6, after=6)
    builder.table("table", columns)
    builder.each(
        "line in conclusions",
        lambda: builder.paragraph("{{ line }}", indent=True, before=6, line_spacing=1.1),
    )
    builder.signature()


def _released(kind: str):
    def samples():
        ballots = Ballot.objects.filter(kind=kind, status=BallotStatus.RELEASED).select_related(
            "cluster__emulation_year__unit", "council_unit"
        )
        for ballot in ballots.order_by("pk"):
            yield {"ballot": ballot}

    return samples


ELECTION_MINUTES = register(
    Paper(
        code="voting.election_minutes",
        title=pgettext_lazy("paper", "Minutes of the count of a leading-unit election"),
        build_context=election_minutes_context,
        formats=("docx", "pdf"),
        html_template="voting/minutes.html",
        docx_body=_election_docx,
        samples=_released(BallotKind.ELECTION),
    )
)
COUNCIL_MINUTES = register(
    Paper(
        code="voting.council_minutes",
        title=pgettext_lazy("paper", "Minutes of the count of a council vote on award proposals"),
        build_context=council_minutes_context,
        formats=("docx", "pdf"),
        html_template="voting/minutes.html",
        docx_body=_council_docx,
        samples=_released(BallotKind.COUNCIL),
    )
)


def minutes_for(ballot: Ballot, fmt: str = "pdf") -> tuple[bytes, str, str]:
    """The minutes of a released ballot as (bytes, file name, content type); ``fmt`` is "pdf"
    or "docx". Raises ResultSealed while the result is sealed."""
    if ballot.status != BallotStatus.RELEASED:
        raise ResultSealed(ballot.pk)
    paper = ELECTION_MINUTES if ballot.kind == BallotKind.ELECTION else COUNCIL_MINUTES
    return render(paper, fmt, ballot=ballot)
