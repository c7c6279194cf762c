"""The selected records as KML for Google Earth: styled by organisation, dated, in folders.

Layout (OGC KML 2.2)::

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

Time. Each record carries a TimeSpan over its known period (border_atlas.loading.dates.known_period:
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
value in them is escaped (border_atlas.text.escaping.esc, which also writes ``$`` as ``&#36;``, so no
value can form one of Earth's ``$[field]`` substitutions), and one containing bidirectional controls
is wrapped in a first-strong isolate (U+2068 … U+2069, its own isolate controls removed) so that
a right-to-left override cannot reorder the text around it. The HTML is then escaped as XML
text (``&``, ``<``, ``>``; a carriage return as ``&#13;`` so that it survives parsing): the
output has no CDATA section and no DOCTYPE. Ids are made from the data's ids, reduced to the
characters an XML ID allows; every attribute is quoted and escaped.

Writing. The file is written as UTF-8 text (border_atlas.exports.xml_text) rather than through
an object tree, which for 100,000 records would hold some 2.5 million objects, or through lxml's
incremental writer, which took 1.6 times as long, over the 5 s target (bench/README.md). The records'
placemarks are filled in from one template a column at a time, a few thousand records per batch;
each piece that depends on one thing a record names (its organisation, place, dates or source)
is escaped and worded once per document, since records repeat them. Elements with no value are
left out, as KML readers expect of optional elements. Python's cyclic garbage collector is
paused while a file is made (:func:`collector_paused`).

>>> from border_atlas import FilterState, load_dataset, select
>>> text = places_kml(select(load_dataset(), FilterState(orgs=("mss",), exact_orgs=True)))
>>> "<begin>2017-01</begin>" in text and "<end>2017-01-31</end>" in text
True
"""

from __future__ import annotations

import functools
import gc
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from itertools import compress
from operator import itemgetter

import numpy as np
from geopy.distance import geodesic

from border_atlas.exports.records import flat_columns
from border_atlas.exports.xml_text import (
    XML_FORBIDDEN,
    Memo,
    escape_attribute,
    escape_text,
    extended_data,
    fill,
    html_text,
    html_xml,
    leaf,
    xml_escape,
    xml_text,
)
from border_atlas.filters.selection import Selection
from border_atlas.loading.dataset import REVIEWED
from border_atlas.loading.dates import is_partial_date, known_period, precision
from border_atlas.text.escaping import esc
from border_atlas.text.wording import PRECISION_LABELS, count_label
from border_atlas.views.colours import DEFAULT_COLOUR, org_colours

KML_NAMESPACE = "http://www.opengis.net/kml/2.2"
DISPLAY_OFFSET_M = 300.0
DISPLAY_FOLDER = "Display positions (offset for legibility)"
WHITE_CIRCLE_ICON = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"
APPROXIMATE_ALPHA = "80"  # half-transparent icon for positions that are not exact points
LEADER_COLOUR = "ff5a5a5a"
DISPLAY_COLOUR = "ffffffff"
SHARED_POINT_DECIMALS = 5
NOT_TEXT_FIELDS = {"lat", "lon", "uncertainty_m", "credibility", "about_containing_area"}
BATCH = 5_000  # records filled in at a time: bounds the memory their pieces take

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
ID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
DATE_LENGTHS = {"year": 4, "month": 7, "day": 10}  # KML's gYear, gYearMonth and date
COMPASS = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")
# Indentation by depth: Document's children, a Folder's, a Placemark's, an ExtendedData's.
IN_DOCUMENT, IN_FOLDER, IN_PLACEMARK, IN_DATA = " " * 4, " " * 6, " " * 8, " " * 10

