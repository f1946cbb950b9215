"""The papers of an award proposal, for the documents engine (imported by DocumentsConfig.ready).

- ``awards.proposal_submission`` (Word, PDF, Excel): the request letter (tờ trình, NĐ 152 Mẫu 01)
  of the proposing unit or cluster to the board above, with the list of proposed recipients;
- ``awards.achievement_report`` (Word, PDF): the achievement report (báo cáo thành tích, Mẫu 05)
  of one recipient: who they are, what they achieved, their yearly ratings and initiatives, and
  the titles and forms already received, read from the registry;
- ``awards.proposal_decision_draft`` (Word, PDF, Excel): the draft decision of the receiving
  authority, with its annex listing the recipients by title or form.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import pgettext, pgettext_lazy

from thidua.documents import legal
from thidua.documents.engine import Paper, register
from thidua.documents.layout import (
    Article,
    Column,
    Group,
    Heading,
    Issuer,
    Letterhead,
    Recipients,
    Signature,
    Table,
    date_text,
    file_slug,
    issuer_for_unit,
    make_row,
    marked,
    number_line,
    number_ref,
    place_date,
    roman,
    two_digits,
)
from thidua.documents.papers.clusters import cluster_issuer
from thidua.organizations.models import Person

from . import subjects as s
from .models import AwardKind, Proposal, ProposalItem, ProposalStatus, Rating
from .queries.history import load_records
from .queries.proposals import items_of

SUBMISSION, DECISION = "TTr", "QĐ"


# --- shared ------------------------------------------------------------------------------------


def proposer_issuer(proposal: Proposal) -> Issuer:
    """A cluster writes under its own name (its organiser above); a unit under its own."""
    if proposal.cluster_id:
        issuer = cluster_issuer(proposal.cluster)
        return Issuer(
            lines=issuer.lines,
            parent=issuer.parent,
            authority=issuer.authority,
            full_name=issuer.full_name,
            symbol="CTĐ",
            place=issuer.place,
            signer_lines=(
                pgettext("paper", "ON BEHALF OF THE CLUSTER"),
                pgettext("paper", "CLUSTER LEADER"),
            ),
        )
    return issuer_for_unit(proposal.proposer)


def _number(symbol: str, number: str) -> str:
    """The number line: as written when the officer typed the whole reference ("15/TTr-UBND")."""
    number = (number or "").strip()
    if "/" in number:
        return pgettext("paper", "No.: %(ref)s") % {"ref": number}
    return number_line(symbol, number)


def _filed_on(proposal: Proposal) -> datetime.date | None:
    return timezone.localtime(proposal.filed_at).date() if proposal.filed_at else None


def honorific(person) -> str:
    if person.sex == "nu":
        return pgettext("paper", "Ms.")
    if person.sex == "nam":
        return pgettext("paper", "Mr.")
    return ""


def recipient_name(item: ProposalItem) -> str:
    subject = item.subject
    if isinstance(subject, Person):
        title = honorific(subject)
        return marked(f"{title} {subject.full_name}".strip(), subject.is_sample)
    return marked(subject.name, subject.is_sample)


def recipient_place(item: ProposalItem) -> str:
    """A person's position and unit; for a unit, the unit above it."""
    subject = item.subject
    if isinstance(subject, Person):
        parts = [p for p in (subject.position, subject.unit.name) if p]
        return ", ".join(parts)
    return subject.parent.name if subject.parent_id else ""


def _groups(items, columns, row) -> tuple[Group, ...]:
    by_type: dict[int, list[ProposalItem]] = defaultdict(list)
    types = {}
    for item in items:
        by_type[item.award_type_id].append(item)
        types[item.award_type_id] = item.award_type
    groups = []
    for index, type_id in enumerate(by_type, start=1):
        rows = tuple(row(i, item) for i, item in enumerate(by_type[type_id], start=1))
        groups.append(Group(label=roman(index), title=types[type_id].display_name, rows=rows))
    return tuple(groups)


def _counted(units: int, people: int) -> str:
    parts = []
    if units:
        parts.append(pgettext("paper", "%(n)s collectives") % {"n": two_digits(units)})
    if people:
        parts.append(pgettext("paper", "%(n)s individuals") % {"n": two_digits(people)})
    return pgettext("paper", " and ").join(parts) or pgettext("paper", "no recipient")


