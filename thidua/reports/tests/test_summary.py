"""The annual summary: a Vietnamese draft from the database's figures only, edited and saved with
a version check, then rendered as a paper in the decree's layout."""

import re

import pytest
from django.urls import reverse

from thidua.campaigns import actions as campaign_actions
from thidua.core.models import AuditEntry
from thidua.documents.tests.readers import docx_text, flat, pdf_text
from thidua.reports import actions, queries
from thidua.reports.models import SummaryDraft
from thidua.reports.queries import unit_scope
from thidua.reports.summary import draft_text

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def test_the_draft_states_the_awards_as_an_officer_would(tree, awards):
    text = draft_text(unit_scope(tree["city"], 2024))
    assert "II. CÔNG TÁC KHEN THƯỞNG" in text
    assert (
        "Năm 2024, các tập thể, cá nhân thuộc Thành phố Thử được khen thưởng 5 lượt: "
        "1 cá nhân nhận Lao động tiên tiến; 1 cá nhân nhận Chiến sĩ thi đua cơ sở; "
        "2 đơn vị nhận Cờ thi đua của Ủy ban nhân dân Thành phố; "
        "1 đơn vị nhận Huân chương Lao động hạng Ba."
    ) in text
    assert (
        "Theo cấp khen thưởng: 1 lượt cấp Nhà nước, 2 lượt cấp bộ, ngành, tỉnh, 2 lượt cấp cơ sở."
        in text
    )
    assert "Trong 2 cá nhân được khen thưởng có 1 nữ." in text
    assert "Tổng tiền thưởng theo hệ số quy định là 61.542.000 đồng" in text
    assert "III. ĐÁNH GIÁ CHUNG VÀ PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025" in text


def test_every_number_in_the_draft_is_a_figure_the_database_holds(tree, cluster, awards):
    campaign_actions.register_for_emulation(
        cluster=cluster,
        unit=tree["d2"],
        titles=["giay_khen"],
        models=[("mo_hinh_moi", "Tổ dân phố 4.0"), ("chuyen_de", "Chuyển đổi số")],
        by=None,
    )
    scope = unit_scope(tree["city"], 2020)
    # the 2020 figures: one registration of three memberships, no award
    text = draft_text(scope)
    assert (
        "2. Đăng ký thi đua: có 1/3 đơn vị thành viên đăng ký thi đua, với 1 chuyên đề thi đua "
        "và 1 mô hình mới." in text
    )
    assert "Các mô hình mới: Tổ dân phố 4.0 (Quận Thanh Xuân)." in text
    assert "Sổ khen thưởng chưa ghi nhận lượt khen thưởng nào của năm 2020." in text
    held = {"2020", "2021", "1", "3", "4.0"} | {
        str(n) for n in range(1, 5)
    }  # "1.", "2." … headings
    assert set(NUMBER.findall(text)) <= held
    scope = unit_scope(tree["city"], 2024)
    text = draft_text(scope)
    bonus = queries.bonus_owed(scope)
    figures = {"2024", "2025", "5", "1", "2", "61.542.000", "2.340.000"} | {
        str(n) for n in range(1, 5)
    }
    assert bonus.total == 61_542_000
    assert set(NUMBER.findall(text)) <= figures


def test_saving_checks_the_version_and_is_audited(tree, cast):
    draft = actions.save_summary_draft(
        unit=tree["d1"], year=2024, text="Bản 1", version=None, by=cast["leader"]
    )
    assert draft.version == 1
    draft = actions.save_summary_draft(
        unit=tree["d1"], year=2024, text="Bản 2", version=1, by=cast["leader"]
    )
    assert draft.version == 2 and draft.text == "Bản 2"
    from thidua.core.errors import StaleEditError

    with pytest.raises(StaleEditError):
        actions.save_summary_draft(
            unit=tree["d1"], year=2024, text="cũ", version=1, by=cast["board"]
        )
    with pytest.raises(StaleEditError):  # a second "new" draft is someone else's too
        actions.save_summary_draft(unit=tree["d1"], year=2024, text="mới", version=None, by=None)
    assert SummaryDraft.objects.get().text == "Bản 2"
    assert list(
        AuditEntry.objects.filter(object_id=str(draft.pk))
        .values_list("action", flat=True)
        .order_by("pk")
    ) == ["reports.summary.created", "reports.summary.changed"]


def test_the_officer_edits_the_draft_and_downloads_it(tree, cast, awards, client_for):
    client = client_for(cast["leader"])
    url = reverse("reports:unit_summary", args=[tree["d1"].pk, 2024])
    page = client.get(url)
    assert page.status_code == 200
    generated = page.context["form"].initial["text"]
    assert "1 đơn vị nhận Huân chương Lao động hạng Ba" in generated
    edited = generated.replace(
        "I. KẾT QUẢ", "Quận đã hoàn thành xuất sắc nhiệm vụ năm 2024.\nI. KẾT QUẢ", 1
    )
    response = client.post(url, {"text": edited, "save": "1"})
    assert response.status_code == 302
    stale = client.post(url, {"text": "ghi đè", "version": "", "save": "1"})
    assert stale.status_code == 409
    assert "vừa được người khác thay đổi" in stale.content.decode()
    assert SummaryDraft.objects.get(unit=tree["d1"]).text.startswith("Quận đã hoàn thành")
    data = client.get(
        reverse("reports:unit_summary_file", args=[tree["d1"].pk, 2024, "docx"])
    ).content
    text = flat(docx_text(data))
    assert "Quận đã hoàn thành xuất sắc nhiệm vụ năm 2024." in text
    assert "Tổng kết công tác thi đua, khen thưởng năm 2024" in text
    pdf = client.get(
        reverse("reports:unit_summary_file", args=[tree["d1"].pk, 2024, "pdf"])
    ).content
    assert "1 đơn vị nhận Huân chương Lao động hạng Ba" in pdf_text(pdf)


def test_regenerating_replaces_the_text_without_saving(tree, cast, awards, client_for):
    actions.save_summary_draft(unit=tree["d1"], year=2024, text="Bản cũ", version=None, by=None)
    client = client_for(cast["leader"])
    url = reverse("reports:unit_summary", args=[tree["d1"].pk, 2024])
    page = client.post(url, {"regenerate": "1"})
    assert "Huân chương Lao động hạng Ba" in page.context["form"].initial["text"]
    assert page.context["form"].initial["version"] == 1
    assert SummaryDraft.objects.get().text == "Bản cũ"


def test_readers_see_reports_but_do_not_draft(tree, cast, client_for):
    url = reverse("reports:unit_summary", args=[tree["city"].pk, 2024])
    assert client_for(cast["viewer"]).get(url).status_code == 403
    assert client_for(cast["outsider"]).get(url).status_code == 404
    assert client_for(cast["leader"]).get(url).status_code == 404  # the city is above Cầu Giấy
    assert client_for(cast["board"]).get(url).status_code == 200
