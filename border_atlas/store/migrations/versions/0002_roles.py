"""The team's roles: one row per user name, with who granted the role and when.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "user_roles",
        sa.Column("user_name", sa.Text, primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("granted_by", sa.Text, nullable=False),
        sa.Column("granted_at", sa.String(20), nullable=False),
        sa.CheckConstraint("role IN ('reader', 'analyst', 'reviewer', 'admin')", name="ck_user_roles_role"),
        sa.CheckConstraint("user_name <> ''", name="ck_user_roles_user_name"),
    )


def downgrade() -> None:
    op.drop_table("user_roles")