def _award_lines(items) -> list[str]:
    """ "- Bằng khen của Chủ tịch UBND Thành phố: 02 tập thể và 01 cá nhân;" per title or form."""
    counts: dict[int, list[int]] = {}
    names = {}
    for item in items:
        pair = counts.setdefault(item.award_type_id, [0, 0])
        pair[0 if item.unit_id else 1] += 1
        names[item.award_type_id] = item.award_type.display_name
    lines = [f"- {names[k]}: {_counted(u, p)};" for k, (u, p) in counts.items()]
    if lines:
        lines[-1] = lines[-1][:-1] + "."
    return lines


def _verdict_text(item: ProposalItem) -> str:
    return {
        "eligible": pgettext("paper", "Meets the standards"),
        "not_eligible": pgettext("paper", "Does not meet the standards"),
        "blocked": pgettext("paper", "Blocked: a matter is pending"),
    }.get(item.verdict, pgettext("paper", "Not checked"))


# --- Tờ trình đề nghị khen thưởng (Mẫu 01) ----------------------------------------------------


def submission_columns() -> tuple[Column, ...]:
    return (
        Column(pgettext("paper", "No."), 6, kind="int", align="center"),
        Column(pgettext("paper", "Recipient"), 30),
        Column(pgettext("paper", "Position, unit"), 34),
        Column(pgettext("paper", "Eligibility check"), 18, align="center"),
    )


def submission_context(*, proposal: Proposal) -> dict:
    issuer = proposer_issuer(proposal)
    board = issuer_for_unit(proposal.board)
    items = items_of(proposal)
    units = sum(1 for i in items if i.unit_id)
    people = len(items) - units
    columns = submission_columns()
    table = Table(
        columns=columns,
        groups=_groups(
            items,
            columns,
            lambda i, item: make_row(
                columns, i, recipient_name(item), recipient_place(item), _verdict_text(item)
            ),
        ),
        label=pgettext("paper", "Annex"),
        title=pgettext("paper", "LIST OF THE PROPOSED RECIPIENTS OF AWARDS FOR %(year)s")
        % {"year": proposal.year},
        subtitle=pgettext("paper", "(Attached to Request Letter No. %(ref)s %(date)s of %(unit)s)")
        % {
            "ref": number_ref(f"{SUBMISSION}-{issuer.symbol}", proposal.number)
            if "/" not in proposal.number
            else proposal.number,
            "date": date_text(_filed_on(proposal), year=proposal.year + 1),
            "unit": issuer.full_name,
        },
        total=pgettext("paper", "Total: %(count)s.") % {"count": _counted(units, people)},
        sheet=pgettext("paper", "List"),
    )
    heading = Heading(
        type=pgettext("paper", "REQUEST LETTER"),
        subject=marked(proposal.title, proposal.is_sample),
    )
    day = _filed_on(proposal) or datetime.date(proposal.year, 12, 31)
    lines = [
        *legal.bases_on(day, local_government=False),
        pgettext(
            "paper",
            "On the basis of the achievements of %(year)s and the assessment of %(unit)s, "
            "%(unit)s respectfully requests %(board)s to consider awarding %(count)s, as "
            "follows:",
        )
        % {
            "year": proposal.year,
            "unit": issuer.full_name,
            "board": board.full_name,
            "count": _counted(units, people),
        },
        *_award_lines(items),
        pgettext(
            "paper",
            "(The list of recipients, their achievement reports and the minutes are attached.)",
        ),
        pgettext("paper", "Respectfully submitted to %(board)s for consideration and decision./.")
        % {"board": board.full_name},
    ]
    return {
        "letterhead": Letterhead.make(
            issuer,
            number=_number(f"{SUBMISSION}-{issuer.symbol}", proposal.number),
            place_date=place_date(issuer.place, _filed_on(proposal), year=proposal.year + 1),
        ),
        "heading": heading,
        "addressee": pgettext("paper", "To: %(board)s.") % {"board": board.full_name},
        "lines": lines,
        "recipients": Recipients(
            label=pgettext("paper", "Recipients:"),
            items=(
                pgettext("paper", "- As above;"),
                pgettext("paper", "- Filed: Records, Emulation and Commendation."),
            ),
        ),
        "signature": Signature(lines=issuer.signer_lines),
        "annex": table,
        "table": table,
        "proposal": proposal,
        "filename": file_slug(
            heading.type, proposal.year, proposal.proposer.short_name, f"de-nghi-{proposal.pk}"
        ),
    }


