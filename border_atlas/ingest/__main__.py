"""Read a report file and print its paragraphs and what each names.

    python -m border_atlas.ingest REPORT_FILE --json [--date YYYY-MM-DD] [--data DIR]

For each paragraph: the places the offline gazetteer knows (a row of the places table or a
GeoNames place, the name as matched, score, coordinate, precision; candidates where a name is
shared), new place names, organisations, dates (value, precision, how derived) and amounts.
Exit status 0 on success, 2 when the file cannot be read (the reason goes to standard error).
Nothing is fetched: only the file, the data folder and the bundled GeoNames reference are read.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from border_atlas.ingest.documents import MAX_BYTES, read_report
from border_atlas.ingest.errors import IngestError
from border_atlas.ingest.highlight import describe_date
from border_atlas.ingest.organisations import OrganisationIndex, load_aliases
from border_atlas.ingest.places import gazetteer_place_finder
from border_atlas.ingest.recognise import PlaceFinder, Recognition, recognise
from border_atlas.loading.dataset import load_dataset
from border_atlas.loading.dates import is_partial_date
from border_atlas.places.gazetteer import Gazetteer
from border_atlas.readers import CsvFolder

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "data"


def main(argv: list[str] | None = None, *, place_finder: PlaceFinder | None = None) -> int:
    """Run the command; ``place_finder`` finds places in a paragraph (default: the offline gazetteer over
    the data folder's places table and the GeoNames reference)."""
    args = _parser().parse_args(argv)
    if args.date and not is_partial_date(args.date):
        print(f"--date {args.date!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD", file=sys.stderr)
        return 2
    path = Path(args.report)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise IngestError(f"{path.name} is {size / 1048576:.1f} MB; the limit is {MAX_BYTES / 1048576:.1f} MB.")
        report = read_report(path.read_bytes(), filename=path.name)
    except OSError as exc:
        print(f"{path.name} cannot be opened: {exc.strerror}", file=sys.stderr)
        return 2
    except IngestError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    index = OrganisationIndex.from_rows(_rows(args.data / "organisations.csv"),
                                        load_aliases(args.data / "reference" / "organisation_aliases.csv"))
    if place_finder is None:
        place_finder = gazetteer_place_finder(Gazetteer(load_dataset(CsvFolder(args.data)).places))
    found = recognise(report, organisations=index, events=_rows(args.data / "events.csv"),
                      place_finder=place_finder, report_date=args.date)
    print(json.dumps(found.to_dict(), ensure_ascii=False, indent=2) if args.json else summary(found))
    return 0


def summary(found: Recognition) -> str:
    """A short plain-text account, one block per paragraph that names something."""
    lines = [found.report.title, f"report date: {found.report_date or 'unknown'}"]
    for p in found.paragraphs:
        named = [*(f"place {_text(m)}" for m in p.places),
                 *(f"new place? {n.name}" for n in p.new_places),
                 *(f"new organisation? {m.text}" if m.is_new else f"{m.text} [{m.org_id}]" for m in p.organisations),
                 *(f"date {d.text} = {describe_date(d)}" for d in p.dates),
                 *(f"amount {a.text} = {a.minimum}-{a.maximum} {a.currency}" for a in p.amounts)]
        if named:
            lines.append(f"[{p.number}] " + "; ".join(named))
    return "\n".join(lines)


def _text(mention) -> str:
    text = str(mention.get("text") if isinstance(mention, dict) else getattr(mention, "text", ""))
    label = getattr(mention, "label", None)
    return f"{text} = {label}" if isinstance(label, str) else text


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m border_atlas.ingest", description=__doc__.splitlines()[0])
    parser.add_argument("report", metavar="REPORT_FILE", help=".txt, .html, .htm, .pdf or .docx report")
    parser.add_argument("--json", action="store_true", help="print everything recognised as JSON")
    parser.add_argument("--date", help="the report's date (YYYY-MM-DD), for relative dates")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the data folder (organisations, events)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
