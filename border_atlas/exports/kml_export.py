"""The selected records as KML for Google Earth: styled by organisation, dated, in folders.

Layout (OGC KML 2.2, built with fastkml)::

    Document "Border Atlas"        styles; description lists the records that have no position
      Folder <organisation>        one per organisation with a drawn record, sorted by name
        Placemark <place>          one per record, at its place's recorded point
      Folder "Display positions (offset for legibility)"
        Placemark <place>          one per place moved off a shared point, with a leader line

Folders are by organisation rather than by era: Google Earth's time slider already separates
the eras, since every record carries its known period.

Styles. Each organisation gets a Style whose IconStyle and LabelStyle carry its map colour
(KML writes colours as aabbggrr) and a second, half-transparent one used where the position is
approximate (any precision but "point"; the name then starts with "≈", as on the app's map).
No icon file is named, so the file makes Google Earth fetch nothing of ours: Earth draws its
default pushpin and multiplies it by the colour. The label shows the exact colour; the pushpin,
being yellow, shows it only approximately (blue comes out green). Pass ``icon_href`` (for
instance ``WHITE_CIRCLE_ICON``, one of Earth's own shape icons) for pins in the exact colour.

Time. Each record carries a TimeSpan over its known period (border_atlas.dates.known_period:
a missing bound is replaced by the report date). ``begin`` keeps the written precision
(``2018``, ``2018-02`` or ``2018-02-28``, KML's gYear, gYearMonth and date); ``end`` is written
as the period's last day, because KML readers take a partial date as its first instant and
an end of ``2018-02`` would cut off the rest of February (a date is read as that day's first
instant, as everywhere in KML). A record known on one day only gets a TimeStamp. The dates as
reported stay in ExtendedData. A record with a date that cannot be read gets no time element,
never a guessed one.

Positions. A record is drawn only where its place has a finite, in-range coordinate; the
others are listed in the Document's description and counted in its ExtendedData, never given
an invented point. The recorded coordinate is never moved: it is the placemark's Point and is
repeated in ExtendedData (lat, lon, precision, uncertainty_m).

Offset rule. Places whose recorded points coincide (to 5 decimal places, about a metre) would
be drawn on top of each other. In each such group one place stays put: the first whose position
is its own (precision other than "parent"), by name; the others are copied into the display
folder, spread evenly on a circle of ``offset_m`` metres (default 300) round the shared point,
the first due north and then clockwise in order of name (geodesic on WGS84). Each copy says in
its description that it is offset for legibility and by how much, carries a line back to the
true point, and spans in time the known periods of its place's records.

Text. Every value is treated as hostile. Characters that XML 1.0 forbids (NUL and the other C0
controls except tab, newline and carriage return, lone surrogates, U+FFFE, U+FFFF) are replaced
by U+FFFD, so the file always parses. Descriptions are HTML that Google Earth renders: each
value in them is escaped (border_atlas.escaping.esc, which also writes ``$`` as ``&#36;``, so no
value can form one of Earth's ``$[field]`` substitutions), and one containing bidirectional controls
is wrapped in a first-strong isolate (U+2068 … U+2069, its own isolate controls removed) so that
a right-to-left override cannot reorder the text around it. lxml then escapes the HTML as XML
text: the output has no CDATA section. Ids are made from the data's ids, reduced to the
characters an XML ID allows.

>>> from border_atlas import FilterState, load_dataset, select
>>> text = places_kml(select(load_dataset(), FilterState(orgs=("mirim",))))
>>> "<begin>2018-02</begin>" in text and "<end>2018-02-28</end>" in text
True
"""

from __future__ import annotations

import math
import re
from datetime import date

import pandas as pd
from fastkml import Document, Folder, Placemark, kml
from fastkml.data import Data, ExtendedData
from fastkml.enums import DateTimeResolution
from fastkml.features import Snippet
from fastkml.styles import IconStyle, LabelStyle, LineStyle, Style, StyleUrl
from fastkml.times import KmlDateTime, TimeSpan, TimeStamp
from geopy.distance import geodesic
from pygeoif.geometry import GeometryCollection, LineString, Point

from border_atlas.colours import DEFAULT_COLOUR, org_colours
from border_atlas.dates import is_partial_date, known_period, precision
from border_atlas.escaping import esc
from border_atlas.exports.records import flat_records
from border_atlas.selection import Selection
from border_atlas.wording import PRECISION_LABELS

