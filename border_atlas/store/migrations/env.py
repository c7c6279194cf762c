"""Alembic's entry point: runs on the connection :func:`border_atlas.store.migrations.upgrade` hands it."""

from alembic import context

from border_atlas.store.sql_tables import metadata


def run() -> None:
    context.configure(connection=context.config.attributes["connection"], target_metadata=metadata)
    with context.begin_transaction():
        context.run_migrations()


if hasattr(context, "config"):  # imported by Alembic, not by a test collecting doctests
    run()
