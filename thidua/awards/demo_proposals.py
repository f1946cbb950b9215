"""Demo award proposals (sample data), on top of the awards demo (``awards.demo.seed``) and the
clusters demo: call ``seed_proposals(ctx)`` after both.

- Hoàng Mai proposes Nguyễn Thị Lan (Hoàng Liệt) to the city for Chiến sĩ thi đua Thành phố 2025:
  eligible, its dossier made of the generated papers and sample scans, filed with the city's board;
- Phường Hoàng Liệt drafts a proposal to Hoàng Mai for Chiến sĩ thi đua cơ sở 2025: Trần Văn Minh
  (no initiative: not eligible) and Lê Thị Hoa (a complaint is pending: blocked), with the reasons;
- Cụm IX (through its leader Cầu Giấy) drafts a proposal to the city for 2020: the Cờ thi đua for
  Cầu Giấy and a Bằng khen for Thanh Xuân, whose histories the registry does not hold yet.

Safe to run again: a proposal is looked up by its proposer, year and subject before it is made.
"""

from __future__ import annotations

import contextlib

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from thidua.documents.engine import render
from thidua.organizations.models import Person

from . import actions
from .models import AwardType, DossierKind, Proposal
from .queries import proposals as q


def _sample_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page sample scan (marked as sample data) for papers the system does not make."""
    from weasyprint import HTML

    body = "".join(f"<p>{line}</p>" for line in lines)
    html = (
        "<html lang='vi'><body style=\"font-family: 'Times New Roman'; font-size: 14pt\">"
        f"<h1 style='font-size: 14pt; text-align: center'>{title}</h1>{body}"
        "<p><i>(Dữ liệu mẫu)</i></p></body></html>"
    )
    return HTML(string=html).write_pdf()


def _proposal(*, proposer, year: int, title: str, cluster=None) -> tuple[Proposal, bool]:
    found = Proposal.objects.filter(proposer=proposer, year=year, title=title).first()
    if found is not None:
        return found, False
    return (
        actions.create_proposal(
            proposer=proposer, cluster=cluster, year=year, title=title, is_sample=True, by=None
        ),
        True,
    )


def _add(proposal, subject, code: str, achievements: str = "") -> None:
    # Already awarded or proposed elsewhere: the demo keeps going.
    with contextlib.suppress(ValidationError):
        actions.add_item(
            proposal=proposal,
            subject=subject,
            award_type=AwardType.objects.get(code=code),
            achievements=achievements,
            by=None,
        )


def _person(unit, family: str, given: str) -> Person | None:
    return Person.objects.filter(unit=unit, family_name=family, given_name=given).first()


def _attach(proposal, kind: str, name: str, data: bytes, item=None) -> None:
    actions.add_document(
        proposal=proposal,
        kind=kind,
        item=item,
        upload=SimpleUploadedFile(name, data, content_type="application/pdf"),
        is_sample=True,
        by=None,
    )


def _city_proposal(units) -> None:
    hoang_mai, ward = units["Hoàng Mai"], units.get("Hoàng Liệt")
    lan = _person(ward, "Nguyễn", "Lan") if ward else None
    year = 2025
    if lan is None or year > timezone.localdate().year:
        return
    proposal, created = _proposal(
        proposer=hoang_mai,
        year=year,
        title="Đề nghị tặng danh hiệu Chiến sĩ thi đua Thành phố năm 2025",
    )
    if not created:
        return
    _add(
        proposal,
        lan,
        "chien_si_thi_dua_cap_tinh",
        "Ba năm liền đạt danh hiệu Chiến sĩ thi đua cơ sở (2023–2025).\n"
        "Chủ trì mô hình “Tổ dân phố không rác thải nhựa”, được Chủ tịch UBND Thành phố công "
        "nhận sáng kiến cấp Thành phố năm 2025.",
    )
    proposal.refresh_from_db()
    items = q.items_of(proposal)
    if not items:
        return
    item = items[0]
    submission, _name, _type = render("awards.proposal_submission", "pdf", proposal=proposal)
    _attach(proposal, DossierKind.SUBMISSION, "to-trinh-hoang-mai-2025.pdf", submission)
    report, _name, _type = render("awards.achievement_report", "pdf", item=item)
    _attach(proposal, DossierKind.REPORT, "bao-cao-thanh-tich-nguyen-thi-lan.pdf", report, item)
    _attach(
        proposal,
        DossierKind.ASSESSMENT_MINUTES,
        "bien-ban-binh-xet-hoang-mai-2025.pdf",
        _sample_pdf(
            "BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG QUẬN HOÀNG MAI",
            [
                "Bình xét danh hiệu Chiến sĩ thi đua Thành phố năm 2025: bà Nguyễn Thị Lan, 9/9 "
                "thành viên đồng ý (100%)."
            ],
        ),
    )
    _attach(
        proposal,
        DossierKind.INITIATIVE,
        "chung-nhan-sang-kien-nguyen-thi-lan.pdf",
        _sample_pdf(
            "GIẤY CHỨNG NHẬN SÁNG KIẾN",
            ["Mô hình “Tổ dân phố không rác thải nhựa”, phạm vi ảnh hưởng cấp Thành phố."],
        ),
        item,
    )
    proposal.refresh_from_db()
    # If the registry changed, the proposal stays a draft showing its reasons.
    with contextlib.suppress(ValidationError):
        actions.file_proposal(proposal=proposal, version=proposal.version, by=None)


def _ward_proposal(units) -> None:
    ward = units.get("Hoàng Liệt")
    if ward is None:
        return
    proposal, created = _proposal(
        proposer=ward,
        year=2025,
        title="Đề nghị công nhận danh hiệu Chiến sĩ thi đua cơ sở năm 2025",
    )
    if not created:
        return
    for family, given in (("Trần", "Minh"), ("Lê", "Hoa")):
        person = _person(ward, family, given)
        if person is not None:
            _add(proposal, person, "chien_si_thi_dua_co_so")


def _cluster_proposal(ctx) -> None:
    cluster = ctx.get("clusters", {}).get("ix")
    if cluster is None or cluster.leader_id is None:
        return
    proposal, created = _proposal(
        proposer=cluster.leader,
        cluster=cluster,
        year=cluster.emulation_year.year,
        title="Đề nghị khen thưởng các đơn vị Cụm thi đua số IX năm 2020",
    )
    if not created:
        return
    units = ctx["units"]
    _add(proposal, units["Cầu Giấy"], "co_thi_dua_cap_tinh", "Đơn vị dẫn đầu Cụm thi đua số IX.")
    if "Thanh Xuân" in units:
        _add(proposal, units["Thanh Xuân"], "bang_khen_cap_tinh")


def seed_proposals(ctx: dict) -> None:
    """ctx["proposals"]: the sample proposals (after awards.demo.seed and clusters.demo.seed)."""
    units = ctx["units"]
    _city_proposal(units)
    _ward_proposal(units)
    _cluster_proposal(ctx)
    ctx["proposals"] = list(Proposal.objects.filter(is_sample=True).order_by("pk"))
