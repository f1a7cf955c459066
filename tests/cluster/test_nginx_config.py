"""The nginx site shipped in deploy/nginx/ (the production template): `nginx -t` accepts it as
the local cluster renders it and with its production-only part (TLS, port 80), and it keeps the
rules the portal relies on: pages for a session never come from, nor go into, the micro-cache;
the micro-cache keeps a page 2 s at most; files, compression, forwarded headers, body limit.

The cluster itself (two app servers, a node killed, the load) is `make cluster-test`
(scripts/cluster_test.py). Where nginx is not installed the `nginx -t` tests are skipped with a
notice; in CI (`REQUIRE_NGINX_TESTS=1`) a missing nginx is an error.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "deploy" / "nginx" / "cooperation-portal.conf"


def script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


cluster = script("cluster")

NGINX = cluster.nginx_binary()
NGINX_REQUIRED = os.environ.get("REQUIRE_NGINX_TESTS") == "1"


@pytest.fixture
def nginx():
    if NGINX is None:
        if NGINX_REQUIRED:
            pytest.fail("REQUIRE_NGINX_TESTS=1 but nginx is not installed (apt-get install nginx).")
        pytest.skip("nginx is not installed (apt-get install nginx): `nginx -t` not run")
    return NGINX


def directives() -> str:
    """The site file without its comments."""
    lines = [line.split("#", 1)[0] for line in SITE.read_text().splitlines()]
    return "\n".join(line for line in lines if line.strip())


def location(name: str) -> str:
    """The block of `location NAME` in the portal's HTTPS server (not the port-80 redirect)."""
    blocks = re.findall(rf"location {re.escape(name)} \{{(.*?)\n    \}}", directives(), re.S)
    blocks = [block for block in blocks if "return 301" not in block]
    assert len(blocks) == 1, f"not one `location {name}` in the HTTPS server of {SITE.name}"
    return blocks[0]


def test_the_local_cluster_configuration_passes_nginx_t(nginx, tmp_path):
    main = cluster.write_nginx_config(
        tmp_path / "nginx", ["127.0.0.1:18181", "127.0.0.1:18182"], 18180, tmp_path / "media"
    )
    checked = cluster.nginx_test(main)
    assert checked.returncode == 0, checked.stderr
    rendered = (tmp_path / "nginx" / "cooperation-portal.conf").read_text()
    assert "listen 127.0.0.1:18180;" in rendered
    assert "ssl_certificate" not in rendered
    upstream = re.search(r"upstream cooperation_portal \{(.*?)\}", rendered, re.S)[1]
    assert re.findall(r"server (\S+) max_fails=3 fail_timeout=10s;", upstream) == [
        "127.0.0.1:18181",
        "127.0.0.1:18182",
    ]


def test_the_production_configuration_passes_nginx_t_with_a_certificate(nginx, tmp_path):
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is not installed: no certificate to check the TLS part with")
    certificate, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=cooperation.example.org", "-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    main = cluster.write_nginx_config(
        tmp_path / "nginx",
        ["10.0.0.11:8000", "10.0.0.12:8000"],
        18180,
        tmp_path / "media",
        production={"certificate": str(certificate), "key": str(key)},
    )
    checked = cluster.nginx_test(main)
    assert checked.returncode == 0, checked.stderr
    rendered = (tmp_path / "nginx" / "cooperation-portal.conf").read_text()
    assert "ssl_reject_handshake on;" in rendered
    assert "return 301 https://$host$request_uri;" in rendered


def test_the_renderer_refuses_a_site_file_with_a_path_it_does_not_know(tmp_path):
    template = SITE.read_text().replace(
        "client_max_body_size", "root /srv/other;\n    client_max_body_size"
    )
    with pytest.raises(cluster.ClusterError, match="/srv/"):
        cluster.render_site(
            template,
            upstreams=["127.0.0.1:1"],
            listen_port=2,
            app=tmp_path,
            media=tmp_path,
            cache=tmp_path,
            logs=tmp_path,
        )


def test_a_session_or_anti_forgery_cookie_bypasses_the_micro_cache():
    text = directives()
    cookie_map = re.search(r"map \$http_cookie \$portal_has_session \{(.*?)\}", text, re.S)[1]
    pattern = re.search(r'"~(.*)" 1;', cookie_map)[1].replace(r"\s", r"\s")
    for cookie in (
        f"{settings.SESSION_COOKIE_NAME}=abc",
        f"{settings.CSRF_COOKIE_NAME}=abc",
        f"django_language=fr; {settings.SESSION_COOKIE_NAME}=abc",
        f"a=1;{settings.CSRF_COOKIE_NAME}=x",
    ):
        assert re.search(pattern, cookie), cookie
    for cookie in ("django_language=fr", f"my{settings.SESSION_COOKIE_NAME}=abc", ""):
        assert not re.search(pattern, cookie), cookie
    page = location("/")
    assert "proxy_cache_bypass $portal_skip_microcache;" in page
    # Never stored: a session, a method other than GET/HEAD, an answer marked private,
    # no-store or no-cache, or one that sets a cookie.
    assert (
        "proxy_no_cache $portal_skip_microcache $portal_private_answer"
        " $upstream_http_set_cookie;" in page
    )
    assert re.search(r'map \$upstream_http_cache_control \$portal_private_answer \{\s*'
                     r'default 0;\s*"~\*\(private\|no-store\|no-cache\)" 1;', text)  # fmt: skip
    assert re.search(r"map \$request_method \$portal_not_read_only \{\s*GET 0;\s*HEAD 0;", text)
    assert "add_header X-Cache-Status $upstream_cache_status always;" in page


def test_the_micro_cache_keeps_a_page_two_seconds_at_most():
    page = location("/")
    # nginx counts in whole seconds: `1s` keeps a page from 1 to 2 s.
    assert re.findall(r"proxy_cache_valid (.*);", page) == ["200 1s"]
    # Without `updating`, an expired page is never served while a new one is fetched, so no
    # visitor gets a page older than that.
    assert "updating" not in page
    assert "proxy_cache_background_update" not in page
    assert "proxy_ignore_headers Cache-Control Expires;" in page


def test_the_admin_is_never_cached():
    assert "proxy_cache " not in location("/admin/")


def test_requests_are_forwarded_with_their_origin_and_retried_on_another_server():
    for name in ("/", "/admin/"):
        block = location(name)
        for header in ("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Request-ID"):
            assert f"proxy_set_header {header} " in block, (name, header)
        assert "proxy_next_upstream error timeout http_502 http_503;" in block
    assert "keepalive 32;" in directives()


def test_files_limits_and_compression():
    text = directives()
    assert "client_max_body_size 10m;" in text
    assert re.search(r"gzip on;\s*gzip_comp_level \d;", text)
    assert "text/calendar" in text and "application/atom+xml" in text
    static = location("/static/")
    assert "alias /srv/cooperation-portal/app/staticfiles/;" in static
    assert "gzip_static on;" in static
    assert '"public, max-age=31536000, immutable"' in text
    media = location("/media/")
    assert "alias /srv/cooperation-portal/media/;" in media
    assert "max-age=2592000" in media and "sandbox" in media