DISPLAY_OFFSET_M = 300.0
DISPLAY_FOLDER = "Display positions (offset for legibility)"
WHITE_CIRCLE_ICON = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"
APPROXIMATE_ALPHA = "80"  # half-transparent icon for positions that are not exact points
LEADER_COLOUR = "ff5a5a5a"
DISPLAY_COLOUR = "ffffffff"
SHARED_POINT_DECIMALS = 5
NUMERIC_FIELDS = {"lat", "lon", "uncertainty_m", "credibility"}

XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
BIDI_ISOLATES = re.compile("[\u2066-\u2069]")
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
RESOLUTIONS = {"year": DateTimeResolution.year, "month": DateTimeResolution.year_month,
               "day": DateTimeResolution.date}
COMPASS = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")


class TintedIconStyle(IconStyle):
    """An IconStyle that is written even without an Icon (fastkml leaves such ones out).

    Without an Icon, Google Earth draws its default pushpin in the style's colour.
    """

    @classmethod
    def get_tag_name(cls) -> str:
        return "IconStyle"

    def __bool__(self) -> bool:
        return True


def xml_text(value) -> str:
    """Text XML 1.0 can carry: forbidden characters become U+FFFD; "" for missing values.

    >>> xml_text("Hye\\x00san\\x1b"), xml_text(None), xml_text(float("nan"))
    ('Hye\\ufffdsan\\ufffd', '', '')
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return XML_FORBIDDEN.sub("\ufffd", str(value))


def html_text(value) -> str:
    """A value for an HTML description: XML-safe, escaped, bidirectional controls isolated.

    >>> html_text("<b>Kangan</b>")
    '&lt;b&gt;Kangan&lt;/b&gt;'
    >>> html_text("abc\\u202edef") == "\\u2068abc\\u202edef\\u2069"
    True
    """
    text = xml_text(value)
    if BIDI_CONTROLS.search(text):
        text = "\u2068" + BIDI_ISOLATES.sub("", text) + "\u2069"
    return esc(text)


def kml_colour(hex_colour: str, *, alpha: str = "ff") -> str:
    """``#rrggbb`` as KML's ``aabbggrr``; an unreadable colour falls back to the default.

    >>> kml_colour("#c62828"), kml_colour("#c62828", alpha="80"), kml_colour("red")
    ('ff2828c6', '802828c6', 'ff7a6e54')
    """
    colour = hex_colour if isinstance(hex_colour, str) and HEX_COLOUR.match(hex_colour) else DEFAULT_COLOUR
    red, green, blue = colour[1:3], colour[3:5], colour[5:7]
    return f"{alpha}{blue}{green}{red}".lower()


def xml_id(prefix: str, raw: str, used: set[str]) -> str:
    """An XML ID (an NCName) made from ``raw``, unique among ``used``, which it joins.

    >>> used = set()
    >>> xml_id("record", "pairing-2018-hyetan", used), xml_id("record", "a b<c", used)
    ('record-pairing-2018-hyetan', 'record-a_b_c')
    >>> xml_id("record", "a b<c", used)
    'record-a_b_c-2'
    """
    base = f"{prefix}-{re.sub(r'[^A-Za-z0-9._-]+', '_', xml_text(raw))}"
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    used.add(candidate)
    return candidate


def position(record: dict) -> tuple[float, float] | None:
    """(lat, lon) of the record's place, or None where there is no usable coordinate."""
    lat, lon = record.get("lat"), record.get("lon")
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def known_span(start, end, reported) -> tuple[str, date, date] | None:
    """The written first bound and the first and last day of a record's known period.

    None where a date given cannot be read: no period is guessed.

    >>> known_span("2018-02", None, "2018-02-28")
    ('2018-02', datetime.date(2018, 2, 1), datetime.date(2018, 2, 28))
    >>> known_span(None, "2018-02", "2018-02-28")[0], known_span("2018-13", None, "2018-02-28")
    ('2018-02', None)
    """
    dates = [start, end, reported]
    if not is_partial_date(reported) or any(d is not None and not is_partial_date(d) for d in dates):
        return None
    first, last = known_period(start, end, reported)
    return start or end or reported, first, last


