"""Whether two KML files hold the same content: the same parse events, whitespace between elements aside.

Run by hand (never in the test suite), on the files two versions of the code wrote, for instance
``measure_exports.py --save DIR`` before and after a change to the KML writer:

    python bench/same_kml.py /tmp/before/records.kml /tmp/after/records.kml

Both files are parsed as a stream (lxml's ``iterparse``) and compared event by event: each
element's start with its (namespaced) tag and attributes, its text, the text after each of its
children, and its end. The text of an element that holds other elements and the text after an
element are compared only where they are more than whitespace (indentation); a leaf's text is
compared exactly. Prints the number of events, or the first that differs, and exits 1 then.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from itertools import zip_longest
from pathlib import Path

from lxml import etree


def _significant(text: str | None) -> str | None:
    """Text between elements: None where it is only whitespace."""
    return text if text and text.strip() else None


def parse_events(path: Path) -> Iterator[tuple]:
    """The file's parse events, in document order but for the texts after children, given at their parent's end."""
    for event, element in etree.iterparse(str(path), events=("start", "end"), resolve_entities=False, huge_tree=True):
        if event == "start":
            yield "start", element.tag, tuple(sorted(element.attrib.items()))
            continue
        children = list(element)
        yield "text", element.text if not children else _significant(element.text)
        yield "tails", tuple(_significant(child.tail) for child in children)
        yield "end", element.tag
        del element[:]  # its children are compared: free them (the element keeps its own tail)


def first_difference(before: Path, after: Path) -> tuple[int, tuple | None, tuple | None]:
    """The number of events compared, and the first pair that differs (None, None where none does)."""
    count = 0
    for count, (old, new) in enumerate(zip_longest(parse_events(before), parse_events(after)), start=1):
        if old != new:
            return count, old, new
    return count, None, None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    args = parser.parse_args()
    count, old, new = first_difference(args.before, args.after)
    if old is None and new is None:
        print(f"same content: {count:,} parse events")
        return
    print(f"event {count:,} differs:\n  before: {old!r}\n  after:  {new!r}")
    sys.exit(1)


if __name__ == "__main__":
    main()
