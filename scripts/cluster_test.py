"""The cluster test: two app servers behind nginx share their state, survive losing one, and
hold 200 concurrent visitors without an error. `make cluster-test` (CI runs it on PostgreSQL).

It uses the cluster of `make cluster` when one is running (and leaves it running), otherwise it
starts one (scripts/cluster.py) and stops it at the end, whatever happens. Then, in order:

1. nginx: pages through both app servers, static files (hashed names cached a year, stored
   gzip), uploaded files from the shared media directory, HTML compressed, the request id
   passed to the portal, a request body over the limit refused (413).
2. The micro-cache: an anonymous page is served from it (X-Cache-Status: HIT); a request with
   a session or anti-forgery cookie never is, and what it gets is never stored for others.
3. Sessions across nodes: a cooperation officer logs in on app server A (password and a
   recovery code: the second factor is on, as in production) and uses the admin on B.
4. An edit published through one node: a project moved back to draft through A is gone from B
   at once and from nginx within the micro-cache's lifetime (at most 2 s); published again
   through B, it is back on A at once and through nginx within 2 s.
5. Losing a node: 200 connections through nginx for 20 s (`--kill-duration`); app server B is
   killed (SIGKILL to its whole process group; `--kill-signal TERM`: a graceful stop) after 5 s
   and started again after 10 s. No
   request may fail: nginx retries them on A. Then B must be serving again through nginx.
6. The load: 200 concurrent connections for 60 s (`--duration`, `--connections`) on a mix of
   public pages (lists with filters, searches, details, feeds) through nginx, after a short
   warm-up; prints requests per second and the latency percentiles.

Exit status 1 when a check fails or any request of the loads failed (refused or broken
connection, timeout, an answer other than 2xx or 3xx); timings are printed, never fatal (the
target, p99 under 1 s, is reported as met or not).
"""

import argparse
import contextlib
import http.client
import json
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cluster  # scripts/cluster.py, beside this file

LOAD_SCRIPT = Path(__file__).resolve().parent / "cluster_load.lua"
STAFF_NAME = "cluster-test"
MICRO_CACHE_LIMIT = 2.0  # seconds, the bound for an edit to show through nginx
P99_TARGET_MS = 1000

# The fixed part of the load's mix; the details (projects, schemes, partners, events, news)
# are found on the list pages, so that the mix follows the demo data.
PUBLIC_PAGES = [
    "/en/",
    "/fr/",
    "/en/projects/",
    "/en/projects/?country=cd&sdg=3",
    "/en/projects/?region=africa&status=ongoing",
    "/en/projects/?discipline=health",
    "/en/projects/?leadership=co-led",
    "/en/projects/?sort=title&page=2",
    "/en/projects/?q=sante",
    "/en/projects/?q=water&sort=relevance",
    "/en/search/?q=health",
    "/en/search/?q=kinshasa",
    "/en/funding/",
    "/en/funding/?status=open",
    "/en/partners/?region=africa",
    "/en/events/?when=upcoming",
    "/en/news/",
    "/en/countries/",
    "/en/countries/cd/",
    "/en/sdgs/3/",
    "/en/figures/?country=cd",
    "/en/funding/feed/",
    "/en/news/feed/",
    "/en/funding/deadlines.ics",
    "/en/events/calendar.ics",
]
DETAILS = {"projects": 5, "funding": 2, "partners": 2, "events": 2, "news": 2}
NOT_A_DETAIL = {"feed", "export", "iati", "deadlines", "calendar", "cooperation-day"}


class Failure(Exception):
    pass


# -- HTTP ------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    started: float

    def header(self, name: str) -> str:
        return self.headers.get(name, "")

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")


