"""Throughput and latency of the portal's main pages at 100, 10,000 and 100,000 projects.

Run by `make bench` (see `--help`). For each size it uses a PostgreSQL database of its own,
`portal_bench_<size>` on 127.0.0.1:5432 (user postgres): created, migrated, loaded with the
demo and topped up with `manage.py seed_scale` to exactly <size> published projects. A database
that already holds them is reused, so only the first run seeds (`--reseed` rebuilds).

Each size is served by gunicorn as in production (debug off, collected static files, two sync
workers, the 5 s statement timeout of web processes) with `cooperation_portal.settings_bench`,
which adds a bare page to measure the pages against, in two modes:

- uncached: `CACHE_URL=dummy://`, nothing is cached, every request builds its page;
- cached: `CACHE_URL=redis://127.0.0.1:6379/13`, the Redis database flushed first.

For each page: one request to check it answers 200; throughput with `wrk -t2 -c32`; latency
of a single connection (`wrk -t1 -c1`, p50 and p95); and the SQL queries of one request after
a warm-up, counted in-process with Django's test client against the same database and settings.

Results are printed and written as Markdown to bench-results.md. Everything runs on loopback
with bounded durations; gunicorn is stopped (its whole process group) on errors and Ctrl-C.
"""

import argparse
import datetime
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
RESULTS = ROOT / "bench-results.md"

DEFAULT_SIZES = [100, 10_000, 100_000]
QUICK_SIZES = [100, 10_000]
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS_HOST, REDIS_PORT, REDIS_DATABASE = "127.0.0.1", 6379, 13
MODES = {
    "uncached": "dummy://",
    "cached": f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DATABASE}",
}
SEED = 1
SEED_PREFIX = f"scale-{SEED}-"  # the slugs of the projects seed_scale generates
BARE = "/bench/bare/"
WORKERS = 2  # gunicorn sync workers, as on a small production server
# The project page measured at every size: a demo project, the same one each time.
PROJECT_SLUG = "maternal-health-kinshasa"
PAGES = [
    BARE,
    "/en/",
    "/en/projects/",
    "/en/projects/?country=cd&sdg=3",
    "/en/projects/?q=sante",
    "/en/projects/?q=water&sort=relevance",
    "/en/projects/{project}/",
    "/en/countries/",
    "/en/countries/cd/",
    "/en/figures/",
    "/en/figures/?region=africa&status=ongoing",
    "/en/figures/?q=water",
    "/en/sdgs/3/",
    "/en/funding/",
    "/en/partners/",
    "/en/events/",
    "/en/funding/deadlines.ics",
    # One search across everything (pages/search.py): found at once, and a typo.
    "/en/search/?q=sante",
    "/en/search/?q=snate",
    "/en/alerts/subscribe/?list=funding&level=doctoral&status=open",
]

# The open data, read whole once per size: peak Python memory (tracemalloc) and time.
EXPORTS = [
    "/en/projects/export.csv",
    "/en/projects/export.json",
    "/en/projects/iati.xml",
    "/en/projects/export.csv?region=africa&sort=title",
    "/en/funding/export.json",
    "/en/partners/export.csv",
    "/en/events/export.json",
]

# "django.template.exceptions.TemplateSyntaxError: ...", as a traceback ends.
EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Timeout|Canceled)\b.*: ")
# wrk prints this line at the end of a run (latencies in microseconds).
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH {\\"requests\\": %d, \\"duration_us\\": %d, \\"p50_us\\": %d, \\"p95_us\\": %d, "
    .. "\\"non_2xx\\": %d, \\"socket_errors\\": %d}\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
"""

# Run in a subprocess with the server's environment: the SQL queries of one request per page,
# after a warm-up request (connections, templates, the cache when there is one).
QUERY_COUNTER = """
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
counts = {}
for path in json.loads(sys.argv[1]):
    client.cookies.clear()
    client.get(path)
    client.cookies.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    counts[path] = {"status": response.status_code, "queries": len(queries)}
print("BENCH " + json.dumps(counts))
"""


# Run in a subprocess of its own for each export, with the server's environment (no cache):
# the export read whole, a part at a time as a client would, after a warm-up that reads its
# first two parts (the header and the first record: the facet index, the vocabularies, the
# first chunk). Memory is the process's
# resident size (RSS, what the machine gives it), sampled after every part: its peak over the
# size before the export. The bare page is measured the same way, for the ratio.
EXPORT_MEASURER = """
import json, os, sys, time
import django
django.setup()
from django.test import Client

PAGE = os.sysconf("SC_PAGE_SIZE")
client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)

