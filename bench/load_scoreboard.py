"""The scoreboard page and the eligibility API under load, against a trivial view, on gunicorn.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python bench/load_scoreboard.py

1. A throwaway PostgreSQL database (``thidua_bench_load_<pid>``), migrated and filled by
   ``generate_national --scale`` (default 0.01: about 330 clusters a year, 20,000 people); a
   viewer of one province with a session (cookie) and an API token.
2. ``collectstatic`` and gunicorn started with the production configuration
   (``deploy/gunicorn.conf.py``, DJANGO_DEBUG=0, persistent database connections) on a free
   loopback port.
3. For each target, ``--clients`` (50) concurrent clients for ``--seconds`` (15) after a short
   warm-up, each sending its next request as soon as the previous answer arrived:
   ``GET /healthz`` (the trivial view, the baseline); ``GET`` the scoreboard of a published round
   as the public reads it (no sign-in, the page the news links to), then as the signed-in viewer
   (session, user and grants read on every request); ``POST /api/v1/eligibility/check`` (one
   case, with the token).
4. Prints requests per second, p50/p95/p99 latency and the peak memory of the gunicorn processes
   (master and workers together); a non-200 answer counts as an error and fails the run.

The client is a small asyncio HTTP/1.1 client in this process, so it shares the machine's cores
with the server: figures are a floor, and noisy on a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (
    ROOT,
    RssSampler,
    report,
    setup_django,
    throwaway_database,
)

CASE = {
    "cases": [
        {
            "id": "load",
            "subject": {"kind": "individual", "pending": []},
            "history": [
                {"year": 2023, "rating": "htxsnv"},
                {"year": 2023, "title": "chien_si_thi_dua_co_so"},
                {"year": 2024, "rating": "htxsnv"},
                {"year": 2024, "title": "chien_si_thi_dua_co_so"},
                {"year": 2025, "rating": "htxsnv"},
                {"year": 2025, "title": "chien_si_thi_dua_co_so"},
                {"year": 2025, "initiative": {"id": "SK-1", "scope": "cap_tinh"}},
            ],
            "request": {"code": "chien_si_thi_dua_cap_tinh", "year": 2025},
        }
    ]
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(scale: float) -> dict:
    """Data, a viewer with a session, a token; returns what the clients need."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from thidua.accounts.actions import create_api_token
    from thidua.accounts.models import RoleAssignment, User
    from thidua.scoring.models import ScoringRound

    call_command("generate_national", scale=scale, verbosity=0)
    # The published round with the most members of the latest published year.
    scoring_round = (
        ScoringRound.objects.filter(status="published")
        .select_related("cluster__emulation_year")
        .order_by("-cluster__emulation_year__year", "-pk")
        .first()
    )
    province = scoring_round.cluster.emulation_year.unit
    user = User.objects.create_user("load-viewer", password=None)
    RoleAssignment.objects.create(user=user, role="viewer", unit=province)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    _, token = create_api_token(user=user, name="load test")
    return {"round": scoring_round.pk, "session": session.session_key, "token": token}


# --- the client ----------------------------------------------------------------------------------


async def one_request(port: int, raw: bytes) -> tuple[float, int]:
    """Open a connection, send ``raw``, read the whole answer; (seconds, status)."""
    t0 = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(raw)
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = None
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length is None:
            await reader.read()
        else:
            await reader.readexactly(length)
    finally:
        writer.close()
    return time.perf_counter() - t0, status


async def hammer(port: int, raw: bytes, clients: int, seconds: float, warmup: float) -> dict:
    latencies: list[float] = []
    errors = 0
    measuring = False
    stop = time.perf_counter() + warmup + seconds

    async def client() -> None:
        nonlocal errors
        while time.perf_counter() < stop:
            try:
                elapsed, status = await one_request(port, raw)
            except (OSError, asyncio.IncompleteReadError):
                elapsed, status = 0.0, 0
            if measuring:
                latencies.append(elapsed)
                errors += status != 200

    tasks = [asyncio.create_task(client()) for _ in range(clients)]
    await asyncio.sleep(warmup)
    measuring = True
    started = time.perf_counter()
    await asyncio.gather(*tasks)
    wall = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else 0.0

    return {
        "requests": len(latencies),
        "rps": len(latencies) / wall,
        "p50": pct(0.50),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "errors": errors,
    }


def request(method: str, path: str, port: int, headers: dict, body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def wait_ready(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            _, status = asyncio.run(one_request(port, request("GET", "/healthz", port, {})))
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn did not answer /healthz in time")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.01)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (0: config)")
    args = parser.parse_args()

    secret = "bench-only-" + "x" * 50
    os.environ["DJANGO_SECRET_KEY"] = secret  # the session below is signed with the server's key
    with throwaway_database("thidua_bench_load") as url:
        setup_django()
        info = prepare(args.scale)
        from django.db import connections

        connections.close_all()
        port = free_port()
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secret,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_CONN_MAX_AGE": "60",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_ACCESSLOG": "",
        }
        if args.workers:
            env["GUNICORN_WORKERS"] = str(args.workers)
        # The manifest of hashed names exists only when collected with DEBUG off.
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
            cwd=ROOT,
            env=env,
        )
        try:
            wait_ready(port)
            cookie = {"Cookie": f"sessionid={info['session']}"}
            body = json.dumps(CASE).encode()
            targets = [
                ("trivial view /healthz", request("GET", "/healthz", port, {})),
                (
                    "public scoreboard page",
                    request("GET", f"/scoring/public/{info['round']}/", port, {}),
                ),
                (
                    "signed-in scoreboard page",
                    request("GET", f"/scoring/rounds/{info['round']}/scoreboard/", port, cookie),
                ),
                (
                    "eligibility API",
                    request(
                        "POST",
                        "/api/v1/eligibility/check",
                        port,
                        {
                            "Authorization": f"Bearer {info['token']}",
                            "Content-Type": "application/json",
                        },
                        body,
                    ),
                ),
            ]
            results = {}
            for name, raw in targets:
                with RssSampler(pid=server.pid) as mem:
                    results[name] = asyncio.run(
                        hammer(port, raw, args.clients, args.seconds, args.warmup)
                    )
                results[name]["peak"] = mem.peak
                r = results[name]
                print(
                    f"{name}: {r['requests']} requests, {r['rps']:.0f} req/s, "
                    f"p50 {r['p50'] * 1000:.0f} ms, p95 {r['p95'] * 1000:.0f} ms, "
                    f"p99 {r['p99'] * 1000:.0f} ms, errors {r['errors']}",
                    flush=True,
                )
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    base = results["trivial view /healthz"]
    for name in ("public scoreboard page", "signed-in scoreboard page", "eligibility API"):
        r = results[name]
        report(
            f"{name} under load ({args.clients} clients, {args.seconds:.0f} s)",
            f"{r['rps']:.0f} req/s; p50 {r['p50'] * 1000:.0f} / p95 {r['p95'] * 1000:.0f} / "
            f"p99 {r['p99'] * 1000:.0f} ms",
            f"trivial view {base['rps']:.0f} req/s; p95 {base['p95'] * 1000:.0f} ms",
            f"{r['rps'] / base['rps']:.2f}× throughput" if base["rps"] else "",
            r["peak"],
        )
    failed = {n: r["errors"] for n, r in results.items() if r["errors"] or not r["requests"]}
    if failed:
        print(f"errors: {failed}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
