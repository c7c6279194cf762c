"""Where the tables come from: a reader hands validation one raw table at a time.

A reader never raises for bad content: what it cannot read becomes a :class:`Problem` named
by the origin's own file, row and field, and the rows it could read are returned.
:class:`CsvFolder` (the bundled ``data/`` folder, or an analyst's copy) is the default;
:class:`FrameReader` serves tables already in memory (an upload, a spreadsheet, a test);
:class:`CsvContents` parses CSV files read all at one moment; :class:`SqlTables` reads the database's
tables in one transaction (what the app shows, and what a draft is checked against).
"""

from border_atlas.readers.base import RawTable, TableReader
from border_atlas.readers.csv_contents import CsvContents
from border_atlas.readers.csv_folder import CsvFolder, parse_csv
from border_atlas.readers.frames import FrameReader
from border_atlas.readers.sql_tables import SqlTables

__all__ = ["CsvContents", "CsvFolder", "FrameReader", "RawTable", "SqlTables", "TableReader", "parse_csv"]