def resident():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE

def read(path, whole=True):
    response = client.get(path)
    size, peak = 0, resident()
    if response.streaming:
        for number, part in enumerate(response.streaming_content):
            size += len(part)
            peak = max(peak, resident())
            if not whole and number:
                break
        response.close()
    else:
        size = len(response.content)
        peak = max(peak, resident())
    return response.status_code, size, peak

path = sys.argv[1]
read(path, whole=False)
before = resident()
started = time.perf_counter()
status, size, peak = read(path)
seconds = time.perf_counter() - started
print("BENCH " + json.dumps(
    {"status": status, "bytes": size, "seconds": seconds, "peak": max(peak - before, 0),
     "resident": peak}
))
"""


class BenchError(Exception):
    """A failure that ends the run with a message, not a traceback."""


@dataclass
class Measure:
    path: str
    status: int | None = None
    requests_per_second: float | None = None
    p50_ms: float | None = None
    p95_ms: float | None = None
    queries: int | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class Run:
    size: int
    mode: str
    database: str
    preparation: str
    measures: list[Measure]


@dataclass
class ExportRun:
    size: int
    results: dict  # path -> {"status", "bytes", "seconds", "peak"}


# -- Database --------------------------------------------------------------------------------


def database_name(size: int) -> str:
    return f"portal_bench_{size}"


def database_exists(postgres: str, name: str) -> bool:
    with psycopg.connect(f"{postgres}/postgres", autocommit=True) as connection:
        row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


def create_database(postgres: str, name: str, drop: bool) -> None:
    with psycopg.connect(f"{postgres}/postgres", autocommit=True) as connection:
        if drop:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(env: dict, *arguments: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        check=False,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    if result.returncode != 0:
        raise BenchError(
            f"manage.py {' '.join(arguments)} failed (exit {result.returncode}).\n"
            + (result.stdout or "")[-2000:]
        )
    return result.stdout or ""


def database_state(env: dict) -> dict:
    """How many projects are published, how many of them the benchmark generated, and the
    slug of the project page to measure."""
    code = (
        "import json; from projects.models import Project;"
        "published = Project.objects.published();"
        f"project = published.filter(slug={PROJECT_SLUG!r}).first()"
        " or published.order_by('pk').first();"
        "print('BENCH ' + json.dumps({'published': published.count(),"
        f" 'generated': published.filter(slug__startswith={SEED_PREFIX!r}).count(),"
        " 'project': project.slug if project else None}))"
    )
    output = manage(env, "shell", "--no-imports", "-c", code, capture=True)
    return json.loads(last_marked_line(output))


def generated_count(size: int, demo: int) -> int:
    """How many projects seed_scale adds to the demo's for `size`: up to `size` in all, or
    `size` of them when the demo alone has that many."""
    return size - demo if size > demo else size


def prepare_database(size: int, postgres: str, reseed: bool, env: dict) -> tuple[dict, str]:
    """The database of `size`: reused when it holds the demo and the generated projects of
    that size, built (or completed) otherwise. Returns its state and what was done."""
    name = database_name(size)
    if reseed or not database_exists(postgres, name):
        create_database(postgres, name, drop=reseed)
        print(f"[{size:,}] database {name} created", flush=True)
    started = time.monotonic()
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    # Every time: the demo's dates are relative to the day it is loaded (a second load on the
    # same day writes nothing).
    manage(env, "load_demo", capture=True)
    state = database_state(env)
    demo = state["published"] - state["generated"]
    wanted = generated_count(size, demo)
    if state["generated"] == wanted:
        return state, f"reused, {state['published']:,} published projects"
    if state["generated"] > wanted:
        # Seeded for another size or by hand: start again from an empty database.
        print(f"[{size:,}] {name} holds {state['generated']:,} generated projects: rebuilding")
        create_database(postgres, name, drop=True)
        manage(env, "migrate", "--noinput", "--verbosity", "0")
        manage(env, "load_demo", capture=True)
    print(f"[{size:,}] seeding up to {wanted:,} projects (seed {SEED})…", flush=True)
    # seed_scale skips the projects that exist: this also completes an interrupted seeding.
    manage(env, "seed_scale", "--projects", str(wanted), "--seed", str(SEED))
    elapsed = time.monotonic() - started
    state = database_state(env)
    return state, (
        f"built: migrations, demo and {wanted:,} generated projects in {elapsed:.0f} s, "
        f"{state['published']:,} published projects"
    )


# -- Server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def flush_redis() -> None:
    """FLUSHDB on the benchmark's Redis database, spoken directly (no client library)."""
    command = f"*2\r\n$6\r\nSELECT\r\n${len(str(REDIS_DATABASE))}\r\n{REDIS_DATABASE}\r\n"
    command += "*1\r\n$7\r\nFLUSHDB\r\n"
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=5) as connection:
            connection.sendall(command.encode())
            reply = b""
            while reply.count(b"\r\n") < 2:
                chunk = connection.recv(1024)
                if not chunk:
                    break
                reply += chunk
    except OSError as error:
        raise BenchError(f"Redis at {REDIS_HOST}:{REDIS_PORT} does not answer: {error}") from error
    if reply != b"+OK\r\n+OK\r\n":
        raise BenchError(f"Redis refused to flush database {REDIS_DATABASE}: {reply!r}")


