"""Benchmark of document batches: 500 registration lists made as Word files, then as PDF files.

    .venv/bin/python bench/documents_batch.py [--documents 500] [--formats docx pdf]

Sets up a throwaway SQLite database in a temporary folder (or the one of ``--database-url``),
migrates it, and creates one emulation year with N clusters of two member units each, every
member registered with two titles and two thematic emulations or new models. For each format it
starts the batch "registration lists of every cluster of the year" the way the page does
(``documents.actions.start_batch``), runs it as the worker would (``batches.run_batch``) in a
thread while the main thread polls the progress the page shows, and prints the progress, the
documents per second and the size of the zip. The batch must finish with every document made
(exit status 1 otherwise).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import mebibytes, peak_rss, report  # noqa: E402


def setup(database_url: str, media: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    # The page queues the task; here the worker's part runs in a thread of this process.
    os.environ["THIDUA_TASKS_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
    import django
    from django.conf import settings

    django.setup()
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": media},
        },
    }
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_year(count: int):
    from thidua.campaigns import actions as campaign_actions
    from thidua.clusters import actions as cluster_actions
    from thidua.organizations import actions as unit_actions

    city = unit_actions.create_unit(
        parent=None, kind="tinh", short_name="Hà Nội", name="Thành phố Hà Nội", by=None
    )
    year = cluster_actions.create_emulation_year(unit=city, year=2020, theme="Chủ đề", by=None)
    for n in range(1, count + 1):
        members = [
            unit_actions.create_unit(
                parent=city,
                kind="huyen",
                short_name=f"Quận {n}-{k}",
                name=f"Quận Thử nghiệm {n}-{k}",
                by=None,
            )
            for k in (1, 2)
        ]
        cluster = cluster_actions.create_cluster(
            emulation_year=year,
            kind="cum",
            number=str(n),
            name=f"Cụm thi đua số {n}",
            members=members,
            leader=members[0],
            deputy=members[1],
            by=None,
        )
        for unit in members:
            campaign_actions.register_for_emulation(
                cluster=cluster,
                unit=unit,
                titles=["tap_the_lao_dong_xuat_sac", "co_thi_dua_cap_tinh"],
                models=[("mo_hinh_moi", "Phường văn minh đô thị"), ("chuyen_de", "Chuyển đổi số")],
                by=None,
            )
    return year


def run(year, fmt: str) -> bool:
    from thidua.campaigns.papers import REGISTRATION_LISTS
    from thidua.documents import actions
    from thidua.documents.batches import archive_path, progress_of, run_batch
    from thidua.documents.models import BatchStatus

    batch = actions.start_batch(kind=REGISTRATION_LISTS, scope=year, fmt=fmt, title=fmt, by=None)
    errors: list[BaseException] = []

    def work() -> None:
        from django.db import connection

        try:
            run_batch(batch.pk)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    started = time.perf_counter()
    worker = threading.Thread(target=work)
    worker.start()
    shown = -1
    while worker.is_alive():
        progress = progress_of(batch)
        if progress.percent // 10 != shown:
            shown = progress.percent // 10
            sys.stdout.write(
                f"  {fmt}: {progress.finished}/{progress.total} ({progress.percent}%)\n"
            )
            sys.stdout.flush()
        time.sleep(0.25)
    worker.join()
    elapsed = time.perf_counter() - started
    batch.refresh_from_db()
    progress = progress_of(batch)
    size = archive_path(batch).stat().st_size if batch.archive else 0
    sys.stdout.write(
        f"{fmt}: {progress.done} documents in {elapsed:.1f} s = "
        f"{progress.done / elapsed:.1f} documents/s (failed {progress.failed}; "
        f"zip {size / 1_048_576:.1f} MiB)\n"
    )
    report(
        f"document batch: {progress.total} registration lists as {fmt}",
        f"{progress.done / elapsed:.1f} documents/s ({elapsed:.1f} s, {progress.failed} failed)",
        "no baseline: rendering time only",
        "",
        f"{mebibytes(peak_rss())} (process, resident)",
    )
    return not errors and batch.status == BatchStatus.DONE and progress.done == progress.total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--formats", nargs="+", default=["docx", "pdf"])
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="thidua-bench-") as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
        setup(url, f"{folder}/media")
        started = time.perf_counter()
        year = make_year(args.documents)
        sys.stdout.write(
            f"data: {args.documents} clusters of 2 registered members "
            f"({time.perf_counter() - started:.1f} s)\n"
        )
        ok = all([run(year, fmt) for fmt in args.formats])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
