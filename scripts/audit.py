"""Lighthouse audit of the main pages, on the demo data, with Debian's Chromium.

Run by `make audit`: a report, not a gate. It serves the portal with gunicorn (debug off,
collected static files, as in production) on a free local port, runs Lighthouse on each page
and prints the four scores. Targets: accessibility 100, best practices 100, SEO 100,
performance >= 95.
"""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / ".audit" / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "audit-reports"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
PAGES = [
    "/en/",
    "/fr/",
    "/en/projects/",
    "/en/projects/?country=CD&sdg=3",
    "/en/funding/",
    "/en/partners/",
    "/en/events/",
    "/en/countries/cd/",
    "/en/sdgs/",
    "/en/sdgs/3/",
    "/en/contacts/",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def first_slug(env: dict, model: str) -> str:
    code = (
        "from django.apps import apps;"
        f"print(apps.get_model('{model}').objects.published().order_by('pk').first().slug)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip().splitlines()[-1]


def main() -> int:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        print("Chromium is not installed: apt-get install chromium", file=sys.stderr)
        return 1
    if not LIGHTHOUSE.exists():
        print("Lighthouse is missing: make audit installs it (npm install lighthouse@12.8.2)")
        return 1
    workdir = Path(tempfile.mkdtemp(prefix="portal-audit-"))
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{workdir / 'audit.sqlite3'}",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        subprocess.run([*manage, *command, "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    pages = [
        *PAGES,
        f"/en/projects/{first_slug(env, 'projects.Project')}/",
        f"/en/funding/{first_slug(env, 'funding.FundingScheme')}/",
        f"/en/partners/{first_slug(env, 'partners.Organisation')}/",
        f"/en/events/{first_slug(env, 'events.Event')}/",
    ]
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "cooperation_portal.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        REPORTS.mkdir(exist_ok=True)
        print(f"{'page':<48} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}")
        below = 0
        for path in pages:
            report = REPORTS / (path.strip("/").replace("/", "_").replace("?", "_") or "root")
            subprocess.run(
                [
                    str(LIGHTHOUSE),
                    base + path,
                    f"--only-categories={','.join(CATEGORIES)}",
                    "--output=json",
                    "--output=html",
                    f"--output-path={report}",
                    "--quiet",
                    "--chrome-flags=--headless --no-sandbox --disable-gpu",
                ],
                env={**env, "CHROME_PATH": chromium},
                check=False,
            )
            try:
                data = json.loads(Path(f"{report}.report.json").read_text())
            except (OSError, ValueError):
                print(f"{path:<48} (Lighthouse failed)")
                below += 1
                continue
            scores = {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES}
            below += sum(scores[c] < TARGETS[c] for c in CATEGORIES)
            print(f"{path:<48} " + " ".join(f"{scores[c]:>5}" for c in CATEGORIES))
        print(f"\nTargets: performance >= 95, the others 100. Scores below target: {below}.")
        print(f"Full reports: {REPORTS}/")
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
