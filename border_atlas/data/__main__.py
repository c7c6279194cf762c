"""``python -m border_atlas.data import|export [--database URL] FOLDER``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from border_atlas.dataset import DATA_DIR
from border_atlas.store import DataStore, StoreError
from border_atlas.store.engine import chosen_url, shown_url

DATA_ENV = "BORDER_ATLAS_DATA"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m border_atlas.data",
                                     description="Import a CSV folder into the atlas's database, or export it.")
    parser.add_argument("action", choices=("import", "export"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--database", help="a SQLAlchemy URL (default: BORDER_ATLAS_DATABASE, else the app's "
                                           "SQLite database for BORDER_ATLAS_DATA)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    url = args.database or chosen_url(os.environ.get(DATA_ENV) or DATA_DIR)
    try:
        store = DataStore(url)
        try:
            if args.action == "import":
                result = store.import_folder(args.folder)
                print(result.describe())
                for problem in result.problems:
                    print(f"  {problem}")
            else:
                result = store.export_folder(args.folder)
                print(f"Exported {shown_url(url)} (version {result.version}) to {args.folder}: "
                      f"{len(result.written)} files written" +
                      (f", removed {', '.join(result.removed)}" if result.removed else "") + ".")
        finally:
            store.close()
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