# A record's description: HTML, escaped as XML text once; its fields are filled in with html_xml values.
RECORD_HTML = escape_text(
    '<p><b style="color:{colour}">&#9632;</b> <b>{org_html}</b> ({role_html}){partner_html}{ordered_html}.</p>'
    "<p>{summary_html}</p><p>{when_html} ({reported_html}).</p>"
    "<p>Place: {place_html}{korean_html}; position: {label_html}{uncertainty_html}.</p>"
    "<p><i>{citation_html}; grade {grade_html}</i></p>{note_html}"
)
NOTE_HTML = escape_text("<p>{}</p>")
# A record's ExtendedData: a Data per value, in this order; one with no value is left out. A drawn
# record has lat and lon, so the element is never empty. Each field of RECORD_PLACEMARK below holds
# the lines of the Data named beside it, made together because they depend on one thing.
RECORD_DATA = {
    "record_id": ("record_id",), "organisation_data": ("org_id", "organisation"), "role_data": ("role",),
    "partner_data": ("partner",), "ordered_by_data": ("ordered_by",),
    "place_data": ("place_id", "place_name", "place_name_ko", "lat", "lon", "precision", "uncertainty_m"),
    "display_offset_m": ("display_offset_m",),
    "dates_data": ("reported_start", "reported_end", "report_date", "known_from", "known_to"),
    "source_data": ("citation", "paragraphs", "grade", "review"), "note_data": ("note",),
}
# A record's placemark; every field is escaped before it is filled in.
RECORD_PLACEMARK = (
    '      <Placemark id="{id}">\n'
    "        <name>{name}</name>\n"
    '        <Snippet maxLines="1">{snippet}</Snippet>\n'
    f"        <description>{RECORD_HTML}</description>\n"
    "{time}"
    "        <styleUrl>{style}</styleUrl>\n"
    "        <ExtendedData>\n" + "".join(f"{{{field}}}" for field in RECORD_DATA) + "        </ExtendedData>\n"
    "        <Point><coordinates>{coordinates}</coordinates></Point>\n"
    "      </Placemark>\n"
)


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
    base = f"{prefix}-{ID_UNSAFE.sub('_', xml_text(raw))}"
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    used.add(candidate)
    return candidate


def xml_ids(prefix: str, raws: list, used: set[str]) -> list[str]:
    """:func:`xml_id` of each of ``raws``, in order; where none needs changing, checked in one pass.

    >>> used = {"record-b"}
    >>> xml_ids("record", ["a", "b"], used), xml_ids("record", ["c d"], used)
    (['record-a', 'record-b-2'], ['record-c_d'])
    """
    if not all(type(raw) is str for raw in raws) or ID_UNSAFE.search("".join(raws)):  # rare
        return [xml_id(prefix, raw, used) for raw in raws]
    ids = [f"{prefix}-{raw}" for raw in raws]
    if used.isdisjoint(ids) and len(set(ids)) == len(ids):
        used.update(ids)
        return ids
    return [xml_id(prefix, raw, used) for raw in raws]


def usable_points(lats: list, lons: list) -> list[bool]:
    """Whether each (lat, lon) can be drawn: both given, finite and in range.

    >>> usable_points([41.4, None, float("inf"), 95.0, -0.0], [128.2, 128.2, 128.2, 128.2, -180.0])
    [True, False, False, False, True]
    """
    lats, lons = (np.array(values, dtype="float64") for values in (lats, lons))  # None -> NaN
    with np.errstate(invalid="ignore"):
        return (np.isfinite(lats) & np.isfinite(lons) & (np.abs(lats) <= 90) & (np.abs(lons) <= 180)).tolist()


# A document repeats the same few thousand dates: each is checked once (the cache is bounded).
_readable_date = functools.lru_cache(maxsize=1 << 16)(is_partial_date)


def known_span(start, end, reported) -> tuple[str, date, date] | None:
    """The written first bound and the first and last day of a record's known period.

    None where a date given cannot be read: no period is guessed.

    >>> known_span("2018-02", None, "2018-02-28")
    ('2018-02', datetime.date(2018, 2, 1), datetime.date(2018, 2, 28))
    >>> known_span(None, "2018-02", "2018-02-28")[0], known_span("2018-13", None, "2018-02-28")
    ('2018-02', None)
    """
    dates = [start, end, reported]
    if not _readable_date(reported) or any(d is not None and not _readable_date(d) for d in dates):
        return None
    first, last = known_period(start, end, reported)
    return start or end or reported, first, last


def kml_date(day: date, resolution: str) -> str:
    """A day written to ``resolution`` ("year", "month" or "day"), as KML's gYear, gYearMonth or date.

    >>> kml_date(date(2018, 2, 1), "year"), kml_date(date(2018, 2, 1), "month"), kml_date(date(2018, 2, 1), "day")
    ('2018', '2018-02', '2018-02-01')
    """
    return day.isoformat()[:DATE_LENGTHS[resolution]]