def time_element(first_text: str, first: date, last: date) -> TimeSpan | TimeStamp:
    """TimeSpan whose begin keeps the written precision and whose end is the last day."""
    if first == last:
        return TimeStamp(timestamp=KmlDateTime(first, DateTimeResolution.date))
    resolution = RESOLUTIONS[precision(first_text)]
    return TimeSpan(begin=KmlDateTime(first, resolution), end=KmlDateTime(last, DateTimeResolution.date))


def display_positions(points: dict[str, tuple[str, str, tuple[float, float]]], *,
                      offset_m: float = DISPLAY_OFFSET_M) -> dict[str, tuple[float, float, float]]:
    """Display (lat, lon, bearing) for each place moved off a point it shares with others.

    ``points`` maps place id to (name, precision, (lat, lon)). See the module's offset rule.

    >>> moved = display_positions({"hyesan": ("Hyesan", "point", (41.4, 128.2)),
    ...                            "kangan": ("Kangan", "parent", (41.4, 128.2)),
    ...                            "samsu": ("Samsu", "centroid", (41.2, 128.0))})
    >>> list(moved), [round(v, 4) for v in moved["kangan"]]
    (['kangan'], [41.4027, 128.2, 0.0])
    """
    groups: dict[tuple[float, float], list[str]] = {}
    for place_id, (_, _, (lat, lon)) in points.items():
        groups.setdefault((round(lat, SHARED_POINT_DECIMALS), round(lon, SHARED_POINT_DECIMALS)), []).append(place_id)
    moved: dict[str, tuple[float, float, float]] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        ordered = sorted(members, key=lambda p: (points[p][1] == "parent", points[p][0], p))
        others = sorted(ordered[1:], key=lambda p: (points[p][0], p))
        for index, place_id in enumerate(others):
            bearing = 360.0 * index / len(others)
            spot = geodesic(meters=offset_m).destination(points[place_id][2], bearing)
            moved[place_id] = (round(spot.latitude, 7), round(spot.longitude, 7), bearing)
    return moved


def _clean(record: dict) -> dict:
    """The record with every text XML-safe and every missing text None."""
    return {key: value if key in NUMERIC_FIELDS else (xml_text(value) or None) for key, value in record.items()}


def _styles(org_ids: list[str], colours: dict[str, str], icon_href: str | None, used: set[str]) -> dict:
    """Style ids by organisation: (exact, approximate); and the Style elements."""
    ids, elements = {}, []
    for org_id in org_ids:
        exact, approximate = xml_id("style", org_id, used), xml_id("style", f"{org_id}-approximate", used)
        colour = colours.get(org_id, DEFAULT_COLOUR)
        for style_id, alpha, scale in ((exact, "ff", 1.0), (approximate, APPROXIMATE_ALPHA, 0.8)):
            elements.append(Style(id=style_id, styles=[
                TintedIconStyle(color=kml_colour(colour, alpha=alpha), scale=scale, icon_href=icon_href),
                LabelStyle(color=kml_colour(colour), scale=scale),
            ]))
        ids[org_id] = (exact, approximate)
    return {"ids": ids, "elements": elements}


def _uncertainty(value) -> str:
    if value is None or not math.isfinite(value):
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _period(record: dict) -> str:
    span = known_span(record["start"], record["end"], record["reported"])
    return f"known from {span[0]} to {span[2].isoformat()}" if span else "dates could not be read"


def _record_description(record: dict, colour: str) -> str:
    partner = f" with {html_text(record['partner'])}" if record["partner"] else ""
    ordered = f"; ordered by {html_text(record['ordered_by'])}" if record["ordered_by"] else ""
    when = _period(record)
    start, end = (html_text(record[bound]) or "not reported" for bound in ("start", "end"))
    reported = f"start {start}, end {end}, report of {html_text(record['reported'])}"
    if not (record["start"] and record["end"]):
        reported += "; a missing bound is taken from the report date"
    label = PRECISION_LABELS.get(record["location_precision"], record["location_precision"])
    uncertainty = _uncertainty(record["uncertainty_m"])
    korean = f" ({html_text(record['place_name_ko'])})" if record["place_name_ko"] else ""
    note = f"<p>{html_text(record['note'])}</p>" if record["note"] else ""
    safe_colour = colour if HEX_COLOUR.match(colour or "") else DEFAULT_COLOUR
    return (
        f'<p><b style="color:{safe_colour}">&#9632;</b> <b>{html_text(record["organisation"])}</b>'
        f" ({html_text(record['role'])}){partner}{ordered}.</p>"
        f"<p>{html_text(record['summary'])}</p>"
        f"<p>{when[:1].upper()}{when[1:]} ({reported}).</p>"
        f"<p>Place: {html_text(record['place_name'])}{korean}; position: {html_text(label)}"
        + (f", uncertain by about {uncertainty} m" if uncertainty else "") + ".</p>"
        f"<p><i>{html_text(record['citation'])}; grade {html_text(record['grade'])}</i></p>{note}"
    )


