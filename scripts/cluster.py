"""A local cluster of the portal, as deployed on several machines, on loopback only.

`make cluster` (`python scripts/cluster.py start`) starts, on 127.0.0.1 only:

- PostgreSQL: the server already running on 127.0.0.1:5432 (user postgres) when it answers,
  otherwise a throw-away server of the machine's PostgreSQL in a temporary directory
  (`CLUSTER_POSTGRES=throwaway` forces it); the database `cooperation_cluster`, created afresh,
  migrated and loaded with the demo data;
- Redis: the server already running on 127.0.0.1:6379 when it answers, database 3 (emptied
  at start and at stop, and only that one), otherwise a throw-away redis-server;
- two app servers, gunicorn with deploy/gunicorn.conf.py as in production (debug off, JSON
  logs, collected static files, the same secret key, shared media directory), on two ports;
- nginx in front, with deploy/nginx/cooperation-portal.conf rendered for loopback (see the
  head of that file for what changes) and a main nginx.conf of its own: pid, logs, cache and
  temporary files in `.cluster/nginx/`, never /etc/nginx's own site.

It prints the URL, the app servers' ports, DATABASE_URL and CACHE_URL. One cluster at a time
on a machine (they would share the database and the Redis database): `start` refuses to take
a `cooperation_cluster` database that something is connected to. Everything it started
is written down in `.cluster/state.json`; `make cluster-stop` (`stop`) ends exactly that
(checking that each process id is still the program it started) and drops the database.
`status` prints the state. Ports: CLUSTER_PORT (nginx, default 8180) and the two following
ones for the app servers; taken ports are replaced by free ones. WEB_CONCURRENCY (default 3)
and GUNICORN_THREADS (default 2) set each app server's workers and threads.

Staff log in with a second factor, as in production (debug is off): create an account with
`manage.py createsuperuser` in the cluster's environment (`status` prints it), log in, and set
up the authenticator app. The cluster test (scripts/cluster_test.py) uses recovery codes.
"""

import argparse
import contextlib
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
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = Path(os.environ.get("CLUSTER_RUN_DIR") or ROOT / ".cluster")
STATE = RUN / "state.json"
SITE_TEMPLATE = ROOT / "deploy" / "nginx" / "cooperation-portal.conf"
GUNICORN_CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
BIN = Path(sys.executable).parent
GUNICORN = BIN / "gunicorn"

DATABASE_NAME = "cooperation_cluster"
POSTGRES_ADDRESS = ("127.0.0.1", 5432)
REDIS_ADDRESS = ("127.0.0.1", 6379)
REDIS_DATABASE = 3
NODE_NAMES = ("a", "b")

# What the renderer changes in the production site file (deploy/nginx/cooperation-portal.conf).
PRODUCTION_APP = "/srv/cooperation-portal/app/"
PRODUCTION_MEDIA = "/srv/cooperation-portal/media/"
PRODUCTION_CACHE = "/var/cache/nginx/cooperation-portal"
PRODUCTION_LOGS = "/var/log/nginx/cooperation-portal/"
UPSTREAM_SERVER = re.compile(r"^(?P<indent>\s*)server \S+:8000(?P<parameters>[^;]*);\s*$")
LOCAL_LISTEN = "127.0.0.1:8080"


class ClusterError(Exception):
    pass


# -- nginx's configuration ------------------------------------------------------------------


