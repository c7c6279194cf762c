"""The add-report page's widgets: bring a report or a file, see what was recognised, edit, check, save, undo.

Every decision is made in :mod:`border_atlas.drafting` and :mod:`border_atlas.ingest`; these
modules only draw widgets and keep the page's state between runs.
"""