def _record_data(record: dict, span, offset_m: float | None) -> ExtendedData:
    lat, lon = position(record)
    values = {
        "record_id": record["id"], "org_id": record["org_id"], "organisation": record["organisation"],
        "role": record["role"], "partner": record["partner"], "ordered_by": record["ordered_by"],
        "place_id": record["place_id"], "place_name": record["place_name"], "place_name_ko": record["place_name_ko"],
        "lat": repr(lat), "lon": repr(lon), "precision": record["location_precision"],
        "uncertainty_m": _uncertainty(record["uncertainty_m"]),
        "display_offset_m": "" if offset_m is None else _uncertainty(offset_m),
        "reported_start": record["start"], "reported_end": record["end"], "report_date": record["reported"],
        "known_from": span[1].isoformat() if span else "", "known_to": span[2].isoformat() if span else "",
        "citation": record["citation"], "paragraphs": record["paragraphs"], "grade": record["grade"],
        "note": record["note"],
    }
    return ExtendedData(elements=[Data(name=name, value=xml_text(value)) for name, value in values.items()])


def _display_name(record: dict) -> str:
    name = record["place_name"] or record["place_id"] or "unnamed place"
    return name if record["location_precision"] == "point" else f"≈ {name}"


def _record_placemark(record: dict, context: dict) -> Placemark:
    span = known_span(record["start"], record["end"], record["reported"])
    lat, lon = position(record)
    exact, approximate = context["styles"][record["org_id"]]
    moved = context["moved"].get(record["place_id"])
    return Placemark(
        id=xml_id("record", record["id"], context["used"]),
        name=_display_name(record),
        snippet=Snippet(text=f"{span[0]} to {span[2].isoformat()}" if span else "dates unreadable", max_lines=1),
        description=_record_description(record, context["colours"].get(record["org_id"], DEFAULT_COLOUR)),
        times=time_element(*span) if span else None,
        style_url=StyleUrl(url=f"#{exact if record['location_precision'] == 'point' else approximate}"),
        geometry=Point(lon, lat),
        extended_data=_record_data(record, span, context["offset_m"] if moved else None),
    )


def _display_placemark(place_records: list[dict], spot: tuple[float, float, float], context: dict) -> Placemark:
    first = place_records[0]
    lat, lon = position(first)
    offset_m = context["offset_m"]
    direction = COMPASS[round(spot[2] / 45) % 8]
    spans = [s for s in (known_span(r["start"], r["end"], r["reported"]) for r in place_records) if s]
    items = "".join(f"<li>{html_text(r['organisation'])} ({html_text(r['role'])}), {_period(r)}</li>"
                    for r in place_records)
    description = (
        f"<p><b>Drawn {_uncertainty(offset_m)} m {direction} of its recorded position, for legibility only:"
        f" other places share that point.</b> The recorded position is {lat!r}, {lon!r}"
        f" ({html_text(PRECISION_LABELS.get(first['location_precision'], first['location_precision']))});"
        f" the line leads back to it.</p><ul>{items}</ul>"
    )
    data = {"place_id": first["place_id"], "lat": repr(lat), "lon": repr(lon),
            "precision": first["location_precision"], "uncertainty_m": _uncertainty(first["uncertainty_m"]),
            "display_lat": repr(spot[0]), "display_lon": repr(spot[1]),
            "display_offset_m": _uncertainty(offset_m), "display_bearing_deg": _uncertainty(spot[2]),
            "records": ", ".join(r["id"] for r in place_records)}
    first_span = min(spans, key=lambda s: s[1]) if spans else None
    last_day = max(s[2] for s in spans) if spans else None
    return Placemark(
        id=xml_id("display", first["place_id"], context["used"]),
        name=_display_name(first),
        description=description,
        times=time_element(first_span[0], first_span[1], last_day) if spans else None,
        style_url=StyleUrl(url=f"#{context['display_style']}"),
        geometry=GeometryCollection([Point(spot[1], spot[0]), LineString([(spot[1], spot[0]), (lon, lat)])]),
        extended_data=ExtendedData(elements=[Data(name=k, value=xml_text(v)) for k, v in data.items()]),
    )


