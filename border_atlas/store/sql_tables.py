"""The database's tables, built from :mod:`border_atlas.loading.schema` so the two never disagree.

Each dataset table keeps its cells as the text the CSV holds (empty is NULL) plus ``row_order``,
the row's place in the published CSV, so that an export gives the same bytes back. What SQL can
say of the loader's rules is said again here, so a script writing directly cannot break them:
the id is the primary key and has the id form, required values are NOT NULL, a reference names an
existing row (checked at commit, so a save may add a parent after its child), and a value from a
fixed list is one of that list. Rules SQL cannot say (dates, numbers, cycles, cited paragraphs)
stay with the loader, which checks every table read from the database.

Every change to these tables, from the app or from anyone else, adds one to
``store_state.version`` in the same transaction (triggers): the app knows that the data changed,
and the cache of validated tables keys on it.
"""

from __future__ import annotations

import sqlalchemy as sa

from border_atlas.loading import schema

ID_REGEX = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# (table, column) -> the values allowed: the text-valued enumerations of the schema.
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("sources", "kind"): schema.SOURCE_KINDS,
    ("places", "kind"): schema.PLACE_KINDS,
    ("places", "precision"): schema.PRECISIONS,
    ("organisations", "type"): schema.ORG_TYPES,
    ("organisations", "sanctions_status"): schema.SANCTIONS,
    ("assignments", "role"): schema.ROLES,
    ("assignments", "reliability"): schema.RELIABILITY,
}
DATA_TABLES = schema.LOAD_ORDER
REPORTS = "reports"
REVIEWS = "reviews"
VERSIONED = (*DATA_TABLES, REPORTS)  # the tables whose changes bump the version (and, from the third revision, reviews)
CHANGE_KINDS = ("save", "undo", "import", "approve", "send back", "reject")
REVIEW_STATUSES = ("pending", "approved", "sent back", "rejected")

metadata = sa.MetaData(naming_convention={
    "pk": "pk_%(table_name)s", "fk": "fk_%(table_name)s_%(column_0_name)s", "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s", "ix": "ix_%(table_name)s_%(column_0_name)s"})


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _id_checks(column: str) -> list[sa.CheckConstraint]:
    """The id form, in each dialect's words (SQLite has GLOB, PostgreSQL regular expressions)."""
    sqlite = (f"{column} <> '' AND {column} NOT GLOB '*[^a-z0-9-]*' AND {column} NOT GLOB '-*' "
              f"AND {column} NOT GLOB '*-' AND {column} NOT GLOB '*--*'")
    return [sa.CheckConstraint(sqlite, name=f"{column}_form_sqlite").ddl_if(dialect="sqlite"),
            sa.CheckConstraint(f"{column} ~ '{ID_REGEX}'", name=f"{column}_form").ddl_if(dialect="postgresql")]


def reference_columns(name: str) -> dict[str, str]:
    """The columns of table ``name`` that name another row's id, each with the table it names."""
    return {column: target for (table, column), target in schema.REFERENCES.items() if table == name}


def reference_index(name: str, column: str) -> str:
    return f"ix_{name}_{column}"


def _data_table(name: str) -> sa.Table:
    columns = [sa.Column("row_order", sa.BigInteger, nullable=False, unique=True)]
    extras: list[sa.SchemaItem] = []
    for field in schema.TABLES[name]:
        columns.append(sa.Column(field.name, sa.Text, primary_key=field.name == "id",
                                 nullable=not field.required))
        allowed = CHOICES.get((name, field.name))
        if allowed:
            listed = ", ".join(_sql_text(v) for v in allowed)
            extras.append(sa.CheckConstraint(f'"{field.name}" IN ({listed})', name=f"{field.name}_choice"))
    extras += _id_checks("id")
    for column, target in reference_columns(name).items():
        extras.append(sa.ForeignKeyConstraint([column], [f"{target}.id"], deferrable=True, initially="DEFERRED"))
        # Undo and reject look for the rows that name a row: without an index that reads the whole table.
        extras.append(sa.Index(reference_index(name, column), column))
    return sa.Table(name, metadata, *columns, *extras)


data_tables: dict[str, sa.Table] = {name: _data_table(name) for name in DATA_TABLES}