def render_site(
    template: str,
    *,
    upstreams: list[str],
    listen_port: int,
    app: Path,
    media: Path,
    cache: Path,
    logs: Path,
    production: dict | None = None,
) -> str:
    """The production site file for this machine: the upstream's servers, the paths, and
    either the local-only lines (listen on loopback) or, with `production` (a certificate and
    key to use instead of Let's Encrypt's), the production-only ones (to check them)."""
    lines: list[str] = []
    in_production_block = False
    upstream_done = False
    for line in template.splitlines():
        stripped = line.strip()
        if stripped == "# production only {":
            in_production_block = True
            continue
        if in_production_block and stripped == "# }":
            in_production_block = False
            continue
        if in_production_block and production is None:
            continue
        if stripped.startswith("# local only:"):
            if production is None:
                indent = line[: len(line) - len(line.lstrip())]
                directive = stripped.removeprefix("# local only:").strip()
                lines.append(indent + directive.replace(LOCAL_LISTEN, f"127.0.0.1:{listen_port}"))
            continue
        match = UPSTREAM_SERVER.match(line)
        if match:
            if not upstream_done:
                for address in upstreams:
                    lines.append(f"{match['indent']}server {address}{match['parameters']};")
                upstream_done = True
            continue
        lines.append(line)
    if in_production_block:
        raise ClusterError("The site file opens a `# production only {` block it never closes.")
    if not upstream_done:
        raise ClusterError("The site file's upstream names no `server ADDRESS:8000` line.")
    text = "\n".join(lines) + "\n"
    text = text.replace(PRODUCTION_APP, f"{app}/").replace(PRODUCTION_MEDIA, f"{media}/")
    text = text.replace(PRODUCTION_CACHE, str(cache)).replace(PRODUCTION_LOGS, f"{logs}/")
    if production is not None:
        certificates = r"/etc/letsencrypt/live/[^;]*/"
        text = re.sub(certificates + r"fullchain\.pem", production["certificate"], text)
        text = re.sub(certificates + r"privkey\.pem", production["key"], text)
        text = text.replace("/var/www/letsencrypt", str(logs))
        # Unprivileged ports, so that `nginx -t` may run as anyone.
        text = re.sub(r"listen (\[::\]:)?80;", lambda m: f"listen {m[1] or ''}18080;", text)
        text = re.sub(r"listen (\[::\]:)?443 ", lambda m: f"listen {m[1] or ''}18443 ", text)
    directives = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    known = ("/srv/", "/var/cache/", "/var/log/", "/var/www/", "/etc/letsencrypt")
    leftover = [path for path in known if path in directives]
    if leftover:
        raise ClusterError(f"The site file names paths the renderer does not know: {leftover}")
    return text


def render_main(site: Path, directory: Path) -> str:
    """nginx.conf for a private nginx: its pid, logs and temporary files in `directory`, as
    Debian's /etc/nginx/nginx.conf otherwise (the site file is included in `http {}`)."""
    user = ""
    if os.geteuid() == 0:
        # Workers as the user who runs the cluster, not `nobody` (they write the cache).
        user = "user root root;\n"
    temp = directory / "temp"
    return f"""# Written by scripts/cluster.py for the local cluster; not a production file.
{user}worker_processes auto;
pid {directory}/nginx.pid;
error_log {directory}/logs/error.log warn;

events {{
    worker_connections 4096;
}}

http {{
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    include {mime_types()};
    default_type application/octet-stream;
    access_log {directory}/logs/access-other.log;
    client_body_temp_path {temp}/client_body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {site};
}}
"""


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx", "/sbin/nginx") if os.access(path, os.X_OK)), None
    )


def mime_types() -> str:
    return "/etc/nginx/mime.types"