def _submission_docx(builder) -> None:
    builder.letterhead()
    builder.heading()
    builder.paragraph("{{ addressee }}", align="center", after=12)
    builder.each(
        "line in lines",
        lambda: builder.paragraph("{{ line }}", indent=True, after=6, line_spacing=1.1),
    )
    builder.signature()
    builder.annex_heading("annex")
    builder.table("annex", submission_columns())


def _proposal_samples():
    for proposal in Proposal.objects.select_related(
        "proposer", "board", "cluster__emulation_year__unit"
    ).order_by("pk")[:5]:
        yield {"proposal": proposal}


SUBMISSION_PAPER = register(
    Paper(
        code="awards.proposal_submission",
        title=pgettext_lazy("paper", "Request letter for awards with the list of recipients"),
        build_context=submission_context,
        formats=("docx", "pdf", "xlsx"),
        html_template="awards/proposal_paper_submission.html",
        docx_body=_submission_docx,
        samples=_proposal_samples,
    )
)


# --- Báo cáo thành tích (Mẫu 05) --------------------------------------------------------------


def record_columns() -> tuple[Column, ...]:
    return (
        Column(pgettext("paper", "Year"), 9, align="center"),
        Column(pgettext("paper", "Title or form"), 36),
        Column(pgettext("paper", "Decision (number, date)"), 26),
        Column(pgettext("paper", "Issuing authority"), 26),
    )


def report_context(*, item: ProposalItem, on: datetime.date | None = None) -> dict:
    proposal = item.proposal
    subject = item.subject
    rec = load_records([subject], until=item.year, detail=True)[s.key_of(subject)]
    unit = s.home_unit(subject)
    issuer = issuer_for_unit(unit)
    on = on or _filed_on(proposal) or timezone.localdate()
    is_person = isinstance(subject, Person)
    about: list[str] = []
    if is_person:
        about += [
            pgettext("paper", "- Full name: %(name)s; sex: %(sex)s.")
            % {
                "name": marked(subject.full_name, subject.is_sample),
                "sex": subject.get_sex_display() if subject.sex else "…",
            },
            pgettext("paper", "- Date of birth: %(date)s.")
            % {"date": subject.birth_date.strftime("%d/%m/%Y") if subject.birth_date else "…"},
            pgettext("paper", "- Position and unit: %(place)s.")
            % {"place": recipient_place(item) or "…"},
        ]
    else:
        about += [
            pgettext("paper", "- Name of the unit: %(name)s.")
            % {"name": marked(subject.name, subject.is_sample)},
            pgettext("paper", "- Founded: %(date)s.")
            % {"date": rec.founded.strftime("%d/%m/%Y") if rec.founded else "…"},
            pgettext("paper", "- Directly under: %(parent)s.")
            % {"parent": recipient_place(item) or "…"},
        ]
    achievements = [line for line in item.achievements.splitlines() if line.strip()] or [
        pgettext("paper", "(The achievements are to be written by the recipient's unit.)")
    ]
    labels = dict(Rating.choices)
    ratings = [
        pgettext("paper", "- %(year)s: %(rating)s.") % {"year": year, "rating": labels[rating]}
        for year, rating in sorted(rec.ratings_by_year().items())
        if year > item.year - 5
    ]
    initiatives = [
        pgettext("paper", "- %(kind)s “%(title)s” (%(scope)s, recognised in %(year)s%(by)s).")
        % {
            "kind": i.get_kind_display(),
            "title": i.title,
            "scope": i.get_scope_display().lower(),
            "year": i.recognised_year,
            "by": f", {i.recognised_by}" if i.recognised_by else "",
        }
        for i in rec.initiatives
    ]
    columns = record_columns()
    title_rows, form_rows = [], []
    for r in rec.recipients:
        row = make_row(
            columns,
            str(r.year),
            r.award_type.display_name,
            f"{r.decision.number}, {r.decision.signed_on:%d/%m/%Y}",
            r.decision.issuer_name,
        )
        (title_rows if r.award_type.kind == AwardKind.TITLE else form_rows).append(row)
    table = Table(
        columns=columns,
        groups=(
            Group(label="1", title=pgettext("paper", "Emulation titles"), rows=tuple(title_rows)),
            Group(
                label="2", title=pgettext("paper", "Forms of commendation"), rows=tuple(form_rows)
            ),
        ),
        title=pgettext("paper", "III. AWARDS ALREADY RECEIVED"),
        sheet=pgettext("paper", "Awards"),
    )
    heading = Heading(
        type=pgettext("paper", "ACHIEVEMENT REPORT"),
        subject=pgettext("paper", "Proposed for %(award)s (achievements of %(year)s)")
        % {"award": item.award_type.display_name, "year": item.year},
    )
    if is_person:
        left = pgettext("paper", "HEAD OF THE UNIT, CONFIRMING AND PROPOSING")
        right, name = pgettext("paper", "THE REPORTING PERSON"), subject.full_name
    else:
        left = pgettext("paper", "HEAD OF THE UNIT DIRECTLY ABOVE, CONFIRMING AND PROPOSING")
        right, name = pgettext("paper", "HEAD OF UNIT"), ""
    return {
        "letterhead": Letterhead.make(issuer, number="", place_date=place_date(issuer.place, on)),
        "heading": heading,
        "form": pgettext("paper", "Form No. 05 (Decree No. 152/2025/ND-CP)"),
        "about_title": pgettext("paper", "I. PERSONAL DETAILS")
        if is_person
        else pgettext("paper", "I. FEATURES OF THE UNIT"),
        "about": about,
        "achievements_title": pgettext("paper", "II. ACHIEVEMENTS"),
        "achievements": achievements,
        "ratings_title": pgettext("paper", "Yearly ratings of task completion:"),
        "ratings": ratings or [pgettext("paper", "- No rating recorded.")],
        "initiatives_title": pgettext("paper", "Initiatives and research projects:"),
        "initiatives": initiatives or [pgettext("paper", "- None recorded.")],
        "table": table,
        "recipients": Recipients(label=left, items=(pgettext("paper", "(Signature and seal)"),)),
        "signature": Signature(lines=(right,), name=name),
        "item": item,
        "filename": file_slug(
            heading.type, s.name_of(subject), item.award_type.code, str(item.year)
        ),
    }


