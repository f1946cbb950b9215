"""The history import is streamed: memory does not grow with the file, and it stays all or nothing.

The workbook is read, converted, matched and written a chunk of ``excel.CHUNK_ROWS`` rows at a
time; the plan keeps counters and a bounded preview, never every row.
"""

import datetime
import gc
import io
import tracemalloc

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from thidua.awards import actions, excel, importing
from thidua.awards.models import Decision, DecisionRecipient, ImportUpload, YearlyRating
from thidua.awards.models.registry import MIN_YEAR
from thidua.core.models import AuditEntry
from thidua.organizations.models import Person

pytestmark = pytest.mark.django_db

RATINGS = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")
YEARS = 60  # ratings a person can get in the file: MIN_YEAR .. MIN_YEAR + 59


@pytest.fixture
def people(tree):
    """400 people of Thanh Xuân (the unit officer's unit), each keyed by name and birth date."""
    Person.objects.bulk_create(
        Person(
            unit=tree["d2"],
            family_name="Phạm",
            middle_name="Văn",
            given_name=f"Số {i}",
            search_text=f"pham van so {i}",
            birth_date=datetime.date(1970, 1, 1) + datetime.timedelta(days=i),
        )
        for i in range(400)
    )
    return [
        ("Thanh Xuân", f"Phạm Văn Số {i}", datetime.date(1970, 1, 1) + datetime.timedelta(days=i))
        for i in range(400)
    ]


