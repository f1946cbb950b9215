"""Run every benchmark under bench/ and write bench/RESULTS.md (``make bench``).

Each ``bench/*.py`` script (not starting with "_", not this one) runs in its own process with
DATABASE_URL pointing at the PostgreSQL server (each makes and drops its own database); its
output is shown as it comes, and its ``RESULT|…`` lines (see ``_common.report``) become rows of
the table. A script that fails or prints no result gets a row saying so.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _common import ROOT, parse  # noqa: E402

ORDER = ["scoring_consolidation", "eligibility_bulk", "load_scoreboard", "import_history"]


def scripts(only: list[str]) -> list[Path]:
    found = [p for p in HERE.glob("*.py") if not p.name.startswith("_") and p.name != "run.py"]
    found.sort(key=lambda p: (ORDER.index(p.stem) if p.stem in ORDER else len(ORDER), p.stem))
    return [p for p in found if not only or p.stem in only]


def machine(url: str) -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1048576:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    pg = ""
    try:
        import psycopg

        with psycopg.connect(url) as conn:
            pg = conn.execute("SHOW server_version").fetchone()[0]
    except Exception as error:  # the table still says which server was meant
        pg = f"unknown ({type(error).__name__})"
    load = ""
    if hasattr(os, "getloadavg"):
        load = " · load average at start {:.1f} {:.1f} {:.1f}".format(*os.getloadavg())
    return [
        f"- Machine: {platform.node()} · {cpu} · {os.cpu_count()} cores{memory}{load}",
        f"- System: {platform.platform()} · Python {platform.python_version()} · PostgreSQL {pg}",
    ]


def run(path: Path, url: str, timeout: int) -> tuple[list[dict], str, float]:
    env = {**os.environ, "DATABASE_URL": url, "PYTHONUNBUFFERED": "1"}
    started = time.monotonic()
    rows: list[dict] = []
    proc = subprocess.Popen(
        [sys.executable, str(path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    status = "ok"
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            sys.stdout.write(line)
            row = parse(line)
            if row:
                rows.append(row)
            if time.monotonic() - started > timeout:
                proc.kill()
                status = f"timed out after {timeout} s"
                break
        code = proc.wait()
        if code and status == "ok":
            status = f"failed (exit {code})"
    except KeyboardInterrupt:
        proc.kill()
        raise
    return rows, status, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL", ""), help="PostgreSQL server"
    )
    parser.add_argument("--only", nargs="*", default=[], help="script names without .py")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per script")
    parser.add_argument("--out", default=str(HERE / "RESULTS.md"))
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        sys.exit("bench: give --database-url (or DATABASE_URL) of a PostgreSQL server")
    header = machine(args.database_url)
    started = datetime.datetime.now(datetime.UTC)
    table = [
        "| Benchmark | Figure | Baseline (same run) | Ratio | Peak memory |",
        "|---|---|---|---|---|",
    ]
    statuses = []
    failed = False
    for path in scripts(args.only):
        print(f"=== {path.name}", flush=True)
        rows, status, seconds = run(path, args.database_url, args.timeout)
        statuses.append(f"- `{path.name}`: {status}, {seconds:.0f} s")
        for row in rows:
            table.append(
                "| " + " | ".join(row[k] for k in ("name", "figure", "baseline", "ratio",
                                                    "peak_mem")) + " |"
            )  # fmt: skip
        if status != "ok" or not rows:
            failed = True
            table.append(f"| {path.stem} | {status if status != 'ok' else 'no result'} | | | |")
    text = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`bench/run.py`); do not edit by hand.",
        "",
        f"- Date: {started:%Y-%m-%d %H:%M} UTC",
        *header,
        "",
        *table,
        "",
        "Runs:",
        "",
        *statuses,
        "",
        "The machine may be shared with other work: figures are noisy; compare each figure with",
        "its baseline from the same run rather than across runs.",
        "",
    ]
    Path(args.out).write_text("\n".join(text), encoding="utf-8")
    print(f"wrote {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
