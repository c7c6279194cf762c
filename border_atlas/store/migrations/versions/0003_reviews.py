"""Review before a record counts: the reviews table, the review decisions as kinds of change, and an index on
each reference column of the dataset's tables (undo and reject look up the rows that name a row).

A database made by the first revision as it now stands has the indexes and the kinds already (that revision
creates the tables as declared), so both steps are written to be harmless there.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from border_atlas.store import sql_tables

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

KINDS = "kind IN ('save', 'undo', 'import', 'approve', 'send back', 'reject')"
OLD_KINDS = "kind IN ('save', 'undo', 'import')"


def _kinds(allowed: str) -> None:
    """Replace the CHECK on ``changes.kind`` (``op.f``: the name as written, not through the naming convention).

    SQLite cannot alter a constraint: batch mode copies the table into a new one (the migration runs with
    SQLite's foreign keys off, see :func:`border_atlas.store.migrations.upgrade`, and checks them after);
    ``changes`` has no trigger of its own to lose."""
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("changes", recreate="always") as batch:
            batch.drop_constraint(op.f("ck_changes_kind"), type_="check")
            batch.create_check_constraint(op.f("ck_changes_kind"), sa.text(allowed))
        broken = op.get_bind().exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise RuntimeError(f"copying the history left rows naming nothing: {broken[:5]}")
    else:
        op.drop_constraint(op.f("ck_changes_kind"), "changes", type_="check")
        op.create_check_constraint(op.f("ck_changes_kind"), "changes", sa.text(allowed))


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "reviews",
        sa.Column("table_name", sa.String(40), primary_key=True),
        sa.Column("row_id", sa.Text, primary_key=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("change_id", sa.Integer, nullable=False),
        sa.Column("decided_by", sa.Text),
        sa.Column("decided_at", sa.String(20)),
        sa.Column("comment", sa.Text),
        sa.PrimaryKeyConstraint("table_name", "row_id", name=op.f("pk_reviews")),
        sa.ForeignKeyConstraint(["change_id"], ["changes.id"], name=op.f("fk_reviews_change_id")),
        sa.CheckConstraint("status IN ('pending', 'approved', 'sent back', 'rejected')",
                           name=op.f("ck_reviews_status")),
    )
    op.create_index("ix_reviews_change_id", "reviews", ["change_id"])
    op.create_index("ix_reviews_status", "reviews", ["status"])
    for ddl in sql_tables.version_triggers(bind.dialect.name, ("reviews",), first=False):
        op.execute(ddl)
    for name in sql_tables.DATA_TABLES:
        for column in sql_tables.reference_columns(name):
            op.create_index(sql_tables.reference_index(name, column), name, [column], if_not_exists=True)
    _kinds(KINDS)


def downgrade() -> None:
    for name in sql_tables.DATA_TABLES:
        for column in sql_tables.reference_columns(name):
            op.drop_index(sql_tables.reference_index(name, column), table_name=name)
    op.drop_table("reviews")  # its triggers go with it
    _kinds(OLD_KINDS)