class Browser:
    """A visitor: cookies kept (the portal's are Secure, which cookie jars keep off plain
    HTTP, so they are handled here), one connection per request."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, body=None, headers=None) -> Answer:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if isinstance(body, dict):
            body = "&".join(
                f"{quote(key)}={quote(str(value))}" for key, value in flatten(body)
            ).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(response.status, response.headers, response.read(), started)
        finally:
            connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return answer

    def get(self, port: int, path: str, **headers) -> Answer:
        return self.request(port, "GET", path, headers=headers)

    def post(self, port: int, path: str, data: dict) -> Answer:
        return self.request(port, "POST", path, body=data)


def quote(value: str) -> str:
    from urllib.parse import quote_plus

    return quote_plus(value)


def flatten(data: dict):
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            yield key, item


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not match:
        raise Failure("No anti-forgery token in the page.")
    return match[1]


def check(condition: bool, message: str) -> None:
    if not condition:
        raise Failure(message)
    print(f"  ok  {message}", flush=True)


# -- The checks ------------------------------------------------------------------------------


class Checks:
    def __init__(self, state: dict) -> None:
        self.state = state
        self.nginx = state["nginx"]["port"]
        self.a = state["nodes"]["a"]["port"]
        self.b = state["nodes"]["b"]["port"]
        self.anonymous = Browser()

    def nginx_and_files(self) -> None:
        print("nginx in front of both app servers", flush=True)
        for name, port in (("nginx", self.nginx), ("app server A", self.a), ("B", self.b)):
            answer = self.anonymous.get(port, "/en/")
            check(answer.status == 200, f"/en/ answers 200 through {name} ({port})")
        home = self.anonymous.get(self.nginx, "/en/", **{"Accept-Encoding": "gzip"})
        check(
            home.header("Content-Encoding") == "gzip",
            "HTML is compressed for a browser that accepts gzip",
        )
        request_id = home.header("X-Request-ID")
        cluster.flush_nginx_logs(self.state)
        logged = (cluster.RUN / "nginx" / "logs" / "access.log").read_text()
        check(
            bool(request_id) and f"id={request_id}" in logged,
            "the portal answers with nginx's request id (X-Request-ID passed on)",
        )
        stylesheet = re.search(
            r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"',
            self.anonymous.get(self.nginx, "/en/").text,
        )
        if not stylesheet:
            raise Failure("No stylesheet with a hashed name on /en/.")
        static = self.anonymous.get(self.nginx, stylesheet[1], **{"Accept-Encoding": "gzip"})
        check(
            static.status == 200
            and "immutable" in static.header("Cache-Control")
            and "max-age=31536000" in static.header("Cache-Control")
            and static.header("Content-Encoding") == "gzip",
            f"nginx serves {stylesheet[1]} itself: cached a year, stored gzip",
        )
        media = Path(self.state["media"]) / "cluster-test" / "probe.txt"
        media.parent.mkdir(parents=True, exist_ok=True)
        media.write_text("shared media\n")
        answer = self.anonymous.get(self.nginx, "/media/cluster-test/probe.txt")
        check(
            answer.status == 200
            and answer.body == b"shared media\n"
            and "sandbox" in answer.header("Content-Security-Policy")
            and "max-age=2592000" in answer.header("Cache-Control"),
            "nginx serves the shared media directory (30 days, sandboxed)",
        )
        too_large = self.anonymous.request(
            self.nginx, "POST", "/en/", body=b"", headers={"Content-Length": str(11 * 2**20)}
        )
        check(too_large.status == 413, "a request body over 10 MB is refused by nginx (413)")

    def micro_cache(self, session_cookie: str) -> None:
        print("The micro-cache never serves nor keeps a signed-in page", flush=True)
        path = "/en/projects/?sort=title"
        statuses = [self.anonymous.get(self.nginx, path).header("X-Cache-Status") for _ in "123"]
        check("HIT" in statuses, f"an anonymous page is served from the micro-cache ({statuses})")
        for cookie in (
            f"sessionid={session_cookie}",
            "csrftoken=abc",
            f"x=1; sessionid={session_cookie}",
        ):
            name = cookie.split("=")[0] if "x=1" not in cookie else "session after another cookie"
            seen = [
                self.anonymous.get(self.nginx, path, Cookie=cookie).header("X-Cache-Status")
                for _ in "123"
            ]
            check("HIT" not in seen, f"a request with {name} never gets a cached page ({seen})")
        probe = f"/en/projects/?sort=title&cluster-probe={secrets.token_hex(4)}"
        signed_in = [
            self.anonymous.get(self.nginx, probe, Cookie=f"sessionid={session_cookie}")
            for _ in "12"
        ]
        check(
            all("private" in answer.header("Cache-Control") for answer in signed_in)
            and all(answer.header("X-Cache-Status") == "BYPASS" for answer in signed_in),
            "a signed-in page is marked private and passed by the micro-cache (BYPASS)",
        )
        after = self.anonymous.get(self.nginx, probe)
        check(
            after.header("X-Cache-Status") == "MISS" and after.header("X-Page-Cache") == "miss",
            "what a signed-in request got was stored neither by nginx nor by the portal"
            f" (next anonymous visitor: nginx {after.header('X-Cache-Status')},"
            f" portal {after.header('X-Page-Cache')})",
        )
        post = self.anonymous.request(self.nginx, "POST", path, body=b"")
        check(post.header("X-Cache-Status") != "HIT", "a POST is never answered from the cache")

    def staff(self) -> Browser:
        print("Sessions across app servers", flush=True)
        password = secrets.token_urlsafe(24)
        codes = [secrets.token_hex(5) for _ in range(3)]
        env = {**cluster.portal_environment(self.state), "CLUSTER_TEST_PASSWORD": password}
        env["CLUSTER_TEST_CODES"] = ",".join(codes)
        created = subprocess.run(
            [str(cluster.BIN / "python"), "manage.py", "shell", "-c", CREATE_STAFF],
            cwd=cluster.ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        line = next(x for x in created.stdout.splitlines() if x.startswith("PROJECTS "))
        self.projects = json.loads(line.removeprefix("PROJECTS "))
        officer = Browser()
        login = officer.get(self.a, "/admin/login/?next=/admin/")
        answer = officer.post(
            self.a,
            "/admin/login/?next=/admin/",
            {
                "csrfmiddlewaretoken": csrf_token(login.text),
                "username": STAFF_NAME,
                "password": password,
                "code": codes[0],
                "next": "/admin/",
            },
        )
        check(
            answer.status == 302 and "sessionid" in officer.cookies,
            "an officer logs in on app server A (password and a recovery code)",
        )
        on_b = officer.get(self.b, "/admin/projects/project/")
        check(
            on_b.status == 200 and "logout" in on_b.text and STAFF_NAME in on_b.text,
            "the same session opens the admin on app server B",
        )
        return officer

    def edit_through_one_node(self, officer: Browser) -> None:
        print("An edit published through one node", flush=True)
        # The first project of the list's first page, so that the list shows the change too.
        listed = self.anonymous.get(self.nginx, "/en/projects/").text
        slug = next(
            (slug for slug in re.findall(r'href="/en/projects/([a-z0-9-]+)/"', listed)
             if slug in self.projects),
            None,
        )  # fmt: skip
        if slug is None:
            raise Failure(
                "No project on the first page of /en/projects/ that the publishing checklist"
                " lets an officer publish again (scripts/cluster_test.py picks one)."
            )
        project_id, page = self.projects[slug], f"/en/projects/{slug}/"
        for port in (self.a, self.b):
            self.anonymous.get(port, page)
        self.until_micro_cached(page)
        check(
            self.anonymous.get(self.b, page).header("X-Page-Cache") == "hit",
            f"{page} is in the portal's page cache (B) and in nginx's micro-cache",
        )
        self.act(officer, self.a, project_id, "move_back_to_draft")
        done = time.monotonic()
        check(
            self.anonymous.get(self.b, page).status == 404, "moved to draft on A: gone on B at once"
        )
        seen = self.wait_for(page, 404, done)
        check(seen < MICRO_CACHE_LIMIT, f"... and through nginx after {seen:.2f} s (at most 2 s)")

        self.until_micro_cached("/en/projects/")
        self.act(officer, self.b, project_id, "publish_selected")
        done = time.monotonic()
        check(self.anonymous.get(self.a, page).status == 200, "published on B: back on A at once")
        seen = self.wait_for(page, 200, done)
        check(seen < MICRO_CACHE_LIMIT, f"... and through nginx after {seen:.2f} s (at most 2 s)")
        listed = self.wait_for("/en/projects/", 200, done, containing=page)
        check(
            listed < MICRO_CACHE_LIMIT,
            f"... and in the projects list through nginx after {listed:.2f} s (at most 2 s)",
        )

    def until_micro_cached(self, page: str) -> None:
        for _ in range(40):
            if self.anonymous.get(self.nginx, page).header("X-Cache-Status") == "HIT":
                return
            time.sleep(0.02)
        raise Failure(f"{page} never came from the micro-cache.")

    def act(self, officer: Browser, port: int, project_id: str, action: str) -> None:
        changelist = officer.get(port, "/admin/projects/project/")
        answer = officer.post(
            port,
            "/admin/projects/project/",
            {
                "csrfmiddlewaretoken": csrf_token(changelist.text),
                "action": action,
                "_selected_action": project_id,
                "index": "0",
                "select_across": "0",
            },
        )
        if answer.status != 302:
            raise Failure(f"The admin action {action} answered {answer.status}.")

    def wait_for(self, page: str, status: int, since: float, containing: str = "") -> float:
        """Seconds from `since` to the start of the first request through nginx that got
        `status` for `page` (with `containing` in its body)."""
        deadline = since + 5
        while time.monotonic() < deadline:
            answer = self.anonymous.get(self.nginx, page)
            if answer.status == status and containing in answer.text:
                return answer.started - since
            time.sleep(0.05)
        raise Failure(f"{page} did not answer {status} through nginx within 5 s.")


CREATE_STAFF = """
import json
import os
from projects.models import Project
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_static.models import StaticDevice