reports = sa.Table(
    REPORTS, metadata,
    sa.Column("source_id", sa.Text, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.ForeignKeyConstraint(["source_id"], ["sources.id"], deferrable=True, initially="DEFERRED"),
)

state = sa.Table(
    "store_state", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("version", sa.BigInteger, nullable=False),
    sa.Column("database_id", sa.String(36), nullable=False),
    sa.CheckConstraint("id = 1", name="single_row"),
)

meta = sa.Table(
    "store_meta", metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

import_problems = sa.Table(
    "import_problems", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("file", sa.Text, nullable=False),
    sa.Column("row", sa.Integer),
    sa.Column("field", sa.Text),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("severity", sa.String(10), nullable=False),
)

changes = sa.Table(
    "changes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("version", sa.BigInteger, nullable=False),  # the data's version once this change was made
    sa.Column("time", sa.String(20), nullable=False),  # UTC, ISO 8601 to the second
    sa.Column("user_name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("source_id", sa.Text),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("undoes", sa.Integer, sa.ForeignKey("changes.id")),
    sa.CheckConstraint(f"kind IN ({', '.join(_sql_text(k) for k in CHANGE_KINDS)})", name="kind"),
)

changed_rows = sa.Table(
    "changed_rows", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("change_id", sa.Integer, sa.ForeignKey("changes.id"), nullable=False, index=True),
    sa.Column("table_name", sa.String(40), nullable=False),
    sa.Column("row_id", sa.Text, nullable=False),
    sa.Column("before", sa.Text),  # the row as JSON (column -> text), None where it did not exist
    sa.Column("after", sa.Text),
    sa.Index("ix_changed_rows_row", "table_name", "row_id"),
)


# The team's roles (from the second revision): one per user name, with who granted it and when.
user_roles = sa.Table(
    "user_roles", metadata,
    sa.Column("user_name", sa.Text, primary_key=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("granted_by", sa.Text, nullable=False),
    sa.Column("granted_at", sa.String(20), nullable=False),  # UTC, ISO 8601 to the second
    sa.CheckConstraint("role IN ('reader', 'analyst', 'reviewer', 'admin')", name="role"),
    sa.CheckConstraint("user_name <> ''", name="user_name"),
)

# The review of each row an app save added (from the third revision): pending until a user other than its
# author approves it, sends it back (with a comment) or rejects it. Imported rows have none: they count as
# reviewed. A row added again after a rejection or an undo gets a new review (the old one is replaced).
reviews = sa.Table(
    REVIEWS, metadata,
    sa.Column("table_name", sa.String(40), primary_key=True),
    sa.Column("row_id", sa.Text, primary_key=True),
    sa.Column("status", sa.String(10), nullable=False),
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("change_id", sa.Integer, sa.ForeignKey("changes.id"), nullable=False, index=True),  # the save
    sa.Column("decided_by", sa.Text),
    sa.Column("decided_at", sa.String(20)),  # UTC, ISO 8601 to the second
    sa.Column("comment", sa.Text),
    sa.Index("ix_reviews_status", "status"),
    sa.CheckConstraint(f"status IN ({', '.join(_sql_text(s) for s in REVIEW_STATUSES)})", name="status"),
)
LATER_TABLES = ("user_roles", REVIEWS)  # created by revisions after the first, not by it

def table(name: str) -> sa.Table:
    """A dataset table, or the archived reports."""
    return reports if name == REPORTS else data_tables[name]


def text_columns(name: str) -> list[str]:
    """The CSV's columns of a dataset table, in the schema's (and the bundled files') order."""
    return [field.name for field in schema.TABLES[name]]


def version_triggers(dialect: str, tables: tuple[str, ...] = VERSIONED, *, first: bool = True) -> list[str]:
    """DDL that makes every change to ``tables`` add one to ``store_state.version`` (``first``: with the
    PostgreSQL function the triggers call, which a later revision finds there)."""
    bump = "UPDATE store_state SET version = version + 1"
    if dialect == "sqlite":
        return [f"CREATE TRIGGER atlas_version_{name}_{op.lower()} AFTER {op} ON {name} BEGIN {bump}; END"
                for name in tables for op in ("INSERT", "UPDATE", "DELETE")]
    function = ("CREATE FUNCTION atlas_bump_version() RETURNS trigger LANGUAGE plpgsql AS "
                f"$$ BEGIN {bump}; RETURN NULL; END $$")
    return [function] * first + [
        f"CREATE TRIGGER atlas_version_{name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {name} "
        "FOR EACH STATEMENT EXECUTE FUNCTION atlas_bump_version()" for name in tables]
