"""`manage.py render_previews` writes the sample papers (and PNG pages when it can)."""

import shutil

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_previews_are_written_for_every_paper_and_sample(cluster, tmp_path, capsys):
    call_command("render_previews", output=str(tmp_path), verbosity=1)
    decisions = sorted(p.name for p in (tmp_path / "clusters.year_decision").iterdir())
    lists = sorted(p.name for p in (tmp_path / "clusters.member_list").iterdir())
    stem = "quyet-dinh-ve-viec-thanh-lap-cac-cum-khoi-thi-dua-nam-2020-thanh-pho-thu"
    assert {f"{stem}.docx", f"{stem}.pdf", f"{stem}.xlsx"} <= set(decisions)
    assert any(name.endswith(".pdf") for name in lists)
    if shutil.which("pdftoppm"):
        assert f"{stem}-1.png" in decisions and f"{stem}-2.png" in decisions
    assert "Đã xuất" in capsys.readouterr().out


def test_quiet_previews_print_nothing(cluster, tmp_path, capsys):
    call_command(
        "render_previews", output=str(tmp_path), verbosity=0, paper=["clusters.member_list"]
    )
    assert capsys.readouterr().out == ""
    assert not (tmp_path / "clusters.year_decision").exists()


def test_previews_need_the_demo_data(tmp_path):
    with pytest.raises(CommandError, match="seed_demo"):
        call_command("render_previews", output=str(tmp_path), verbosity=0)


def test_an_unknown_paper_is_refused(tmp_path):
    with pytest.raises(CommandError, match=r"clusters\.year_decision"):
        call_command("render_previews", output=str(tmp_path), paper=["nope"], verbosity=0)