def _report_docx(builder) -> None:
    builder.letterhead()
    builder.paragraph("{{ form }}", italic=True, align="right", before=6, size=12)
    builder.heading()
    builder.paragraph("{{ about_title }}", bold=True, align="left", after=6)
    builder.each("line in about", lambda: builder.paragraph("{{ line }}", indent=True, after=3))
    builder.paragraph("{{ achievements_title }}", bold=True, align="left", before=6, after=6)
    builder.each(
        "line in achievements",
        lambda: builder.paragraph("{{ line }}", indent=True, after=6, line_spacing=1.1),
    )
    builder.paragraph("{{ ratings_title }}", italic=True, indent=True, after=3)
    builder.each("line in ratings", lambda: builder.paragraph("{{ line }}", indent=True))
    builder.paragraph("{{ initiatives_title }}", italic=True, indent=True, before=6, after=3)
    builder.each("line in initiatives", lambda: builder.paragraph("{{ line }}", indent=True))
    builder.paragraph("{{ table.title }}", bold=True, align="left", before=12, after=6)
    builder.table("table", record_columns())
    builder.signature()


def _item_samples():
    for item in ProposalItem.objects.select_related("proposal", "award_type").order_by("pk")[:5]:
        yield {"item": item}


REPORT_PAPER = register(
    Paper(
        code="awards.achievement_report",
        title=pgettext_lazy("paper", "Achievement report of a proposed recipient (Form 05)"),
        build_context=report_context,
        formats=("docx", "pdf"),
        html_template="awards/proposal_paper_report.html",
        docx_body=_report_docx,
        samples=_item_samples,
    )
)


# --- Dự thảo quyết định khen thưởng, với danh sách kèm theo -------------------------------------


def decision_columns() -> tuple[Column, ...]:
    return (
        Column(pgettext("paper", "No."), 6, kind="int", align="center"),
        Column(pgettext("paper", "Recipient"), 34),
        Column(pgettext("paper", "Position, unit"), 44),
    )