user, _ = get_user_model().objects.get_or_create(username="cluster-test")
user.is_staff = user.is_superuser = True
user.set_password(os.environ["CLUSTER_TEST_PASSWORD"])
user.save()
device, _ = StaticDevice.objects.get_or_create(user=user, name="Recovery codes")
device.confirmed = True
device.save()
device.token_set.all().delete()
for code in os.environ["CLUSTER_TEST_CODES"].split(","):
    device.token_set.create(token=code)
# Those the publishing checklist lets an officer publish again once moved to draft.
projects = {
    project.slug: str(project.pk)
    for project in Project.objects.published()
    if not project.missing_for_publication()
}
print("PROJECTS " + json.dumps(projects))
"""


# -- Load ------------------------------------------------------------------------------------


def load_paths(checks: Checks) -> list[str]:
    """The mix: the fixed public pages and some details found on the lists; each must answer
    200 (a failing page would count as errors in every run)."""
    paths = list(PUBLIC_PAGES)
    for section, count in DETAILS.items():
        listing = checks.anonymous.get(checks.nginx, f"/en/{section}/").text
        found = []
        for slug in re.findall(rf'href="/en/{section}/([a-z0-9-]+)/"', listing):
            if slug not in NOT_A_DETAIL and slug not in found:
                found.append(slug)
        paths += [f"/en/{section}/{slug}/" for slug in found[:count]]
    for path in paths:
        status = checks.anonymous.get(checks.nginx, path).status
        if status != 200:
            raise Failure(f"{path} answers {status} through nginx: it cannot be in the load.")
    return paths


@dataclass
class LoadResult:
    label: str
    connections: int
    seconds: int
    figures: dict

    @property
    def errors(self) -> int:
        figures = self.figures
        return sum(figures[key] for key in ("connect", "read", "write", "status", "timeout"))

    @property
    def rate(self) -> float:
        return self.figures["requests"] / (self.figures["duration_us"] / 1e6)

    def line(self) -> str:
        f = self.figures
        return (
            f"{self.label}: {self.connections} connections, {self.seconds} s:"
            f" {f['requests']} requests, {self.rate:.0f} req/s;"
            f" latency p50 {f['p50_us'] / 1000:.1f} ms, p95 {f['p95_us'] / 1000:.1f} ms,"
            f" p99 {f['p99_us'] / 1000:.1f} ms, max {f['max_us'] / 1000:.0f} ms,"
            f" mean {f['mean_us'] / 1000:.1f} ms;"
            f" errors {self.errors} (answers not 2xx/3xx {f['status']}, connect {f['connect']},"
            f" read {f['read']}, write {f['write']}, timeout {f['timeout']})"
        )


def start_wrk(port: int, paths_file: Path, connections: int, seconds: int, threads: int):
    return subprocess.Popen(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(LOAD_SCRIPT),
            f"http://127.0.0.1:{port}",
            "--",
            str(paths_file),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish_wrk(process: subprocess.Popen, label: str, connections: int, seconds: int):
    try:
        output, errors = process.communicate(timeout=seconds + 60)
    except subprocess.TimeoutExpired as error:
        process.kill()
        process.communicate()
        raise Failure(f"wrk did not finish ({label}).") from error
    lines = [line for line in output.splitlines() if line.startswith("CLUSTER ")]
    if process.returncode != 0 or not lines:
        raise Failure(f"wrk failed ({label}): {errors.strip() or output.strip()[-2000:]}")
    return LoadResult(label, connections, seconds, json.loads(lines[-1].removeprefix("CLUSTER ")))


def access_log_lines(state: dict, offset: int) -> list[str]:
    cluster.flush_nginx_logs(state)
    log = cluster.RUN / "nginx" / "logs" / "access.log"
    with log.open("rb") as handle:
        handle.seek(offset)
        return handle.read().decode(errors="replace").splitlines()


def access_log_size(state: dict) -> int:
    cluster.flush_nginx_logs(state)
    return (cluster.RUN / "nginx" / "logs" / "access.log").stat().st_size


def losing_a_node(checks: Checks, paths_file: Path, options) -> LoadResult:
    print(
        f"Losing a node: {options.connections} connections for {options.kill_duration} s;"
        f" app server B stopped (SIG{options.kill_signal}) after 5 s, started again after 10 s",
        flush=True,
    )
    state = checks.state
    since = access_log_size(checks.state)
    wrk = start_wrk(
        checks.nginx, paths_file, options.connections, options.kill_duration, options.threads
    )
    try:
        time.sleep(5)
        cluster.stop_node(state, "b", first=getattr(signal, f"SIG{options.kill_signal}"))
        killed_at = time.monotonic()
        check(
            not cluster.is_running(state["nodes"]["b"]["pid"], "gunicorn"),
            f"app server B stopped (SIG{options.kill_signal} to its master and workers)",
        )
        time.sleep(5)
        cluster.start_node(state, "b")
        cluster.wait_for_node(state, "b")
        print(f"  ..  B started again, serving on its port {time.monotonic() - killed_at:.1f} s"
              " after it was stopped", flush=True)  # fmt: skip
    except BaseException:
        wrk.kill()
        wrk.communicate()
        raise
    label = f"with B stopped (SIG{options.kill_signal}) and restarted"
    result = finish_wrk(wrk, label, options.connections, options.kill_duration)
    lines = access_log_lines(checks.state, since)
    retried = [line for line in lines if re.search(r"upstream=\S+, ", line)]
    failed = [line for line in lines if re.search(r'" [45]\d\d ', line)]
    print(f"  ..  {len(retried)} requests retried on the other app server by nginx;"
          f" {len(failed)} answered 4xx/5xx", flush=True)  # fmt: skip
    for line in failed[:5]:
        print(f"      {line}")
    print(f"  ..  {result.line()}", flush=True)
    check(result.errors == 0 and not failed, "no request failed while B was down and back")
    # B back in nginx's rotation: it was left out for fail_timeout (10 s) after its failures.
    b_log = cluster.RUN / "node-b.access.log"
    before = b_log.stat().st_size if b_log.exists() else 0
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        checks.anonymous.get(checks.nginx, "/healthz")
        if b_log.exists() and "/healthz" in b_log.read_text(errors="replace")[before:]:
            break
        time.sleep(0.2)
    else:
        raise Failure("App server B did not get requests from nginx again within 20 s.")
    check(True, "app server B rejoined: nginx sends it requests again")
    return result


def load(checks: Checks, paths_file: Path, options) -> LoadResult:
    print(
        f"Load: {options.connections} connections for {options.duration} s through nginx,"
        f" {len(paths_file.read_text().split())} public pages in turn",
        flush=True,
    )
    since = access_log_size(checks.state)
    wrk = start_wrk(
        checks.nginx, paths_file, options.connections, options.duration, options.threads
    )
    try:
        result = finish_wrk(wrk, "load", options.connections, options.duration)
    except BaseException:
        with contextlib.suppress(OSError):
            wrk.kill()
            wrk.communicate()
        raise
    lines = access_log_lines(checks.state, since)
    hits = sum("cache=HIT" in line for line in lines)
    print(f"  ..  {result.line()}", flush=True)
    if lines:
        print(f"  ..  {100 * hits / len(lines):.1f} % answered from nginx's micro-cache"
              f" ({len(lines) - hits} requests went to the app servers)", flush=True)  # fmt: skip
    check(result.errors == 0, "no request failed under load")
    met = "met" if result.figures["p99_us"] < P99_TARGET_MS * 1000 else "NOT met"
    print(f"  ..  target p99 under {P99_TARGET_MS} ms: {met}", flush=True)
    return result


def warm_up(checks: Checks, paths: list[str]) -> None:
    """Every worker of both app servers builds its index and reads the pages once before the
    figures count (a worker's first list page takes about a second). A bounded number of
    requests: each worker is replaced after 1,000 to 1,500 (deploy/gunicorn.conf.py)."""
    with ThreadPoolExecutor(8) as pool:
        for port in (checks.a, checks.b):
            list(pool.map(lambda path, port=port: Browser().get(port, path), paths * 4))


# -- Main ------------------------------------------------------------------------------------


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--duration", type=int, default=60, help="seconds of the load (60)")
    parser.add_argument(
        "--kill-duration", type=int, default=20, help="seconds of the run losing a node (20)"
    )
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads (2)")
    parser.add_argument(
        "--kill-signal",
        choices=["KILL", "TERM"],
        default="KILL",
        help="how app server B is stopped: KILL (a crash, the default) or TERM (a graceful stop)",
    )
    parser.add_argument("--no-load", action="store_true", help="only the functional checks")
    options = parser.parse_args(argv)
    if options.kill_duration < 15:
        parser.error("--kill-duration must leave time for the kill and the restart: 15 or more")
    return options


def main(argv: list[str]) -> int:
    options = parse_arguments(argv)
    if not options.no_load and not shutil.which("wrk"):
        print("cluster test: wrk is not installed (apt-get install wrk).", file=sys.stderr)
        return 1
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    state = cluster.running_state()
    started = state is None
    results: list[LoadResult] = []
    try:
        if started:
            print("Starting a cluster (stopped at the end)", flush=True)
            state = cluster.start()
        else:
            print("Using the running cluster (make cluster), left running", flush=True)
        print(cluster.describe(state), flush=True)
        checks = Checks(state)
        checks.nginx_and_files()
        officer = checks.staff()
        checks.micro_cache(officer.cookies["sessionid"])
        checks.edit_through_one_node(officer)
        if not options.no_load:
            paths = load_paths(checks)
            with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
                handle.write("\n".join(paths) + "\n")
                paths_file = Path(handle.name)
            try:
                warm_up(checks, paths)
                results.append(losing_a_node(checks, paths_file, options))
                warm_up(checks, paths)
                results.append(load(checks, paths_file, options))
            finally:
                paths_file.unlink(missing_ok=True)
    except (Failure, cluster.ClusterError, subprocess.CalledProcessError, OSError) as error:
        print(f"\nCLUSTER TEST FAILED: {error}", file=sys.stderr)
        for result in results:
            print(f"  {result.line()}", file=sys.stderr)
        return 1
    finally:
        if started:
            with contextlib.suppress(Exception):
                cluster.stop()
                print("Cluster stopped.", flush=True)
    print("\nCluster test passed.")
    for result in results:
        print(f"  {result.line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