class Server:
    """gunicorn in a process group of its own, stopped whatever happens."""

    def __init__(self, env: dict, log: Path) -> None:
        self.env = env
        self.log = log
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def start(self) -> None:
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [
                    GUNICORN,
                    "cooperation_portal.wsgi",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    str(WORKERS),
                    "--worker-class",
                    "sync",
                    "--timeout",
                    "60",
                ],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited at start:\n{self.log.read_text()[-3000:]}")
            if status_of(self.port, "/healthz", timeout=2) == 200:
                # Both workers up before anything is measured.
                first_answer(self.port, "/healthz", WORKERS)
                return
            time.sleep(0.2)
        raise BenchError(f"gunicorn did not answer /healthz within 30 s:\n{self.log_tail()}")

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        group = os.getpgid(self.process.pid)
        os.killpg(group, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(group, signal.SIGKILL)
            self.process.wait(timeout=5)

    def restart(self) -> None:
        self.stop()
        self.start()

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def log_size(self) -> int:
        return self.log.stat().st_size

    def last_error(self, since: int) -> str | None:
        """The last exception gunicorn logged after byte `since` of its log, if any."""
        with self.log.open("rb") as log:
            log.seek(since)
            lines = log.read().decode(errors="replace").splitlines()
        errors = [line for line in lines if EXCEPTION_LINE.match(line)]
        return errors[-1] if errors else None


def first_answer(port: int, path: str, count: int) -> int | None:
    """`count` requests at once (with as many sync workers, each worker serves one): the
    first status that is not 200, else 200."""
    with ThreadPoolExecutor(count) as pool:
        statuses = list(pool.map(lambda _: status_of(port, path), range(count)))
    return next((status for status in statuses if status != 200), 200)


def status_of(port: int, path: str, timeout: float = 30) -> int | None:
    """The status of one GET, without following redirects; None when there is no answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return None
    finally:
        connection.close()


# -- Measures --------------------------------------------------------------------------------


def last_marked_line(output: str) -> str:
    for line in reversed(output.splitlines()):
        if line.startswith("BENCH "):
            return line.removeprefix("BENCH ")
    raise BenchError(f"No result in this output:\n{output[-2000:]}")


def wrk(url: str, threads: int, connections: int, seconds: int, script: Path) -> dict:
    arguments = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(script),
        url,
    ]
    try:
        result = subprocess.run(
            arguments, capture_output=True, text=True, timeout=seconds + 30, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"wrk did not finish: {' '.join(arguments)}") from error
    if result.returncode != 0:
        raise BenchError(f"wrk failed: {result.stderr.strip() or result.stdout.strip()}")
    return json.loads(last_marked_line(result.stdout))


def count_queries(env: dict, paths: list[str]) -> dict:
    result = subprocess.run(
        [PYTHON, "-c", QUERY_COUNTER, json.dumps(paths)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        raise BenchError(f"Counting the SQL queries failed:\n{result.stderr[-3000:]}")
    return json.loads(last_marked_line(result.stdout))


def measure_exports(env: dict) -> dict:
    results = {}
    for path in [BARE, *EXPORTS]:
        result = subprocess.run(
            [PYTHON, "-c", EXPORT_MEASURER, path],
            cwd=ROOT,
            env={**env, "CACHE_URL": MODES["uncached"]},
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        if result.returncode != 0:
            raise BenchError(f"Measuring {path} failed:\n{result.stderr[-3000:]}")
        results[path] = json.loads(last_marked_line(result.stdout))
        if path != BARE:
            print(f"  {path:<52} {export_line(results[path], results[BARE])}", flush=True)
    return results


def export_line(result: dict, bare: dict) -> str:
    return (
        f"+{result['peak'] / 2**20:6.1f} MiB, process {result['resident'] / 2**20:.0f} MiB"
        f" ({result['resident'] / bare['resident']:.2f}x bare),"
        f" {result['bytes'] / 1e6:.1f} MB in {result['seconds']:.1f} s, {result['status']}"
    )


def settle(server: "Server") -> None:
    """Wait until gunicorn has served the requests a load run left in its queue (the bare page
    answers at once twice running). A slow page can leave minutes of them: after 5 s,
    gunicorn is restarted instead."""
    deadline = time.monotonic() + 5
    quick_answers = 0
    while quick_answers < 2:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            server.restart()
            return
        started = time.monotonic()
        status = status_of(server.port, BARE, timeout=remaining)
        quick = status == 200 and time.monotonic() - started < 0.5
        quick_answers = quick_answers + 1 if quick else 0


def measure_pages(
    server: Server, paths: list[str], duration: int, latency_duration: int, script: Path
) -> list[Measure]:
    measures = []
    for path in paths:
        measure = Measure(path)
        # Also the page's warm-up in each worker (and, when cached, its entry in the cache).
        log_size = server.log_size()
        measure.status = first_answer(server.port, path, WORKERS)
        if measure.status != 200:
            measure.problems.append(f"answered {measure.status or 'nothing'}")
            print(f"  !! {path} answered {measure.status or 'nothing'}, not 200", flush=True)
            error = server.last_error(log_size)
            if error:
                print(f"  !! {error}", flush=True)
        # Latency first, on an idle server; then throughput, whose queue is drained after it.
        single = wrk(server.base + path, 1, 1, latency_duration, script)
        if single["requests"]:
            measure.p50_ms = single["p50_us"] / 1000
            measure.p95_ms = single["p95_us"] / 1000
        load = wrk(server.base + path, 2, 32, duration, script)
        seconds = load["duration_us"] / 1e6
        measure.requests_per_second = load["requests"] / seconds if seconds else 0.0
        settle(server)
        for run in (single, load):
            if run["non_2xx"]:
                measure.problems.append(f"{run['non_2xx']} non-2xx")
            if run["socket_errors"]:
                measure.problems.append(f"{run['socket_errors']} socket errors/timeouts")
        print(
            f"  {path:<40} {measure.requests_per_second:8.1f} req/s"
            f"  p50 {format_ms(measure.p50_ms):>7} ms  p95 {format_ms(measure.p95_ms):>7} ms"
            + (f"  !! {'; '.join(measure.problems)}" if measure.problems else ""),
            flush=True,
        )
        measures.append(measure)
    return measures


# -- Report ----------------------------------------------------------------------------------


def format_ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def table(run: Run) -> str:
    bare = next((m for m in run.measures if m.path == BARE), None)
    bare_rate = bare.requests_per_second if bare else None
    rows = [["page", "req/s", "ratio to bare", "p50 ms", "p95 ms", "SQL", "status"]]
    for measure in run.measures:
        rate = measure.requests_per_second
        ratio = f"{rate / bare_rate:.3f}" if rate is not None and bare_rate else "-"
        status = "; ".join(measure.problems) if measure.problems else str(measure.status)
        rows.append(
            [
                f"`{measure.path}`",
                f"{rate:.1f}" if rate is not None else "-",
                ratio,
                format_ms(measure.p50_ms),
                format_ms(measure.p95_ms),
                "-" if measure.queries is None else str(measure.queries),
                status,
            ]
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for index, row in enumerate(rows):
        cells = [
            cell.ljust(width) if column == 0 or column == 6 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("| " + " | ".join(cells) + " |")
        if index == 0:
            lines.append(
                "|"
                + "|".join(
                    "-" * (width + 1) + (":" if 0 < column < 6 else "-")
                    for column, width in enumerate(widths)
                )
                + "|"
            )
    return "\n".join(lines)


def export_table(run: ExportRun) -> str:
    bare = run.results[BARE]
    rows = [["export", "growth MiB", "process MiB", "ratio to bare", "MB out", "seconds", "status"]]
    for path in EXPORTS:
        result = run.results[path]
        rows.append(
            [
                f"`{path}`",
                f"{result['peak'] / 2**20:.1f}",
                f"{result['resident'] / 2**20:.0f}",
                f"{result['resident'] / bare['resident']:.2f}",
                f"{result['bytes'] / 1e6:.1f}",
                f"{result['seconds']:.1f}",
                str(result["status"]),
            ]
        )
    rows.append(
        [
            f"`{BARE}` (bare page)",
            f"{bare['peak'] / 2**20:.1f}",
            f"{bare['resident'] / 2**20:.0f}",
            "1.00",
            f"{bare['bytes'] / 1e6:.1f}",
            f"{bare['seconds']:.3f}",
            str(bare["status"]),
        ]
    )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = [
        "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(lines)


def export_heading(run: ExportRun) -> str:
    return (
        f"### Open data at {run.size:,} projects\n\n"
        "Each export read whole by a client in the same process, without cache; growth: how "
        "much the process's resident size grew while the export streamed (its peak over the "
        "size before, after a warm-up); process: its peak resident size (the facet index "
        "included), and its ratio to the same for the bare page, measured the same way."
    )


def heading(run: Run) -> str:
    return (
        f"### {run.size:,} projects, {run.mode} (`CACHE_URL={MODES[run.mode]}`)\n\n"
        f"Database `{run.database}`: {run.preparation}."
    )


def report(runs: list[Run], started: dict, ended: dict | None, options, export_runs=()) -> str:
    lines = [
        "## Benchmark results",
        "",
        f"- date: {started['date']}; machine: {os.cpu_count()} cores; "
        f"load average (1, 5, 15 min) at start {started['load']}"
        + (f", at end {ended['load']}" if ended else " (run not finished)"),
        f"- gunicorn, 2 sync workers, debug off; throughput `wrk -t2 -c32 -d{options.duration}s`,"
        f" latency `wrk -t1 -c1 -d{options.latency_duration}s`; wrk, gunicorn and PostgreSQL"
        " share the machine",
        "- ratio to bare: the page's requests per second over the bare page's, in the same run; "
        "SQL: queries of one request after a warm-up (Django test client, same settings)",
        "",
    ]
    for run in runs:
        lines += [heading(run), "", table(run), ""]
    for run in export_runs:
        lines += [export_heading(run), "", export_table(run), ""]
    return "\n".join(lines)


def load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


# -- Main ------------------------------------------------------------------------------------


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Throughput and latency of the portal's main pages at several sizes."
    )
    parser.add_argument(
        "--sizes",
        help="comma-separated numbers of published projects (default: 100,10000,100000)",
    )
    parser.add_argument(
        "--duration", type=int, help="seconds of each throughput run (default: 8; quick: 3)"
    )
    parser.add_argument(
        "--latency-duration",
        type=int,
        help="seconds of each single-connection run (default: 2; quick: 1)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="sizes 100 and 10,000 and shorter runs, unless given explicitly",
    )
    parser.add_argument(
        "--modes", default="uncached,cached", help="uncached, cached or both (the default)"
    )
    parser.add_argument(
        "--reseed", action="store_true", help="drop and rebuild the benchmark databases"
    )
    parser.add_argument(
        "--postgres", default=POSTGRES, help=f"PostgreSQL server, without database ({POSTGRES})"
    )
    parser.add_argument(
        "--exports-only",
        action="store_true",
        help="measure only the open data's memory and time, not the pages",
    )
    parser.add_argument(
        "--pages-only",
        action="store_true",
        help="measure only the pages, not the open data's memory and time",
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="Markdown results file")
    options = parser.parse_args(argv)
    try:
        options.sizes = (
            [int(size.replace("_", "")) for size in options.sizes.split(",") if size.strip()]
            if options.sizes
            else (QUICK_SIZES if options.quick else DEFAULT_SIZES)
        )
    except ValueError:
        parser.error("--sizes takes whole numbers separated by commas, e.g. 100,10000")
    if not options.sizes or any(size < 1 for size in options.sizes):
        parser.error("--sizes takes numbers of 1 or more")
    options.modes = [mode.strip() for mode in options.modes.split(",") if mode.strip()]
    if not options.modes or any(mode not in MODES for mode in options.modes):
        parser.error(f"--modes takes {', '.join(MODES)}")
    options.duration = options.duration or (3 if options.quick else 8)
    options.latency_duration = options.latency_duration or (1 if options.quick else 2)
    if options.duration < 1 or options.latency_duration < 1:
        parser.error("durations are whole numbers of seconds, 1 or more")
    if options.pages_only and options.exports_only:
        parser.error("--pages-only and --exports-only exclude each other")
    options.postgres = options.postgres.rstrip("/")
    return options


def base_environment(size: int, postgres: str) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": f"{postgres}/{database_name(size)}",
        "DJANGO_SETTINGS_MODULE": "cooperation_portal.settings_bench",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "bench-only-" + secrets.token_urlsafe(48),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    env.pop("CACHE_URL", None)
    # The web processes keep their statement timeout (manage.py lifts it for itself).
    env.pop("DJANGO_DB_STATEMENT_TIMEOUT_MS", None)
    return env


def stop_on_sigterm(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    options = parse_arguments(argv)
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk (make bench installs it)", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    started = {
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "load": load_average(),
    }
    print(f"Benchmark {started['date']}, {os.cpu_count()} cores, load average {started['load']}")
    runs: list[Run] = []
    export_runs: list[ExportRun] = []
    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    script = workdir / "report.lua"
    script.write_text(WRK_SCRIPT)
    try:
        collected = False
        for size in options.sizes:
            env = base_environment(size, options.postgres)
            state, preparation = prepare_database(size, options.postgres, options.reseed, env)
            print(f"[{size:,}] database {database_name(size)}: {preparation}", flush=True)
            if not collected:
                manage(env, "collectstatic", "--noinput", "--verbosity", "0")
                collected = True
            if state["project"] is None:
                raise BenchError(f"{database_name(size)} has no published project.")
            paths = [path.format(project=state["project"]) for path in PAGES]
            for mode in [] if options.exports_only else options.modes:
                mode_env = {**env, "CACHE_URL": MODES[mode]}
                if mode == "cached":
                    flush_redis()
                print(f"[{size:,}] {mode} (CACHE_URL={MODES[mode]})", flush=True)
                with Server(mode_env, workdir / f"gunicorn-{size}-{mode}.log") as server:
                    measures = measure_pages(
                        server, paths, options.duration, options.latency_duration, script
                    )
                if mode == "cached":
                    flush_redis()  # the query counts start from an empty cache too
                counts = count_queries(mode_env, paths)
                for measure in measures:
                    count = counts[measure.path]
                    measure.queries = count["queries"]
                    if count["status"] != 200 and measure.status == 200:
                        measure.problems.append(f"{count['status']} when counting queries")
                run = Run(size, mode, database_name(size), preparation, measures)
                runs.append(run)
                print(f"\n{heading(run)}\n\n{table(run)}\n", flush=True)
                options.output.write_text(report(runs, started, None, options, export_runs))
            if options.pages_only:
                continue
            print(f"[{size:,}] open data (exports read whole)", flush=True)
            export_run = ExportRun(size, measure_exports(env))
            export_runs.append(export_run)
            print(f"\n{export_heading(export_run)}\n\n{export_table(export_run)}\n", flush=True)
            options.output.write_text(report(runs, started, None, options, export_runs))
        ended = {"load": load_average()}
        options.output.write_text(report(runs, started, ended, options, export_runs))
        print(f"Load average at start {started['load']}, at end {ended['load']}.")
        print(f"Results written to {options.output}.")
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nbench: interrupted; gunicorn stopped.", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
