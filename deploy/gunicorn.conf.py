"""gunicorn's settings for the portal: `gunicorn --config deploy/gunicorn.conf.py` (from any
folder; `make serve` uses it). Each value can be set from the environment:

- `GUNICORN_BIND` (default `127.0.0.1:$PORT`, `PORT` defaulting to 8000): where to listen; behind
  a reverse proxy on another machine or in a container, `0.0.0.0:8000`.
- `WEB_CONCURRENCY` (default twice the cores, plus one): worker processes. Each keeps its own
  facet index and, with `CACHE_URL=locmem://`, its own page cache.
- `GUNICORN_THREADS` (default 1): threads per worker. Above 1, workers are gunicorn's `gthread`
  workers, which also keep connections from a reverse proxy open between requests (nginx's
  upstream `keepalive`); each thread has its own database connection. At 1, `sync` workers.
- `GUNICORN_TIMEOUT` (default 30): a worker silent for longer is killed and replaced. Requests
  end well before: statements are cut at 5 s and connecting to the database at 3 s
  (DJANGO_DB_STATEMENT_TIMEOUT_MS, DJANGO_DB_CONNECT_TIMEOUT). A long download (an export of
  every project, minutes at 100,000) gives a sign of life after each chunk it streams
  (`post_worker_init`, below), so it is not cut short.
- `FORWARDED_ALLOW_IPS` (default `127.0.0.1,::1`): the proxies whose X-Forwarded-* headers are
  trusted (gunicorn's own variable).
- `GUNICORN_ACCESS_LOG` (default: none): gunicorn's access log (`-` for standard output), with
  the request id and the duration in ms. The portal already logs one line per request with the
  same id, the user and the duration (DJANGO_LOG_FORMAT), so it is off unless asked for.
"""

import multiprocessing
import os
from pathlib import Path

# The repository, wherever gunicorn is started from.
chdir = str(Path(__file__).resolve().parent.parent)
wsgi_app = "cooperation_portal.wsgi:application"

bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT') or 8000}"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
# On SIGTERM (a deploy), requests in progress get this long to finish.
graceful_timeout = 30
# Behind a reverse proxy that keeps connections open.
keepalive = 5
# Each worker is replaced after 1,000 to 1,500 requests: whatever a process accumulates (memory
# fragmentation, a leak in a dependency) stays bounded. The wide jitter keeps the workers of a
# server from being replaced together: with 100, two workers sharing the load evenly reached
# their limits within a second of each other, and the server answered nothing for the 3 to 5 s
# their successors took to start (seen in the cluster test, scripts/cluster_test.py).
max_requests = 1000
max_requests_jitter = 500

forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1"

accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms request_id=%({x-request-id}o)s "%(a)s"'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL") or "info"

# The workers' heartbeat files in memory: a slow disk cannot make them look stuck.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"


def post_worker_init(worker):
    """A long download (an export of every project) tells the worker it is making progress
    after each chunk it streams, so that the timeout replaces stuck workers, not busy ones
    (cooperation_portal/liveness.py)."""
    from cooperation_portal.liveness import register_heartbeat

    register_heartbeat(worker.notify)


# No control socket (gunicorn 25.1+): its default path is one per user, so a second gunicorn
# of the same user (a test, `make bench`) would take it over. Signals manage the server.
control_socket_disable = True
