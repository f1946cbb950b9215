"""Excel import of history rows with full validation (``thidua.awards`` import), timed.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/import_history.py

In a throwaway PostgreSQL database filled by ``generate_national --scale 0.01`` (two provinces,
20,000 people), a board officer of every province imports a workbook of ``--rows`` history rows
(default 100,000), all in one sheet (``--layout awards``, the default: awards by decisions,
100 recipients a decision; ``--layout ratings``: yearly ratings) or half in each
(``--layout split``), for the ten years before the generated ones, so every row is new. The
import is streamed (chunks of ``excel.CHUNK_ROWS`` rows; a sheet may hold ``excel.MAX_ROWS``).
Measured, through the import's own actions:

- preview (``build_plan``: read, convert, match, validate everything), and
- confirm (``commit_import``: validate again and write chunk by chunk in one transaction),

with the peak resident memory each adds to the process. The same import of a fifth of the rows
is run first in another database-free pass of ``build_plan`` to see whether memory grows with the
file (a streamed import stays flat).
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (
    RssSampler,
    mebibytes,
    report,
    setup_django,
    throwaway_database,
)

RATINGS = ["HTXSNV", "HTTNV", "HTNV", "KHTNV"]


def people_keys(limit: int) -> list[tuple[str, str, object]]:
    """(unit full name, full name, birth date) of people that key uniquely."""
    from collections import Counter

    from thidua.organizations.models import Person

    rows = [
        (p.unit.name, p.full_name, p.birth_date)
        for p in Person.objects.select_related("unit").order_by("pk")
    ]
    counts = Counter(rows)
    return [r for r in rows if counts[r] == 1][:limit]


def workbook(keys, n_rows: int, first_year: int, layout: str = "split") -> bytes:
    from openpyxl import Workbook

    from thidua.awards import excel

    wb = Workbook(write_only=True)
    half = {"split": n_rows // 2, "ratings": n_rows, "awards": 0}[layout]
    ratings = wb.create_sheet(excel.RATINGS_SHEET)
    ratings.append([c.header for c in excel.COLUMNS[excel.RATINGS_SHEET]])
    for i in range(half):
        unit, name, born = keys[i % len(keys)]
        year = first_year + (i // len(keys))
        ratings.append([unit, name, born.strftime("%d/%m/%Y"), year, RATINGS[i % 4]])
    awards = wb.create_sheet(excel.AWARDS_SHEET)
    awards.append([c.header for c in excel.COLUMNS[excel.AWARDS_SHEET]])
    for i in range(n_rows - half):
        unit, name, born = keys[i % len(keys)]
        year = first_year + (i // len(keys))
        awards.append([
            unit, name, born.strftime("%d/%m/%Y"), year, "Lao động tiên tiến",
            f"{i // 100 + 1}/QĐ-TĐKT", f"15/01/{year + 1}", "Ủy ban nhân dân tỉnh",
            "Nguyễn Văn A", "Chủ tịch", "Thường xuyên",
        ])  # fmt: skip
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--layout", choices=("awards", "ratings", "split"), default="awards")
    args = parser.parse_args()
    with throwaway_database("thidua_bench_import"):
        setup_django()
        from django.core.files.uploadedfile import SimpleUploadedFile
        from django.core.management import call_command

        from thidua.accounts.models import RoleAssignment, User
        from thidua.awards.actions.imports import commit_import, stage_import
        from thidua.awards.importing import build_plan
        from thidua.organizations.models import Unit

        call_command("generate_national", scale=args.scale, verbosity=0)
        user = User.objects.create_user("import-officer", password=None)
        for province in Unit.objects.filter(parent__isnull=True):
            RoleAssignment.objects.create(user=user, role="board_officer", unit=province)
        keys = people_keys(args.rows)
        first_year = 2006  # the generated history starts in 2016
        small = workbook(keys, args.rows // 5, first_year, args.layout)
        data = workbook(keys, args.rows, first_year, args.layout)
        print(
            f"workbook: {args.rows} rows ({args.layout}), {len(data) / 1048576:.1f} MiB",
            flush=True,
        )

        with RssSampler() as small_mem:
            t0 = time.perf_counter()
            plan = build_plan(io.BytesIO(small), user)
            small_time = time.perf_counter() - t0
        assert not plan.errors, plan.errors[:5]
        del plan
        with RssSampler() as preview_mem:
            t0 = time.perf_counter()
            plan = build_plan(io.BytesIO(data), user)
            preview_time = time.perf_counter() - t0
        assert not plan.errors, plan.errors[:5]
        planned = plan.rating_count + plan.award_count
        assert planned == args.rows, (planned, args.rows)
        del plan
        staged = stage_import(
            upload=SimpleUploadedFile(
                "lich-su.xlsx",
                data,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            by=user,
        )
        with RssSampler() as commit_mem:
            t0 = time.perf_counter()
            result = commit_import(staged=staged, by=user)
            commit_time = time.perf_counter() - t0
        assert result["ratings"] + result["recipients"] == args.rows, result
    small_add = small_mem.peak - small_mem.start
    preview_add = preview_mem.peak - preview_mem.start
    print(
        f"preview of {args.rows // 5} rows: {small_time:.1f} s, +{mebibytes(small_add)}; "
        f"of {args.rows} rows: {preview_time:.1f} s, +{mebibytes(preview_add)}; "
        f"confirm: {commit_time:.1f} s, +{mebibytes(commit_mem.peak - commit_mem.start)}",
        flush=True,
    )
    flat = preview_add < 2 * max(small_add, 32 * 1048576)
    report(
        f"Excel import, {args.rows:,} rows ({args.layout}): preview (full validation)",
        f"{preview_time:.1f} s",
        f"{args.rows // 5:,} rows: {small_time:.1f} s, +{mebibytes(small_add)}",
        f"{preview_time / small_time:.2f}× for 5× the rows" if small_time else "",
        f"+{mebibytes(preview_add)} ({'flat' if flat else 'grows with the file'})",
    )
    report(
        f"Excel import, {args.rows:,} rows ({args.layout}): confirm (validate again and write)",
        f"{commit_time:.1f} s",
        "target: under 60 s",
        f"{commit_time / 60:.2f}× of the target",
        f"+{mebibytes(commit_mem.peak - commit_mem.start)}",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