def time_element(first_text: str, first: date, last: date, *, indent: str = IN_PLACEMARK) -> str:
    """TimeSpan whose begin keeps the written precision and whose end is the last day; TimeStamp for one day.

    >>> time_element("2018-02", date(2018, 2, 1), date(2018, 2, 28), indent="")
    '<TimeSpan><begin>2018-02</begin><end>2018-02-28</end></TimeSpan>\\n'
    >>> time_element("2018-02-28", date(2018, 2, 28), date(2018, 2, 28), indent="")
    '<TimeStamp><when>2018-02-28</when></TimeStamp>\\n'
    """
    if first == last:
        return f"{indent}<TimeStamp><when>{first.isoformat()}</when></TimeStamp>\n"
    begin = kml_date(first, precision(first_text))
    return f"{indent}<TimeSpan><begin>{begin}</begin><end>{last.isoformat()}</end></TimeSpan>\n"


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


def _style(style_id: str, colours: tuple[str, str], scale: float, icon_href: str | None, line: str = "") -> str:
    """A Style: IconStyle (no Icon unless ``icon_href``: Earth's own pushpin, tinted) and LabelStyle."""
    icon_colour, label_colour = colours
    icon = "" if icon_href is None else (f"{IN_DOCUMENT}    <Icon>\n{leaf('href', icon_href, IN_DOCUMENT + '      ')}"
                                         f"{IN_DOCUMENT}    </Icon>\n")
    return (f'{IN_DOCUMENT}<Style id="{escape_attribute(style_id)}">\n'
            f"{IN_DOCUMENT}  <IconStyle>\n{IN_DOCUMENT}    <color>{icon_colour}</color>\n"
            f"{IN_DOCUMENT}    <scale>{scale}</scale>\n{icon}{IN_DOCUMENT}  </IconStyle>\n"
            f"{IN_DOCUMENT}  <LabelStyle>\n{IN_DOCUMENT}    <color>{label_colour}</color>\n"
            f"{IN_DOCUMENT}    <scale>{scale}</scale>\n{IN_DOCUMENT}  </LabelStyle>\n{line}"
            f"{IN_DOCUMENT}</Style>\n")


def _styles(org_ids: list[str], colours: dict[str, str], icon_href: str | None, used: set[str]) -> dict:
    """Style ids by organisation: (exact, approximate); and the Style elements."""
    ids, elements = {}, []
    for org_id in org_ids:
        exact, approximate = xml_id("style", org_id, used), xml_id("style", f"{org_id}-approximate", used)
        colour = colours.get(org_id, DEFAULT_COLOUR)
        for style_id, alpha, scale in ((exact, "ff", 1.0), (approximate, APPROXIMATE_ALPHA, 0.8)):
            elements.append(_style(style_id, (kml_colour(colour, alpha=alpha), kml_colour(colour)), scale, icon_href))
        ids[org_id] = (exact, approximate)
    return {"ids": ids, "elements": elements}


def _display_style(style_id: str, icon_href: str | None) -> str:
    line = (f"{IN_DOCUMENT}  <LineStyle>\n{IN_DOCUMENT}    <color>{LEADER_COLOUR}</color>\n"
            f"{IN_DOCUMENT}    <width>1.5</width>\n{IN_DOCUMENT}  </LineStyle>\n")
    return _style(style_id, (DISPLAY_COLOUR, DISPLAY_COLOUR), 0.9, icon_href, line)


def _uncertainty(value) -> str:
    if value is None or not math.isfinite(value):
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _period(span) -> str:
    return f"known from {span[0]} to {span[2].isoformat()}" if span else "dates could not be read"


def _capitalised(text: str) -> str:
    """"known from 2018" -> "Known from 2018"."""
    return text[:1].upper() + text[1:]


def _css_colour(colour) -> str:
    """The colour if it is ``#rrggbb``, else the default: only such a value goes into a style attribute."""
    return colour if isinstance(colour, str) and HEX_COLOUR.match(colour) else DEFAULT_COLOUR


def _display_name(name: str | None, place_id: str | None, location_precision: str | None) -> str:
    name = name or place_id or "unnamed place"
    return name if location_precision == "point" else f"≈ {name}"


DATA_OPENINGS = {name: f'{IN_DATA}<Data name="{escape_attribute(name)}"><value>'
                 for names in RECORD_DATA.values() for name in names}


