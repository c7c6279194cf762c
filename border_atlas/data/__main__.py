"""``python -m border_atlas.data import|export [--database URL] FOLDER``, and the team's roles:
``python -m border_atlas.data roles set USER ROLE`` (e.g. the first admin) and ``roles list``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from border_atlas.loading.dataset import DATA_DIR
from border_atlas.store import DataStore, StoreError
from border_atlas.store import roles as store_roles
from border_atlas.store.engine import chosen_url, shown_url
from border_atlas.team.identity import current_user
from border_atlas.team.roles import ROLES
from border_atlas.text.wording import count_label

DATA_ENV = "BORDER_ATLAS_DATA"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m border_atlas.data",
                                     description="Import a CSV folder into the atlas's database, or export it; "
                                                 "list or set the team's roles.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--database", help="a SQLAlchemy URL (default: BORDER_ATLAS_DATABASE, else the app's "
                                           "SQLite database for BORDER_ATLAS_DATA)")
    actions = parser.add_subparsers(dest="action", required=True)
    for action in ("import", "export"):
        actions.add_parser(action, parents=[common], help=f"{action} a CSV folder").add_argument("folder", type=Path)
    roles = actions.add_parser("roles", help="list the roles, or give a user a role")
    what = roles.add_subparsers(dest="roles_action", required=True)
    what.add_parser("list", parents=[common])
    setting = what.add_parser("set", parents=[common])
    setting.add_argument("user")
    setting.add_argument("role", choices=ROLES)
    return parser


def _roles(store: DataStore, args: argparse.Namespace) -> None:
    if args.roles_action == "set":
        grant = store_roles.set_role(store, args.user, args.role, granted_by=current_user())
        print(f"{grant.user} is now {grant.role} (granted by {grant.granted_by} at {grant.granted_at}).")
        return
    for grant in store_roles.grants(store):
        print(f"{grant.user}\t{grant.role}\t(granted by {grant.granted_by} at {grant.granted_at})")


def _run(store: DataStore, args: argparse.Namespace, url: str) -> None:
    if args.action == "roles":
        _roles(store, args)
    elif args.action == "import":
        result = store.import_folder(args.folder)
        print(result.describe())
        for problem in result.problems:
            print(f"  {problem}")
    else:
        result = store.export_folder(args.folder)
        print(f"Exported {shown_url(url)} (version {result.version}) to {args.folder}: "
              f"{count_label(len(result.written), 'file')} written" +
              (f", removed {', '.join(result.removed)}" if result.removed else "") + ".")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    url = args.database or chosen_url(os.environ.get(DATA_ENV) or DATA_DIR)
    try:
        store = DataStore(url)
        try:
            _run(store, args, url)
        finally:
            store.close()
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
