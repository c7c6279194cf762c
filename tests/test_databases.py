"""The test databases themselves: each is real, empty and writable, whichever the server."""

from __future__ import annotations

import sqlalchemy as sa


def test_each_database_is_empty_writable_and_reports_its_dialect(database_url):
    engine = sa.create_engine(database_url, poolclass=sa.pool.NullPool)
    try:
        assert sa.inspect(engine).get_table_names() == []
        with engine.begin() as connection:
            connection.execute(sa.text("CREATE TABLE probe (id TEXT PRIMARY KEY)"))
            connection.execute(sa.text("INSERT INTO probe VALUES ('hyesan')"))
        with engine.connect() as connection:
            assert connection.execute(sa.text("SELECT id FROM probe")).scalar_one() == "hyesan"
        assert engine.dialect.name == ("postgresql" if database_url.startswith("postgresql") else "sqlite")
    finally:
        engine.dispose()