def data_line(name: str, value) -> str:
    """A record's Data element, on a line of its own in its ExtendedData; "" for an empty value.

    >>> data_line("note", "a < b"), data_line("note", None)
    ('          <Data name="note"><value>a &lt; b</value></Data>\\n', '')
    """
    text = xml_escape(value)
    return f"{DATA_OPENINGS[name]}{text}</value></Data>\n" if text else ""


def _utf8(method):
    """``method`` giving each of its pieces as UTF-8."""
    return lambda key: tuple(map(str.encode, method(key)))


class RecordTexts:
    """The pieces of the records' placemarks, each distinct one made once per document.

    Each method gives the fields of :data:`RECORD_PLACEMARK` that depend on one thing a record
    names (its organisation, place, dates, source ...), named in :data:`FIELDS`; :meth:`fields`
    gives them a column at a time, as UTF-8 ready to be joined. The pieces are escaped as XML
    text, and HTML ones as HTML first (:func:`html_xml`).
    """

    FIELDS = {
        "organisation": ("colour", "org_html", "organisation_data"),
        "place": ("name", "coordinates", "place_html", "korean_html", "label_html", "uncertainty_html", "place_data"),
        "dates": ("snippet", "time", "when_html", "reported_html", "dates_data"),
        "source": ("citation_html", "grade_html", "source_data"),
        "role": ("role_html", "role_data"), "partner": ("partner_html", "partner_data"),
        "ordered_by": ("ordered_html", "ordered_by_data"), "note": ("note_html", "note_data"), "style": ("style",),
    }

    def __init__(self, colours: dict[str, str], styles: dict[str, tuple[str, str]]) -> None:
        self.colours, self.styles = colours, styles
        self.html = Memo(html_xml)
        self.spans = Memo(lambda dates: known_span(*dates))
        self.span_pieces = Memo(self._span_pieces)
        self.lines = {name: Memo(functools.partial(data_line, name)) for name in DATA_OPENINGS}
        self.memos = {name: Memo(_utf8(getattr(self, name))) for name in self.FIELDS}

    def organisation(self, key: tuple) -> tuple[str, ...]:
        org_id, name = key
        colour = _css_colour(self.colours.get(org_id, DEFAULT_COLOUR))
        return colour, self.html[name], data_line("org_id", org_id) + data_line("organisation", name)

    def place(self, key: tuple) -> tuple[str, ...]:
        place_id, name, korean, location_precision, uncertainty_m, lat, lon = key
        uncertainty = _uncertainty(uncertainty_m)
        data = (data_line("place_id", place_id), data_line("place_name", name), data_line("place_name_ko", korean),
                self.lines["lat"][repr(lat)], self.lines["lon"][repr(lon)],
                data_line("precision", location_precision), self.lines["uncertainty_m"][uncertainty])
        return (xml_escape(_display_name(name, place_id, location_precision)), f"{lon!r},{lat!r}",
                self.html[name], f" ({self.html[korean]})" if korean else "",
                self.html[PRECISION_LABELS.get(location_precision, location_precision)],
                f", uncertain by about {uncertainty} m" if uncertainty else "", "".join(data))

    def dates(self, key: tuple) -> tuple[str, ...]:
        start, end, reported = key
        as_reported = (f"start {self.html[start] or 'not reported'}, end {self.html[end] or 'not reported'},"
                       f" report of {self.html[reported]}")
        if not (start and end):
            as_reported += "; a missing bound is taken from the report date"
        snippet, time, when, known = self.span_pieces[self.spans[key]]
        lines = self.lines
        as_written = lines["reported_start"][start] + lines["reported_end"][end] + lines["report_date"][reported]
        return snippet, time, when, as_reported, as_written + known

    def _span_pieces(self, span) -> tuple[str, ...]:
        """Snippet, time element, wording and known_from/known_to lines: they depend on the known period only."""
        when = escape_text(_capitalised(_period(span)))
        if not span:
            return xml_escape("dates unreadable"), "", when, ""
        known = self.lines["known_from"][span[1].isoformat()] + self.lines["known_to"][span[2].isoformat()]
        return xml_escape(f"{span[0]} to {span[2].isoformat()}"), time_element(*span), when, known

    def source(self, key: tuple) -> tuple[str, ...]:
        citation, paragraphs, grade, review = key
        data = (data_line("citation", citation) + data_line("paragraphs", paragraphs) + data_line("grade", grade)
                + data_line("review", review))
        pending = "" if review == REVIEWED else f"; {review}"
        return self.html[citation], self.html[grade + pending], data

    def style(self, key: tuple) -> tuple[str]:
        org_id, location_precision = key
        return (xml_escape(f"#{self.styles[org_id][0 if location_precision == 'point' else 1]}"),)

    def role(self, role) -> tuple[str, str]:
        return self.html[role], data_line("role", role)

    def partner(self, partner) -> tuple[str, str]:
        return f" with {self.html[partner]}" if partner else "", data_line("partner", partner)

    def ordered_by(self, ordered_by) -> tuple[str, str]:
        return f"; ordered by {self.html[ordered_by]}" if ordered_by else "", data_line("ordered_by", ordered_by)

    def note(self, note) -> tuple[str, str]:
        return NOTE_HTML.format(self.html[note]) if note else "", data_line("note", note)

    def fields(self, name: str, keys) -> dict[str, list[bytes]]:
        """The fields method ``name`` gives, a list per field with one piece per key."""
        memo = self.memos[name]
        return dict(zip(self.FIELDS[name], zip(*[memo[key] for key in keys]), strict=True))