def write_nginx_config(
    directory: Path, upstreams: list[str], listen_port: int, media: Path, production=None
) -> Path:
    """The rendered site and main configuration in `directory`; returns nginx.conf's path."""
    for sub in ("logs", "cache", "temp"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    site = directory / "cooperation-portal.conf"
    site.write_text(
        render_site(
            SITE_TEMPLATE.read_text(),
            upstreams=upstreams,
            listen_port=listen_port,
            app=ROOT,
            media=media,
            cache=directory / "cache",
            logs=directory / "logs",
            production=production,
        )
    )
    main = directory / "nginx.conf"
    main.write_text(render_main(site, directory))
    return main


def prefix_options(main: Path) -> list[str]:
    """nginx's prefix, start-up error log and configuration: nothing under /etc/nginx or
    /var/log/nginx is opened."""
    directory = main.parent
    return ["-p", f"{directory}/", "-e", f"{directory}/logs/error.log", "-c", str(main)]


def nginx_test(main: Path) -> subprocess.CompletedProcess:
    """`nginx -t` on a configuration written by write_nginx_config."""
    binary = nginx_binary()
    if binary is None:
        raise ClusterError("nginx is not installed (apt-get install nginx).")
    return subprocess.run(
        [binary, "-t", "-q", *prefix_options(main)],
        capture_output=True,
        text=True,
        check=False,
    )


# -- Processes -------------------------------------------------------------------------------


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def choose_ports() -> dict[str, int]:
    first = int(os.environ.get("CLUSTER_PORT") or 8180)
    wanted = {"nginx": first, "a": first + 1, "b": first + 2}
    chosen = {}
    for name, port in wanted.items():
        chosen[name] = port if port_is_free(port) else free_port()
    return chosen


def answers(address: tuple[str, int], timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection(address, timeout=timeout):
            return True
    except OSError:
        return False


def http_status(url: str, timeout: float = 5.0) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def is_running(pid: int | None, program: str) -> bool:
    """Whether `pid` is alive and still runs `program` (not a reused process id)."""
    if not pid:
        return False
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        state = ""
    return program in command and state != "Z"


def reap(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def stop_process(pid: int | None, program: str, group: bool, first=signal.SIGTERM, wait=35.0):
    """Stop one process (or its process group) that we started, by its id."""
    if not is_running(pid, program):
        return
    send = os.killpg if group else os.kill
    try:
        send(pid, first)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        reap(pid)
        if not is_running(pid, program):
            break
        time.sleep(0.1)
    else:
        with contextlib.suppress(ProcessLookupError):
            send(pid, signal.SIGKILL)
    if group:
        # The workers of a killed master notice within a second; wait for them too.
        for _ in range(50):
            try:
                os.killpg(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
    reap(pid)


# -- Services --------------------------------------------------------------------------------


def redis_command(address: tuple[str, int], *commands: list[str]) -> list[bytes]:
    """Send Redis commands (RESP) and return one reply line each; no client library needed."""
    payload = b""
    for command in commands:
        payload += f"*{len(command)}\r\n".encode()
        for part in command:
            data = part.encode()
            payload += b"$%d\r\n%s\r\n" % (len(data), data)
    with socket.create_connection(address, timeout=5) as connection:
        connection.sendall(payload)
        reply = b""
        while reply.count(b"\r\n") < len(commands):
            chunk = connection.recv(4096)
            if not chunk:
                break
            reply += chunk
    return reply.split(b"\r\n")[: len(commands)]


def flush_redis_database(address: tuple[str, int], database: int) -> None:
    replies = redis_command(address, ["SELECT", str(database)], ["FLUSHDB"])
    if replies != [b"+OK", b"+OK"]:
        raise ClusterError(f"Redis refused to empty database {database}: {replies}")


def redis_answers(address: tuple[str, int]) -> bool:
    try:
        return redis_command(address, ["PING"]) == [b"+PONG"]
    except OSError:
        return False


def start_redis(state: dict) -> None:
    if os.environ.get("CLUSTER_REDIS") != "throwaway" and redis_answers(REDIS_ADDRESS):
        state["redis"] = {"address": list(REDIS_ADDRESS), "started": False}
    else:
        binary = shutil.which("redis-server")
        if binary is None:
            raise ClusterError("No Redis on 127.0.0.1:6379, and redis-server is not installed.")
        port = free_port()
        pidfile = RUN / "redis.pid"
        subprocess.run(
            [binary, "--bind", "127.0.0.1", "--port", str(port), "--daemonize", "yes",
             "--save", "", "--appendonly", "no", "--dir", str(RUN), "--pidfile", str(pidfile),
             "--logfile", str(RUN / "redis.log")],
            check=True,
        )  # fmt: skip
        for _ in range(50):
            if redis_answers(("127.0.0.1", port)) and pidfile.exists():
                break
            time.sleep(0.1)
        else:
            raise ClusterError(f"The throw-away Redis did not start: see {RUN / 'redis.log'}")
        state["redis"] = {
            "address": ["127.0.0.1", port],
            "started": True,
            "pid": int(pidfile.read_text().strip()),
        }
    address = tuple(state["redis"]["address"])
    flush_redis_database(address, REDIS_DATABASE)
    state["cache_url"] = f"redis://{address[0]}:{address[1]}/{REDIS_DATABASE}"


def postgres_bin(program: str) -> str:
    versions = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{program}"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    if versions:
        return str(versions[-1])
    found = shutil.which(program)
    if found is None:
        raise ClusterError(f"PostgreSQL's {program} is not installed (apt-get install postgresql).")
    return found


def as_postgres_user(command: list[str]) -> list[str]:
    # PostgreSQL's server refuses to run as root.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def start_postgres(state: dict) -> None:
    if os.environ.get("CLUSTER_POSTGRES") != "throwaway" and answers(POSTGRES_ADDRESS):
        state["postgres"] = {"url": "postgres://postgres@127.0.0.1:5432", "started": False}
        return
    directory = Path(tempfile.mkdtemp(prefix="portal-cluster-postgres-"))
    if os.geteuid() == 0:
        shutil.chown(directory, "postgres", "postgres")
    data = directory / "data"
    port = free_port()
    state["postgres"] = {
        "url": f"postgres://postgres@127.0.0.1:{port}",
        "started": True,
        "directory": str(directory),
        "pg_ctl": postgres_bin("pg_ctl"),
    }
    write_state(state)
    subprocess.run(
        as_postgres_user([postgres_bin("initdb"), "-D", str(data), "-U", "postgres",
                          "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]),
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    subprocess.run(
        as_postgres_user([postgres_bin("pg_ctl"), "-D", str(data), "-l", str(directory / "log"),
                          "-o", f"-p {port} -c listen_addresses=127.0.0.1 -k {directory}",
                          "-w", "start"]),
        check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def stop_postgres(state: dict) -> None:
    postgres = state.get("postgres") or {}
    if not postgres.get("started"):
        return
    directory = Path(postgres["directory"])
    if (directory / "data" / "postmaster.pid").exists():
        subprocess.run(
            as_postgres_user([postgres["pg_ctl"], "-D", str(directory / "data"), "-m", "fast",
                              "-w", "stop"]),
            check=False, stdout=subprocess.DEVNULL,
        )  # fmt: skip
    shutil.rmtree(directory, ignore_errors=True)


def recreate_database(state: dict) -> None:
    import psycopg

    with psycopg.connect(f"{state['postgres']['url']}/postgres", autocommit=True) as connection:
        in_use = connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()[0]
        if in_use:
            raise ClusterError(
                f"The database {DATABASE_NAME} is in use ({in_use} connections): another"
                " cluster runs on this machine (one at a time: `make cluster-stop` there)."
            )
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE_NAME} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE_NAME}")
    state["database_url"] = f"{state['postgres']['url']}/{DATABASE_NAME}"


def drop_database(state: dict) -> None:
    if "database_url" not in state:
        return
    import psycopg

    try:
        with psycopg.connect(
            f"{state['postgres']['url']}/postgres", autocommit=True, connect_timeout=5
        ) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {DATABASE_NAME} WITH (FORCE)")
    except psycopg.Error as error:
        print(f"cluster: could not drop {DATABASE_NAME}: {error}", file=sys.stderr)


# -- The portal ------------------------------------------------------------------------------


def portal_environment(state: dict) -> dict:
    """The environment of the app servers and of manage.py in the cluster: production-like
    (debug off), on loopback without TLS (no HTTPS redirect), behind nginx."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_"))
        and key not in {"DATABASE_URL", "CACHE_URL", "WEB_CONCURRENCY", "PORT"}
    }
    env.update(
        {
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": state["secret_key"],
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_BEHIND_PROXY": "true",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DJANGO_MEDIA_ROOT": state["media"],
            "DJANGO_PORTAL_URL": f"http://127.0.0.1:{state['nginx']['port']}",
            "DATABASE_URL": state["database_url"],
            "CACHE_URL": state["cache_url"],
        }
    )
    return env


def manage(state: dict, *arguments: str) -> None:
    subprocess.run(
        [str(BIN / "python"), "manage.py", *arguments, "--skip-checks"],
        cwd=ROOT,
        env=portal_environment(state),
        check=True,
    )


def start_node(state: dict, name: str) -> None:
    node = state["nodes"][name]
    env = portal_environment(state)
    env.update(
        {
            "GUNICORN_BIND": f"127.0.0.1:{node['port']}",
            "WEB_CONCURRENCY": str(state["workers"]),
            "GUNICORN_THREADS": str(state["threads"]),
            "GUNICORN_ACCESS_LOG": str(RUN / f"node-{name}.access.log"),
        }
    )
    with (RUN / f"node-{name}.log").open("a") as log:
        process = subprocess.Popen(
            [str(GUNICORN), "--config", str(GUNICORN_CONFIG)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    node["pid"] = process.pid
    write_state(state)


def wait_for_node(state: dict, name: str, timeout: float = 60.0) -> None:
    node = state["nodes"][name]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not is_running(node["pid"], "gunicorn"):
            reap(node["pid"])
            tail = (RUN / f"node-{name}.log").read_text(errors="replace")[-3000:]
            raise ClusterError(f"App server {name} exited at start:\n{tail}")
        if http_status(f"http://127.0.0.1:{node['port']}/healthz", timeout=2) == 200:
            return
        time.sleep(0.2)
    raise ClusterError(f"App server {name} did not answer /healthz within {timeout:.0f} s.")


def stop_node(state: dict, name: str, first=signal.SIGTERM) -> None:
    node = state["nodes"][name]
    stop_process(node.get("pid"), "gunicorn", group=True, first=first)


def start_nginx(state: dict) -> None:
    binary = nginx_binary()
    if binary is None:
        raise ClusterError("nginx is not installed: apt-get install nginx (make cluster does).")
    directory = RUN / "nginx"
    upstreams = [f"127.0.0.1:{node['port']}" for node in state["nodes"].values()]
    main = write_nginx_config(directory, upstreams, state["nginx"]["port"], Path(state["media"]))
    checked = nginx_test(main)
    if checked.returncode != 0:
        raise ClusterError(f"nginx -t refused the rendered configuration:\n{checked.stderr}")
    subprocess.run([binary, *prefix_options(main)], check=True)
    pidfile = directory / "nginx.pid"
    for _ in range(50):
        if pidfile.exists() and pidfile.read_text().strip():
            break
        time.sleep(0.1)
    state["nginx"]["pid"] = int(pidfile.read_text().strip())
    state["nginx"]["binary"] = binary
    write_state(state)


def flush_nginx_logs(state: dict) -> None:
    """Have nginx write out its buffered access log (it reopens its logs on SIGUSR1)."""
    pid = state["nginx"].get("pid")
    if is_running(pid, "nginx"):
        os.kill(pid, signal.SIGUSR1)
        time.sleep(0.5)


def stop_nginx(state: dict) -> None:
    nginx = state.get("nginx") or {}
    stop_process(nginx.get("pid"), "nginx", group=False, first=signal.SIGQUIT, wait=10)


# -- State -----------------------------------------------------------------------------------


def write_state(state: dict) -> None:
    RUN.mkdir(parents=True, exist_ok=True)
    temporary = STATE.with_suffix(".tmp")
    temporary.write_text(json.dumps(state, indent=2))
    temporary.replace(STATE)


def read_state() -> dict | None:
    try:
        return json.loads(STATE.read_text())
    except (OSError, ValueError):
        return None


def running_state() -> dict | None:
    """The state of a cluster whose nginx and app servers all run, else None."""
    state = read_state()
    if not state or not state.get("ready"):
        return None
    alive = is_running(state["nginx"].get("pid"), "nginx") and all(
        is_running(node.get("pid"), "gunicorn") for node in state["nodes"].values()
    )
    return state if alive else None


def describe(state: dict) -> str:
    nginx = state["nginx"]["port"]
    nodes = ", ".join(f"127.0.0.1:{node['port']} ({name})" for name, node in state["nodes"].items())
    shown = {"DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DATABASE_URL", "CACHE_URL", "DJANGO_MEDIA_ROOT"}
    environment = portal_environment(state)
    env = " ".join(f"{key}={value}" for key, value in environment.items() if key in shown)
    return (
        f"  URL:          http://127.0.0.1:{nginx}/en/  (nginx; admin: http://127.0.0.1:{nginx}/admin/)\n"
        f"  app servers:  {nodes}: gunicorn, {state['workers']} workers x"
        f" {state['threads']} threads each\n"
        f"  DATABASE_URL: {state['database_url']}\n"
        f"  CACHE_URL:    {state['cache_url']}\n"
        f"  nginx config: {RUN / 'nginx' / 'cooperation-portal.conf'}"
        f" (from {SITE_TEMPLATE.relative_to(ROOT)})\n"
        f"  logs:         {RUN}/ (node-a.log, node-b.log, nginx/logs/)\n"
        f"  manage.py in the cluster: env {env} .venv/bin/python manage.py …\n"
        "  stop it:      make cluster-stop"
    )


def start() -> dict:
    """Start the cluster (or return the one already running)."""
    state = running_state()
    if state:
        return state
    if read_state():
        stop()  # what is left of a cluster that did not start or died
    RUN.mkdir(parents=True, exist_ok=True)
    media = RUN / "media"
    media.mkdir(exist_ok=True)
    ports = choose_ports()
    state = {
        "ready": False,
        "secret_key": "cluster-only-" + secrets.token_urlsafe(48),
        "media": str(media),
        "workers": int(os.environ.get("WEB_CONCURRENCY") or 3),
        "threads": int(os.environ.get("GUNICORN_THREADS") or 2),
        "nginx": {"port": ports["nginx"]},
        "nodes": {name: {"port": ports[name]} for name in NODE_NAMES},
    }
    write_state(state)
    try:
        start_postgres(state)
        start_redis(state)
        recreate_database(state)
        write_state(state)
        print(f"cluster: database {DATABASE_NAME}: migrate, demo data, static files", flush=True)
        manage(state, "migrate", "--noinput", "--verbosity", "0")
        manage(state, "load_demo")
        manage(state, "collectstatic", "--noinput", "--verbosity", "0")
        for name in NODE_NAMES:
            start_node(state, name)
        for name in NODE_NAMES:
            wait_for_node(state, name)
        start_nginx(state)
        url = f"http://127.0.0.1:{state['nginx']['port']}/healthz"
        for _ in range(50):
            if http_status(url) == 200:
                break
            time.sleep(0.1)
        else:
            raise ClusterError(f"nginx does not answer {url}: see {RUN / 'nginx' / 'logs'}")
    except BaseException:
        stop()
        raise
    state["ready"] = True
    write_state(state)
    return state


def stop() -> None:
    """End what `start` started, as written in the state file, and drop the database."""
    state = read_state()
    if state is None:
        return
    stop_nginx(state)
    for name in state.get("nodes", {}):
        stop_node(state, name)
    drop_database(state)
    redis = state.get("redis") or {}
    if redis.get("address"):
        with contextlib.suppress(OSError, ClusterError):
            flush_redis_database(tuple(redis["address"]), REDIS_DATABASE)
    if redis.get("started"):
        stop_process(redis.get("pid"), "redis-server", group=False)
    stop_postgres(state)
    STATE.unlink(missing_ok=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["start", "stop", "status"])
    options = parser.parse_args(argv)
    try:
        if options.command == "start":
            already = running_state() is not None
            state = start()
            print("Cluster already running:" if already else "Cluster running:")
            print(describe(state))
        elif options.command == "stop":
            had = read_state() is not None
            stop()
            print("Cluster stopped." if had else "No cluster was running.")
        else:
            state = running_state()
            if state is None:
                print("No cluster is running (make cluster starts one).")
                return 1
            print(describe(state))
    except (ClusterError, subprocess.CalledProcessError) as error:
        print(f"cluster: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sys.exit(main(sys.argv[1:]))