def _document_description(drawn: int, unplaced: list[dict], moved: int, offset_m: float) -> str:
    lines = [f"<p>{drawn} records drawn, one placemark each, in a folder per organisation; each carries its"
             " known period for the time slider, its source citation and grade.</p>"]
    if moved:
        lines.append(f"<p>{moved} places share a point with another place: copies of them are drawn"
                     f" {_uncertainty(offset_m)} m away in the folder &quot;{esc(DISPLAY_FOLDER)}&quot;, with a"
                     " line back to the recorded point. The recorded positions are unchanged.</p>")
    if unplaced:
        items = "".join(
            f"<li>{html_text(r['organisation'])} ({html_text(r['role'])}) at"
            f" {html_text(r['place_name'] or r['place_id']) or 'no place named'}: {html_text(r['citation'])};"
            f" grade {html_text(r['grade'])}</li>" for r in unplaced)
        counted = "1 record has" if len(unplaced) == 1 else f"{len(unplaced)} records have"
        lines.append(f"<p>{counted} no known position and are not drawn:</p><ul>{items}</ul>")
    return "".join(lines)


def places_kml(selection: Selection, *, offset_m: float = DISPLAY_OFFSET_M, icon_href: str | None = None) -> str:
    """The selection as a KML document for Google Earth (see the module docstring for the layout).

    ``offset_m``: distance of the display copies from a shared point. ``icon_href``: an icon for
    every pin (white icons take the organisation's colour exactly); None names no icon file.
    """
    records = [_clean(r) for r in flat_records(selection)]
    drawn = [r for r in records if position(r) is not None]
    unplaced = [r for r in records if position(r) is None]
    colours = org_colours(selection.dataset.organisations)
    names = {r["org_id"]: r["organisation"] for r in drawn}
    org_ids = sorted(names, key=lambda o: (names[o], o))
    used: set[str] = {"border-atlas"}
    styles = _styles(org_ids, colours, icon_href, used)
    display_style = xml_id("style", "display-position", used)
    points = {r["place_id"]: (r["place_name"] or "", r["location_precision"], position(r)) for r in drawn}
    moved = display_positions(points, offset_m=offset_m)
    context = {"styles": styles["ids"], "colours": colours, "moved": moved, "offset_m": offset_m,
               "used": used, "display_style": display_style}
    folders = [
        Folder(name=xml_text(names[org_id]) or org_id,
               features=[_record_placemark(r, context) for r in drawn if r["org_id"] == org_id])
        for org_id in org_ids
    ]
    if moved:
        copies = [_display_placemark([r for r in drawn if r["place_id"] == place_id], spot, context)
                  for place_id, spot in sorted(moved.items(), key=lambda item: (points[item[0]][0], item[0]))]
        folders.append(Folder(name=DISPLAY_FOLDER, features=copies))
    display = Style(id=display_style, styles=[
        TintedIconStyle(color=DISPLAY_COLOUR, scale=0.9, icon_href=icon_href),
        LabelStyle(color=DISPLAY_COLOUR, scale=0.9), LineStyle(color=LEADER_COLOUR, width=1.5)])
    summary = ExtendedData(elements=[
        Data(name="records", value=str(len(records))), Data(name="records_drawn", value=str(len(drawn))),
        Data(name="records_without_position", value=str(len(unplaced))),
        Data(name="record_ids_without_position", value=xml_text(", ".join(r["id"] for r in unplaced)))])
    document = Document(id="border-atlas", name="Border Atlas", isopen=True,
                        description=_document_description(len(drawn), unplaced, len(moved), offset_m),
                        styles=[*styles["elements"], display], features=folders, extended_data=summary)
    return kml.KML(features=[document]).to_string(prettyprint=True)
