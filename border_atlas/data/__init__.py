"""The dataset between its CSV folder and the database, from a shell: ``python -m border_atlas.data``.

``import FOLDER`` validates the folder (problems by file, row and field; bad rows are left out)
and adds its rows to the database, changing those it changed; ``export FOLDER`` writes the
database as a CSV folder in the bundled layout (``<table>.csv``, ``reports/<id>.txt``) for
publishing. ``--database URL`` names the database; else ``BORDER_ATLAS_DATABASE``, else the
app's SQLite database for ``BORDER_ATLAS_DATA`` (the bundled ``data/`` by default).
"""
