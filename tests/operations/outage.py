"""Databases out of reach, for the tests: a port where nothing listens, a server that accepts
connections and never answers, and a proxy in front of PostgreSQL that can be switched
between the three."""

import selectors
import socket
import sqlite3
import threading
from contextlib import contextmanager, suppress

from django.db import connection, connections

#: Nothing listens there (a privileged port): connecting is refused at once.
CLOSED_PORT = 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SilentServer:
    """Accepts TCP connections and never answers: a database that hangs."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.listener.getsockname()[1]
        self.held: list[socket.socket] = []
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        self.listener.settimeout(0.1)
        while self.running:
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.held.append(client)

    def close(self):
        self.running = False
        self.thread.join(2)
        self.listener.close()
        for client in self.held:
            client.close()


@contextmanager
def database_unreachable(how: str = "refused"):
    """The test database out of reach for every thread of this process until the block ends:
    `refused` (no server on its port) or `silent` (a server that never answers; PostgreSQL).

    On PostgreSQL the connection really fails: it is pointed elsewhere (a test that uses it must
    be transactional, `django_db(transaction=True)`, as a connection cannot be reopened inside
    the test's transaction). SQLite's test database lives in memory and cannot be cut off: every
    connection fails as a missing database file does, with SQLite's own error."""
    wrapper = type(connections["default"])
    if connection.vendor == "sqlite":
        assert how == "refused", "SQLite cannot simulate a server that never answers"
        original = wrapper.create_cursor

        def cannot_open(self, name=None):
            # Raised where the cursor is made: Django turns it into its OperationalError.
            sqlite3.connect("file:/nonexistent/cooperation-portal.sqlite3?mode=rw", uri=True)

        wrapper.create_cursor = cannot_open
        try:
            yield
        finally:
            wrapper.create_cursor = original
        return

    silent = SilentServer() if how == "silent" else None
    settings_dict = connection.settings_dict  # shared by every thread's connection
    original = dict(settings_dict)
    connection.close()
    settings_dict["HOST"] = "127.0.0.1"
    settings_dict["PORT"] = str(silent.port if silent else CLOSED_PORT)
    try:
        yield
    finally:
        connection.close()
        settings_dict.clear()
        settings_dict.update(original)
        if silent:
            silent.close()


class DatabaseProxy:
    """A TCP proxy to PostgreSQL, switched between `forward` (relays both ways), `silent`
    (accepts connections and never answers) and `refused` (nothing listens). Switching drops
    the connections in progress, as a database that goes away does."""

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.port = free_port()
        self.mode = "refused"
        self.lock = threading.Lock()
        self.listener: socket.socket | None = None
        self.sockets: list[socket.socket] = []

    def switch(self, mode: str) -> None:
        with self.lock:
            self.mode = mode
            for held in self.sockets:
                with suppress(OSError):
                    held.shutdown(socket.SHUT_RDWR)
                held.close()
            self.sockets = []
            if mode == "refused" and self.listener:
                self.listener.close()
                self.listener = None
            elif mode != "refused" and not self.listener:
                self.listener = socket.create_server(("127.0.0.1", self.port), backlog=64)
                threading.Thread(target=self.accept, args=(self.listener,), daemon=True).start()

    def accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # closed: refused from now on
                return
            with self.lock:
                if listener is not self.listener:
                    client.close()
                    return
                self.sockets.append(client)
                if self.mode == "silent":
                    continue
                server = socket.create_connection(self.upstream)
                self.sockets.append(server)
            threading.Thread(target=self.relay, args=(client, server), daemon=True).start()

    @staticmethod
    def relay(client: socket.socket, server: socket.socket) -> None:
        with selectors.DefaultSelector() as selector:
            selector.register(client, selectors.EVENT_READ, server)
            selector.register(server, selectors.EVENT_READ, client)
            while True:
                for key, _ in selector.select():
                    try:
                        data = key.fileobj.recv(65536)
                        if not data:
                            return
                        key.data.sendall(data)
                    except OSError:
                        return

    def close(self) -> None:
        self.switch("refused")
