"""Throwaway databases for the tests: a SQLite file, or a PostgreSQL cluster started for the run.

The cluster is Debian's PostgreSQL (package ``postgresql``), initialised in a temporary folder,
listening on 127.0.0.1 at a free port with trust authentication, and removed at the end. PostgreSQL
refuses to run as root, so under root (CI) its commands run as the ``postgres`` user the package
creates. ``BORDER_ATLAS_TEST_POSTGRES`` names an existing server instead (an admin URL such as
``postgresql+psycopg://me@localhost/postgres``); each test then gets a database of its own on it.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

POSTGRES_ENV = "BORDER_ATLAS_TEST_POSTGRES"
INSTALL_HINT = ("Install Debian's PostgreSQL (`apt-get install postgresql`; `.ci/run` does) or set "
                f"{POSTGRES_ENV} to the admin URL of a server you own.")
ROLE = "atlas"


class PostgresMissing(RuntimeError):
    """No PostgreSQL server binaries, or no way to run them as a non-root user."""


def server_bin() -> Path:
    """The folder of the newest installed ``initdb``/``pg_ctl``."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise PostgresMissing(f"No PostgreSQL server found. {INSTALL_HINT}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowawayCluster:
    """A PostgreSQL cluster of its own in a temporary folder; :meth:`stop` removes it.

    >>> cluster = ThrowawayCluster.start()   # doctest: +SKIP
    >>> cluster.admin_url                    # doctest: +SKIP
    'postgresql+psycopg://atlas@127.0.0.1:41234/postgres'
    """

    def __init__(self, folder: Path, port: int, run_as: str | None):
        self.folder, self.port, self.run_as = folder, port, run_as
        self.bin = server_bin()

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://{ROLE}@127.0.0.1:{self.port}/postgres"

    @classmethod
    def start(cls) -> ThrowawayCluster:
        run_as = None
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise PostgresMissing(f"Running as root and there is no 'postgres' user. {INSTALL_HINT}") from None
            run_as = "postgres"
        server_bin()  # fail early, before making folders
        folder = Path(tempfile.mkdtemp(prefix="border-atlas-pg-"))
        if run_as:
            shutil.chown(folder, user=run_as)
        cluster = cls(folder, _free_port(), run_as)
        try:
            cluster._initdb()
            cluster._pg_ctl("start", "-w", "-t", "60", "-l", str(folder / "server.log"), "-o", cluster._options())
        except BaseException:
            cluster.stop()
            raise
        return cluster

    def _options(self) -> str:
        # The tests kill clients, never the server: durability of the server itself is not under test,
        # and without fsync the cluster is quicker on a shared CI machine.
        return (f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", self.run_as, "--"] if self.run_as else []
        done = subprocess.run(prefix + list(command), capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise PostgresMissing(f"{Path(command[0]).name} failed: {done.stderr.strip() or done.stdout.strip()}")

    def _initdb(self) -> None:
        self._run(str(self.bin / "initdb"), "-D", str(self.folder / "data"), "-U", ROLE, "-A", "trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")

    def _pg_ctl(self, *args: str) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), *args)

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            if (self.folder / "data" / "postmaster.pid").exists():
                self._pg_ctl("stop", "-m", "immediate", "-w")
        shutil.rmtree(self.folder, ignore_errors=True)


@contextlib.contextmanager
def fresh_postgres_database(admin_url: str) -> Iterator[str]:
    """A new, empty database on the server of ``admin_url``, dropped afterwards; yields its URL."""
    name = f"atlas_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'atlas.sqlite3'}"