# What each method of RecordTexts is given: the columns its key is made of.
RECORD_KEYS = {
    "organisation": ("org_id", "organisation"),
    "place": ("place_id", "place_name", "place_name_ko", "location_precision", "uncertainty_m", "lat", "lon"),
    "dates": ("start", "end", "reported"), "source": ("citation", "paragraphs", "grade", "review"),
    "style": ("org_id", "location_precision"),
}


def record_placemarks(placed: dict[str, list], context: dict) -> bytes:
    """The placemarks of the records in ``placed`` (columns of drawn records), in their order, as UTF-8."""
    if not placed["id"]:
        return b""
    texts: RecordTexts = context["texts"]
    fields = {}
    for name in texts.FIELDS:
        columns = RECORD_KEYS.get(name, (name,))
        keys = zip(*(placed[column] for column in columns)) if len(columns) > 1 else placed[columns[0]]
        fields.update(texts.fields(name, keys))
    offset = data_line("display_offset_m", _uncertainty(context["offset_m"])).encode()
    return fill(RECORD_PLACEMARK, {
        **fields,
        "summary_html": [text.encode() for text in Memo(html_xml).apply(placed["summary"])],  # mostly unique
        "id": [ident.encode() for ident in Memo(escape_attribute).apply(xml_ids("record", placed["id"],
                                                                                  context["used"]))],
        "record_id": [f"{DATA_OPENINGS['record_id']}{text}</value></Data>\n".encode() if text else b""
                      for text in Memo(xml_escape).apply(placed["id"])],  # one each: not kept
        "display_offset_m": [offset if place_id in context["moved"] else b"" for place_id in placed["place_id"]],
    })


def _display_description(place_records: list[dict], spot: tuple[float, float, float], context: dict) -> str:
    first, spans, html = place_records[0], context["texts"].spans, context["html"]
    lat, lon = first["lat"], first["lon"]
    direction = COMPASS[round(spot[2] / 45) % 8]
    items = "".join(f"<li>{html[r['organisation']]} ({html[r['role']]}),"
                    f" {_period(spans[(r['start'], r['end'], r['reported'])])}</li>" for r in place_records)
    return (
        f"<p><b>Drawn {_uncertainty(context['offset_m'])} m {direction} of its recorded position, for legibility"
        f" only: other places share that point.</b> The recorded position is {lat!r}, {lon!r}"
        f" ({html_text(PRECISION_LABELS.get(first['location_precision'], first['location_precision']))});"
        f" the line leads back to it.</p><ul>{items}</ul>"
    )


