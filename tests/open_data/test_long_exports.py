"""A long export tells the server after each chunk that it is making progress, so that
gunicorn's timeout (which replaces a silent sync worker) does not cut a file short under a 200
(checked by hand: 10,000 projects behind `GUNICORN_TIMEOUT=3` stream whole, 9.1 MB of CSV and
32 MB of IATI; without the sign of life the CSV stopped after 5,500 rows)."""

import runpy
from pathlib import Path

import pytest

from cooperation_portal import exports, liveness
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


class Beats:
    """Counts the signs of life, as gunicorn's worker heartbeat would receive them."""

    def __init__(self):
        self.count = 0

    def notify(self):
        self.count += 1


@pytest.fixture
def beats():
    counted = Beats()
    # What gunicorn runs in each worker when it starts (deploy/gunicorn.conf.py).
    runpy.run_path(str(CONFIG))["post_worker_init"](counted)
    yield counted
    liveness.register_heartbeat(None)


@pytest.mark.parametrize("url", ["/en/projects/export.csv", "/en/projects/iati.xml"])
def test_each_chunk_written_is_a_sign_of_life(client, beats, monkeypatch, url):
    monkeypatch.setattr(exports, "CHUNK", 2)
    ProjectFactory.create_batch(5)

    response = client.get(url)
    b"".join(response.streaming_content)

    assert beats.count == 3  # chunks of 2, 2 and 1


def test_without_a_heartbeat_registered_an_export_streams_as_before(client):
    # Tests, runserver and management commands register none.
    ProjectFactory()
    response = client.get("/en/projects/export.json")
    assert response.status_code == 200
    assert b'"count": 1' in b"".join(response.streaming_content)