def decision_context(*, proposal: Proposal) -> dict:
    """The draft of the decision the receiving authority signs (number and date left blank until
    it is signed; once approved, those of the recorded decision)."""
    board_unit = proposal.board
    issuer = issuer_for_unit(board_unit)
    proposer = proposer_issuer(proposal)
    items = items_of(proposal)
    units = sum(1 for i in items if i.unit_id)
    people = len(items) - units
    decision = proposal.decision if proposal.status == ProposalStatus.APPROVED else None
    symbol = f"{DECISION}-{issuer.symbol}"
    signed_on = decision.signed_on if decision else None
    types = []
    for item in items:
        if item.award_type.display_name not in types:
            types.append(item.award_type.display_name)
    if len(types) == 1:
        subject = pgettext("paper", "On awarding %(award)s") % {"award": types[0]}
    else:
        subject = pgettext("paper", "On commendations for the achievements of %(year)s") % {
            "year": proposal.year
        }
    heading = Heading(
        type=pgettext("paper", "DECISION"), subject=marked(subject, proposal.is_sample)
    )
    columns = decision_columns()
    annex = Table(
        columns=columns,
        groups=_groups(
            items,
            columns,
            lambda i, item: make_row(columns, i, recipient_name(item), recipient_place(item)),
        ),
        label=pgettext("paper", "Annex"),
        title=pgettext("paper", "LIST OF THE COLLECTIVES AND INDIVIDUALS AWARDED"),
        subtitle=pgettext("paper", "(Attached to Decision No. %(ref)s %(date)s of the %(issuer)s)")
        % {
            "ref": decision.number if decision else number_ref(symbol),
            "date": date_text(signed_on, year=proposal.year + 1),
            "issuer": issuer.full_name,
        },
        total=pgettext("paper", "Total: %(count)s.") % {"count": _counted(units, people)},
        sheet=pgettext("paper", "Annex"),
    )
    basis_day = signed_on or _filed_on(proposal) or datetime.date(proposal.year, 12, 31)
    bases = legal.bases_on(basis_day, local_government=issuer.symbol == "UBND")
    bases.append(
        pgettext(
            "paper", "Considering the proposal of %(unit)s in Request Letter No. %(ref)s %(date)s;"
        )
        % {
            "unit": proposer.full_name,
            "ref": proposal.number or number_ref(f"{SUBMISSION}-{proposer.symbol}"),
            "date": date_text(_filed_on(proposal), year=proposal.year + 1),
        }
    )
    bases.append(
        pgettext("paper", "At the proposal of the Head of the Emulation and Commendation Board.")
    )
    awarded = "; ".join(types)
    articles = (
        Article(
            pgettext("paper", "Article 1."),
            pgettext(
                "paper",
                "To award %(awards)s to %(count)s with achievements in %(year)s (listed in the "
                "Annex attached to this Decision).",
            )
            % {"awards": awarded, "count": _counted(units, people), "year": proposal.year},
        ),
        Article(
            pgettext("paper", "Article 2."),
            pgettext(
                "paper",
                "The bonus is paid from the emulation and commendation fund in accordance with "
                "the regulations in force.",
            ),
        ),
        Article(
            pgettext("paper", "Article 3."),
            pgettext(
                "paper",
                "This Decision takes effect from the date of signing. The Chief of Office, the "
                "Head of the Emulation and Commendation Board, the heads of the units concerned "
                "and the collectives and individuals named in Article 1 are responsible for "
                "implementing this Decision./.",
            ),
        ),
    )
    return {
        "letterhead": Letterhead.make(
            issuer,
            number=pgettext("paper", "No.: %(ref)s") % {"ref": decision.number}
            if decision
            else number_line(symbol),
            place_date=place_date(issuer.place, signed_on, year=proposal.year + 1),
        ),
        "heading": heading,
        "authority": issuer.authority,
        "bases": bases,
        "decides": pgettext("paper", "DECIDES:"),
        "articles": articles,
        "recipients": Recipients(
            label=pgettext("paper", "Recipients:"),
            items=(
                pgettext("paper", "- As in Article 3;"),
                pgettext("paper", "- The Emulation and Commendation Council;"),
                pgettext("paper", "- Filed: Records, Emulation and Commendation."),
            ),
        ),
        "signature": Signature(
            lines=issuer.signer_lines, name=decision.signer_name if decision else ""
        ),
        "annex": annex,
        "table": annex,
        "proposal": proposal,
        "filename": file_slug(
            heading.type, proposal.year, board_unit.short_name, f"de-nghi-{proposal.pk}"
        ),
    }


def _decision_docx(builder) -> None:
    builder.decision(decision_columns())


DECISION_PAPER = register(
    Paper(
        code="awards.proposal_decision_draft",
        title=pgettext_lazy("paper", "Draft award decision with its annex list"),
        build_context=decision_context,
        formats=("docx", "pdf", "xlsx"),
        html_template="awards/proposal_paper_decision.html",
        docx_body=_decision_docx,
        samples=_proposal_samples,
    )
)