def _display_placemark(place_records: list[dict], spot: tuple[float, float, float], context: dict) -> str:
    first = place_records[0]
    lat, lon = first["lat"], first["lon"]
    offset_m = context["offset_m"]
    data = {"place_id": first["place_id"], "lat": repr(lat), "lon": repr(lon),
            "precision": first["location_precision"], "uncertainty_m": _uncertainty(first["uncertainty_m"]),
            "display_lat": repr(spot[0]), "display_lon": repr(spot[1]),
            "display_offset_m": _uncertainty(offset_m), "display_bearing_deg": _uncertainty(spot[2]),
            "records": ", ".join(r["id"] for r in place_records)}
    spans = [s for s in (context["texts"].spans[(r["start"], r["end"], r["reported"])] for r in place_records) if s]
    first_span = min(spans, key=lambda s: s[1]) if spans else None
    last_day = max(s[2] for s in spans) if spans else None
    geometry = (f"{IN_PLACEMARK}<MultiGeometry>\n"
                f"{IN_PLACEMARK}  <Point><coordinates>{spot[1]!r},{spot[0]!r}</coordinates></Point>\n"
                f"{IN_PLACEMARK}  <LineString><coordinates>{spot[1]!r},{spot[0]!r} {lon!r},{lat!r}</coordinates>"
                f"</LineString>\n{IN_PLACEMARK}</MultiGeometry>\n")
    name = _display_name(first["place_name"], first["place_id"], first["location_precision"])
    return (
        f'{IN_FOLDER}<Placemark id="{escape_attribute(xml_id("display", first["place_id"], context["used"]))}">\n'
        + leaf("name", name, IN_PLACEMARK)
        + leaf("description", _display_description(place_records, spot, context), IN_PLACEMARK)
        + (time_element(first_span[0], first_span[1], last_day) if spans else "")
        + leaf("styleUrl", f"#{context['display_style']}", IN_PLACEMARK)
        + extended_data(data, IN_PLACEMARK)
        + geometry + f"{IN_FOLDER}</Placemark>\n"
    )