def ratings_workbook(people, n: int, *, bad_rows=()) -> bytes:
    """n rating rows, every one new and distinct; the rows numbered in ``bad_rows`` (Excel
    numbers) carry an unknown rating."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(excel.RATINGS_SHEET)
    sheet.append([c.header for c in excel.COLUMNS[excel.RATINGS_SHEET]])
    for i in range(n):
        unit, name, born = people[i % len(people)]
        year = MIN_YEAR + i // len(people)
        rating = "giỏi" if i + 2 in bad_rows else RATINGS[i % 4]
        sheet.append([unit, name, born.strftime("%d/%m/%Y"), year, rating])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _peak_of_plan(content: bytes, user) -> tuple[int, importing.Plan]:
    gc.collect()
    tracemalloc.start()
    try:
        plan = importing.build_plan(io.BytesIO(content), user)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak, plan


def test_memory_does_not_grow_with_the_number_of_rows(cast, people, monkeypatch):
    monkeypatch.setattr(excel, "CHUNK_ROWS", 250)  # several chunks, in less time
    small = ratings_workbook(people, 2_000)
    large = ratings_workbook(people, 8_000)
    _peak_of_plan(ratings_workbook(people, 300), cast["officer"])  # warm caches
    small_peak, small_plan = _peak_of_plan(small, cast["officer"])
    large_peak, large_plan = _peak_of_plan(large, cast["officer"])
    assert small_plan.ok and large_plan.ok, large_plan.errors[:3]
    assert (small_plan.rating_count, large_plan.rating_count) == (2_000, 8_000)
    # Four times the rows: the peak stays within a small factor. What grows is one integer key
    # a row (to find repeated rows); the import that kept every row grew by about 2 KiB a row.
    assert large_peak < 2 * small_peak, (small_peak, large_peak)
    assert (large_peak - small_peak) / 6_000 < 300, (small_peak, large_peak)


def test_the_plan_keeps_a_bounded_preview_and_counts_everything(cast, people):
    bad = {3, 2_500, 4_900} | set(range(3_000, 3_000 + importing.MAX_ERRORS + 10))
    plan = importing.build_plan(
        io.BytesIO(ratings_workbook(people, 5_000, bad_rows=bad)), cast["officer"]
    )
    assert len(plan.ratings) == importing.PREVIEW_ROWS
    assert plan.rating_count == 5_000 - len(bad)
    assert plan.error_count == len(bad)
    assert len(plan.errors) == importing.MAX_ERRORS and plan.errors_truncated
    # Errors name their row and column, across chunks.
    assert any("dòng 2500, cột E" in e for e in plan.errors)
    assert not plan.ok


def test_a_long_file_is_written_whole_in_one_transaction_and_audited_with_ranges(cast, people):
    n = 2 * excel.CHUNK_ROWS + 123
    staged = actions.stage_import(
        upload=SimpleUploadedFile("lich-su.xlsx", ratings_workbook(people, n)), by=cast["officer"]
    )
    result = actions.commit_import(staged=staged, by=cast["officer"])
    assert result["ratings"] == n == YearlyRating.objects.count()
    entry = AuditEntry.objects.get(action="awards.import.committed")
    ranges = entry.after["rating_ids"]
    assert sum(last - first + 1 for first, last in ranges) == n
    assert len(ranges) < 10  # ranges of ids, not every id
    ids = set(YearlyRating.objects.values_list("pk", flat=True))
    assert ids == {pk for first, last in ranges for pk in range(first, last + 1)}


def test_an_error_in_the_last_chunk_rolls_back_the_chunks_already_written(cast, people):
    n = 2 * excel.CHUNK_ROWS + 50
    content = ratings_workbook(people, n, bad_rows={n + 1})  # the very last row
    staged = actions.stage_import(
        upload=SimpleUploadedFile("lich-su.xlsx", content), by=cast["officer"]
    )
    with pytest.raises(ValidationError) as raised:
        actions.commit_import(staged=staged, by=cast["officer"])
    assert any(f"dòng {n + 1}, cột E" in m for m in raised.value.messages)
    assert YearlyRating.objects.count() == 0
    assert not AuditEntry.objects.filter(action="awards.import.committed").exists()
    assert ImportUpload.objects.get().status == "staged"


def test_a_repeated_row_is_found_in_another_chunk(cast, people):
    book = Workbook(write_only=True)
    sheet = book.create_sheet(excel.RATINGS_SHEET)
    sheet.append([c.header for c in excel.COLUMNS[excel.RATINGS_SHEET]])
    unit, name, born = people[0]
    sheet.append([unit, name, born, 2020, "HTTNV"])
    for _ in range(excel.CHUNK_ROWS + 10):
        sheet.append([None] * 5)  # empty rows still count towards the chunk
    sheet.append([unit, name, born, 2020, "HTTNV"])
    out = io.BytesIO()
    book.save(out)
    plan = importing.build_plan(io.BytesIO(out.getvalue()), cast["officer"])
    last = excel.CHUNK_ROWS + 10 + 3
    assert any(f"dòng {last}, cột E" in e and "dòng 2" in e for e in plan.errors), plan.errors


def test_awards_share_decisions_across_chunks(cast, people):
    book = Workbook(write_only=True)
    sheet = book.create_sheet(excel.AWARDS_SHEET)
    sheet.append([c.header for c in excel.COLUMNS[excel.AWARDS_SHEET]])
    n = excel.CHUNK_ROWS + 300
    for i in range(n):
        unit, name, born = people[i % len(people)]
        year = 2000 + i // len(people)
        sheet.append([
            unit, name, born, year, "Lao động tiên tiến", f"{(i + 100) // 400 + 1}/QĐ-UBND",
            f"15/01/{2000 + (n - 1) // len(people) + 1}", "UBND quận Thanh Xuân", None, None, None,
        ])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    staged = actions.stage_import(
        upload=SimpleUploadedFile("lich-su.xlsx", out.getvalue()), by=cast["officer"]
    )
    result = actions.commit_import(staged=staged, by=cast["officer"])
    # Decision 6 (rows 1,902-2,301) spans the first two chunks.
    assert (result["decisions"], result["recipients"]) == (6, n)
    assert Decision.objects.count() == 6 and DecisionRecipient.objects.count() == n


def test_a_sheet_longer_than_the_limit_is_refused_whole(cast, people, monkeypatch):
    monkeypatch.setattr(excel, "MAX_ROWS", 300)
    plan = importing.build_plan(io.BytesIO(ratings_workbook(people, 301)), cast["officer"])
    assert plan.errors == ["Trang tính “Xếp loại” có hơn 300 dòng; hãy tách thành nhiều tệp."]
    assert importing.build_plan(io.BytesIO(ratings_workbook(people, 300)), cast["officer"]).ok


def test_the_row_limit_allows_a_national_file():
    assert excel.MAX_ROWS >= 100_000
