"""The first schema: the dataset's tables, archived reports, the version counter and the history.

The tables are created from :mod:`border_atlas.store.sql_tables` as it stands, but for those a later
revision adds (``LATER_TABLES``); a later change to the schema gets a revision of its own
(tests/store/test_engine.py fails until it has one).

Revision ID: 0001
Revises:
"""

import uuid

from alembic import op

from border_atlas.store import sql_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _first_tables() -> list:
    """The tables of this revision: those of sql_tables but the ones later revisions add."""
    return [t for t in sql_tables.metadata.sorted_tables if t.name not in sql_tables.LATER_TABLES]


def upgrade() -> None:
    bind = op.get_bind()
    sql_tables.metadata.create_all(bind, tables=_first_tables())
    for ddl in sql_tables.version_triggers(bind.dialect.name):
        op.execute(ddl)
    op.execute(sql_tables.state.insert().values(id=1, version=0, database_id=str(uuid.uuid4())))


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS atlas_bump_version() CASCADE")
    sql_tables.metadata.drop_all(bind, tables=_first_tables())