def _document_description(drawn: int, unplaced: list[dict], moved: int, offset_m: float) -> str:
    lines = [f"<p>{count_label(drawn)} drawn, one placemark each, in a folder per organisation; each carries its"
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


def xml_safe_columns(selection: Selection) -> dict[str, list]:
    """The flat columns with every text XML-safe, every missing text None, and whether each record is ``drawn``.

    A record is drawn where its place has a usable coordinate (see :func:`usable_points`).
    """
    columns = flat_columns(selection)
    texts = [name for name in columns if name not in NOT_TEXT_FIELDS]
    distinct = set().union(*(columns[name] for name in texts)) - {None}  # texts and None only (flat_columns)
    if XML_FORBIDDEN.search("".join(distinct)):  # rare: clean each distinct text once
        clean = Memo(lambda value: xml_text(value) or None)
        columns.update({name: clean.apply(columns[name]) for name in texts})
    columns["drawn"] = usable_points(columns["lat"], columns["lon"])
    return columns


def take(columns: dict[str, list], indices: list[int]) -> dict[str, list]:
    """The rows at ``indices``, still as columns.

    >>> take({"id": ["a", "b", "c"]}, [2, 0]), take({"id": ["a", "b", "c"]}, [1]), take({"id": ["a"]}, [])
    ({'id': ['c', 'a']}, {'id': ['b']}, {'id': []})
    """
    if len(indices) < 2:
        return {name: [values[i] for i in indices] for name, values in columns.items()}
    pick = itemgetter(*indices)
    return {name: list(pick(values)) for name, values in columns.items()}


def rows(columns: dict[str, list], indices: list[int]) -> list[dict]:
    """The rows at ``indices`` as dicts."""
    return [dict(zip(columns, row)) for row in zip(*take(columns, indices).values())]


def _grouped(indices: list[int], keys: list) -> dict:
    """``indices`` by the key each one has, each group in order."""
    groups: dict = {}
    for index in indices:
        groups.setdefault(keys[index], []).append(index)
    return groups


def _layout(selection: Selection, columns: dict[str, list], offset_m: float, icon_href: str | None) -> dict:
    """What the document is made of: the drawn records by organisation, styles, and the moved places."""
    lats, lons, flags = columns["lat"], columns["lon"], columns["drawn"]
    drawn = list(compress(range(len(flags)), flags))
    names = dict(zip(map(columns["org_id"].__getitem__, drawn), map(columns["organisation"].__getitem__, drawn)))
    org_ids = sorted(names, key=lambda o: (names[o] or "", o))
    colours = org_colours(selection.dataset.organisations)
    used: set[str] = {"border-atlas"}
    styles = _styles(org_ids, colours, icon_href, used)
    display_style = xml_id("style", "display-position", used)
    place_ids, place_names, precisions = columns["place_id"], columns["place_name"], columns["location_precision"]
    at = dict(zip(map(place_ids.__getitem__, drawn), drawn))  # a place's values are the same in all its records
    points = {place_id: (place_names[i] or "", precisions[i], (lats[i], lons[i])) for place_id, i in at.items()}
    moved = display_positions(points, offset_m=offset_m)
    context = {"texts": RecordTexts(colours, styles["ids"]), "html": Memo(html_text), "moved": moved,
               "offset_m": offset_m, "used": used, "display_style": display_style}
    return {"drawn": drawn, "unplaced": [i for i, shown in enumerate(flags) if not shown], "names": names,
            "org_ids": org_ids, "points": points, "context": context, "by_org": _grouped(drawn, columns["org_id"]),
            "styles": [*styles["elements"], _display_style(display_style, icon_href)]}


def _display_folder(columns: dict[str, list], layout: dict) -> str:
    """The Folder of display copies: one per place moved off a shared point, in order of name."""
    context, points = layout["context"], layout["points"]
    moved = context["moved"]
    by_place = _grouped([i for i in layout["drawn"] if columns["place_id"][i] in moved], columns["place_id"])
    order = sorted(moved.items(), key=lambda item: (points[item[0]][0], item[0]))
    copies = "".join(_display_placemark(rows(columns, by_place[place_id]), spot, context) for place_id, spot in order)
    return f"{IN_DOCUMENT}<Folder>\n{leaf('name', DISPLAY_FOLDER, IN_FOLDER)}{copies}{IN_DOCUMENT}</Folder>\n"


def _head(columns: dict[str, list], layout: dict, offset_m: float) -> str:
    """The document's opening: its name, description, styles and counts."""
    unplaced = rows(columns, layout["unplaced"])
    drawn = len(layout["drawn"])
    description = _document_description(drawn, unplaced, len(layout["context"]["moved"]), offset_m)
    summary = extended_data({"records": str(len(columns["id"])), "records_drawn": str(drawn),
                             "records_without_position": str(len(unplaced)),
                             "record_ids_without_position": ", ".join(r["id"] for r in unplaced)}, IN_DOCUMENT)
    return "".join([
        f'<kml xmlns="{KML_NAMESPACE}">\n  <Document id="border-atlas">\n',
        leaf("name", "Border Atlas", IN_DOCUMENT), f"{IN_DOCUMENT}<open>1</open>\n",
        leaf("description", description, IN_DOCUMENT), *layout["styles"], summary,
    ])


def kml_parts(selection: Selection, *, offset_m: float = DISPLAY_OFFSET_M,
              icon_href: str | None = None) -> Iterator[bytes]:
    """The document of :func:`places_kml` as UTF-8, in consecutive pieces."""
    columns = xml_safe_columns(selection)
    layout = _layout(selection, columns, offset_m, icon_href)
    yield _head(columns, layout, offset_m).encode()
    for org_id in layout["org_ids"]:
        name = xml_text(layout["names"][org_id]) or org_id
        yield f"{IN_DOCUMENT}<Folder>\n{leaf('name', name, IN_FOLDER)}".encode()
        indices = layout["by_org"][org_id]
        for start in range(0, len(indices), BATCH):
            yield record_placemarks(take(columns, indices[start:start + BATCH]), layout["context"])
        yield f"{IN_DOCUMENT}</Folder>\n".encode()
    if layout["context"]["moved"]:
        yield _display_folder(columns, layout).encode()
    yield b"  </Document>\n</kml>\n"


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a large document is written, then restored.

    Writing 100,000 placemarks makes hundreds of thousands of containers that stay until the
    document is done; the collector would walk the whole heap again and again meanwhile (about
    a fifth of the time) though nothing here forms a cycle. Reference counting still frees
    everything. The collector is switched back on only if it was on, so that nested or
    concurrent uses leave it as they found it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def places_kml(selection: Selection, *, offset_m: float = DISPLAY_OFFSET_M, icon_href: str | None = None) -> str:
    """The selection as a KML document for Google Earth (see the module docstring for the layout).

    ``offset_m``: distance of the display copies from a shared point. ``icon_href``: an icon for
    every pin (white icons take the organisation's colour exactly); None names no icon file.
    """
    return places_kml_bytes(selection, offset_m=offset_m, icon_href=icon_href).decode("utf-8")


def places_kml_bytes(selection: Selection, *, offset_m: float = DISPLAY_OFFSET_M,
                     icon_href: str | None = None) -> bytes:
    """:func:`places_kml` as UTF-8, made as bytes: the text is never held as one (wider) string."""
    with collector_paused():
        return b"".join(kml_parts(selection, offset_m=offset_m, icon_href=icon_href))
