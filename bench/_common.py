"""What every benchmark under bench/ shares: one line per figure, collected by ``make bench``.

A benchmark prints, for each figure it measures, one line

    RESULT|<name>|<figure>|<baseline>|<ratio>|<peak memory>

through ``report(...)``; ``bench/run.py`` runs every ``bench/*.py`` script, keeps these lines and
writes them as the table of ``bench/RESULTS.md``. Everything else a script prints is for humans.
Fields never contain "|" (it is replaced).
"""

from __future__ import annotations

import os
import resource
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "RESULT|"


def _clean(value) -> str:
    return str(value).replace("|", "/").replace("\n", " ").strip()


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value >= 1 else f"{value * 1000:.0f} ms"


def mebibytes(n_bytes: float) -> str:
    return f"{n_bytes / 1048576:.0f} MiB"


def report(
    name: str,
    figure: str,
    baseline: str = "",
    ratio: float | str | None = None,
    peak_mem: str | int | None = None,
) -> str:
    """Print one result line (and return it). ``ratio`` as a float becomes "1.23×";
    ``peak_mem`` as an int is bytes."""
    if isinstance(ratio, float | int):
        ratio = f"{ratio:.2f}×"
    if isinstance(peak_mem, int):
        peak_mem = mebibytes(peak_mem)
    line = PREFIX + "|".join(_clean(x or "") for x in (name, figure, baseline, ratio, peak_mem))
    print(line, flush=True)
    return line


def parse(line: str) -> dict | None:
    """A result line → {name, figure, baseline, ratio, peak_mem}; None for any other line."""
    if not line.startswith(PREFIX):
        return None
    parts = line.rstrip("\n").split("|")[1:]
    parts += [""] * (5 - len(parts))
    return dict(zip(("name", "figure", "baseline", "ratio", "peak_mem"), parts[:5], strict=True))


def peak_rss() -> int:
    """Peak resident memory of this process so far, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def current_rss() -> int:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # not Linux
        return peak_rss()


class RssSampler:
    """Peak resident memory during a block (sampled every 20 ms), since ``ru_maxrss`` only ever
    grows: ``with RssSampler() as s: …; s.peak - s.start`` is what the block added."""

    def __init__(self, interval: float = 0.02, pid: int | None = None):
        self.interval = interval
        self.pid = pid
        self.samples: list[int] = []
        self._stop = threading.Event()

    def _rss(self) -> int:
        if self.pid is None:
            return current_rss()
        return tree_rss(self.pid)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append(self._rss())
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self.start = self._rss()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append(self._rss())

    @property
    def peak(self) -> int:
        return max(self.samples) if self.samples else self.start


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants (gunicorn master and workers)."""
    total = 0
    pids = [pid]
    while pids:
        p = pids.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            with open(f"/proc/{p}/task/{p}/children") as f:
                pids.extend(int(c) for c in f.read().split())
        except OSError:
            continue
    return total


def timed(func: Callable, repeat: int = 1) -> tuple[float, object]:
    """The best wall time of ``repeat`` runs of ``func()`` and its last result."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - t0)
    return best, result


def with_database(url: str, name: str) -> str:
    """``url`` pointing at database ``name`` instead."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def admin_sql(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
        conn.execute(sql)


@contextmanager
def throwaway_database(prefix: str = "thidua_bench"):
    """A fresh PostgreSQL database next to DATABASE_URL's, migrated, dropped at the end;
    DATABASE_URL points at it inside the block (set before Django is set up)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("bench: DATABASE_URL must point at PostgreSQL (postgres://…)")
    name = f"{prefix}_{os.getpid()}"
    admin_sql(url, f'DROP DATABASE IF EXISTS "{name}"')
    admin_sql(url, f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = with_database(url, name)
    try:
        yield os.environ["DATABASE_URL"]
    finally:
        os.environ["DATABASE_URL"] = url
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # Django not set up
            pass
        admin_sql(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django(migrate: bool = True) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def backend_peak_kib(pid: int) -> int | None:
    """Peak resident memory (VmHWM) of a PostgreSQL backend running on this machine, or None."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def measure(fn, repeat: int) -> dict:
    """Best time of ``repeat`` runs of ``fn`` on a fresh database connection, then the peak
    memory of one more: of this process (``tracemalloc``; a run of its own, since tracing every
    allocation slows Python several times over) and of the PostgreSQL backend."""
    import tracemalloc

    from django.db import connection

    connection.close()
    with connection.cursor() as c:
        c.execute("SELECT pg_backend_pid()")
        pid = c.fetchone()[0]
    best, result = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    tracemalloc.start()
    fn()
    python_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "s": best,
        "result": result,
        "python_mib": python_peak / 2**20,
        "backend_mib": (backend_peak_kib(pid) or 0) / 1024,
    }
