"""The briefing as one 16:9 PowerPoint slide, for analysts who paste it into their own decks.

The map arrives as a PNG already rendered; this module lays it out with the title, the handling
banner, the filters in words, a legend, numbered source notes and the date, and puts the full
citations in the speaker notes. PowerPoint does not shrink text that overflows a box when the file is
opened, so every text is measured here (conservatively, by character class) and shrunk or shortened
until it fits.

>>> import datetime
>>> from PIL import Image
>>> picture = io.BytesIO()
>>> Image.new("RGB", (160, 90), "#e4e0d8").save(picture, format="PNG")
>>> deck = briefing_pptx(map_png=picture.getvalue(), title="Office 39 in Ryanggang",
...                      filters_text="Organisations: Office 39", count_text="4 records",
...                      legend=[("Office 39", "#6a1b9a")], source_notes=["Daily NK, 2018"],
...                      citations=["Daily NK (English), 2018-02-28"], made_on=datetime.date(2018, 3, 1))
>>> deck[:2]
b'PK'
"""

from __future__ import annotations

import datetime
import io
import re
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from border_atlas.views.briefing import DEFAULT_TITLE

SLIDE_WIDTH = 40 / 3  # inches: 16:9 widescreen, 12 192 000 EMU exactly
SLIDE_HEIGHT = 7.5
MARGIN = 0.4
FONT = "Arial"  # ships with Office; LibreOffice swaps in Liberation Sans, which has the same widths
INK = "#1b1f24"
MUTED = "#555555"
RULE_COLOUR = "#1f4e79"
BANNER_FILL = "#1b5e20"  # the same handling-banner green as the HTML briefing
BANNER_HEIGHT = 0.32
SIDE_WIDTH = 4.2  # the column with the legend and the source notes
GUTTER = 0.25
INSET = 0.05  # inner margin of every text box, left and right
LINE_SPACING = 1.2  # line height as a multiple of the font size
NOTE_SIZES = (12, 11, 10)  # source notes shrink down to 10 pt, then the list is cut short
HEADING = 0.26  # height of "LEGEND" and "SOURCES"
ROW = 0.2  # one legend entry
NOTE_LINES = 3  # a legend entry or note wraps to at most this many lines
SWATCH = 0.15
SYMBOL_WIDTH = 0.2  # the room a legend symbol (a colour square or the map's own symbol) takes
NOTES_GAP = 0.18  # between the legend and the sources
HANG = 0.27  # hanging indent of the numbered notes
NOTE_GAP = 3  # points after each note
NOTE_CHARS = 400  # one note never takes more than this; the speaker notes keep the whole citation

_EMU_PER_INCH = 914_400
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
# XML 1.0 forbids C0 controls (except tab and newlines), surrogates and U+FFFE/U+FFFF; C1 controls are
# allowed but invisible; bidi embeddings and isolates would reorder the text around them.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
_BREAKS = re.compile(r"[\t\n\r\u2028\u2029]+")


@dataclass(frozen=True)
class Rect:
    """A rectangle on the slide in inches, from its top-left corner."""

    left: float
    top: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height

    def overlaps(self, other: Rect) -> bool:
        """True when the two share some area (touching edges do not count).

        >>> Rect(0, 0, 2, 2).overlaps(Rect(1, 1, 2, 2)), Rect(0, 0, 1, 1).overlaps(Rect(1, 0, 1, 1))
        (True, False)
        """
        return (self.left < other.right and other.left < self.right
                and self.top < other.bottom and other.top < self.bottom)


def clean_text(value: str) -> str:
    """One line of plain text that XML accepts and that cannot reorder the slide's text.

    >>> clean_text("a\\x00b \\u202eevil\\n  next")
    'ab evil next'
    """
    without_controls = _INVALID.sub("", unicodedata.normalize("NFC", str(value)))
    return " ".join(_BREAKS.sub(" ", without_controls).split())


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height in pixels from a PNG's header.

    >>> header = b"\\x89PNG\\r\\n\\x1a\\n" + b"\\x00\\x00\\x00\\rIHDR" + struct.pack(">II", 1600, 900)
    >>> png_size(header)
    (1600, 900)
    """
    if len(data) < 24 or data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("map_png is not a PNG image (no PNG signature and IHDR header)")
    width, height = struct.unpack(">II", data[16:24])
    if width == 0 or height == 0:
        raise ValueError(f"map_png has no area: {width}×{height} pixels")
    return width, height


def fit_picture(pixels: tuple[int, int], area: Rect) -> Rect:
    """The largest rectangle with the picture's aspect ratio inside ``area``, at its top-left corner.

    Top-left, so that the map lines up with the title and the caption under it.

    >>> fit_picture((1600, 900), Rect(0.4, 1, 8, 9))
    Rect(left=0.4, top=1, width=8.0, height=4.5)
    """
    scale = min(area.width / pixels[0], area.height / pixels[1])
    return Rect(area.left, area.top, pixels[0] * scale, pixels[1] * scale)


def _char_em(char: str) -> float:
    """A generous width of one character in ems of Arial; CJK and other wide characters take a full em."""
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0
    if char in " .,;:'’‘|!ijlIft()[]·":
        return 0.32
    if char.isupper() or char in "mwMW—%@&“”":
        return 0.8
    return 0.58


def text_width(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Estimated width in inches of ``text`` set at ``size_pt`` on one line."""
    return sum(map(_char_em, text)) * size_pt / 72 * (1.08 if bold else 1.0)


def line_count(text: str, width: float, size_pt: float, *, bold: bool = False) -> int:
    """Lines ``text`` takes when wrapped word by word (long words broken) in ``width`` inches.

    >>> line_count("Hyesan", 5, 12), line_count("Hyesan " * 40, 5, 12) > 3
    (1, True)
    """
    lines, used = 1, 0.0
    space = text_width(" ", size_pt, bold=bold)
    for word in text.split(" "):
        needed = text_width(word, size_pt, bold=bold)
        if used and used + space + needed <= width:
            used += space + needed
            continue
        if used:
            lines += 1
        while needed > width:  # a word wider than the box is broken where it reaches the edge
            lines += 1
            needed -= width
        used = needed
    return lines


def shorten(text: str, max_lines: int, width: float, size_pt: float, *, bold: bool = False) -> str:
    """``text`` cut at a word and ended with "…" so it takes at most ``max_lines`` lines."""
    if line_count(text, width, size_pt, bold=bold) <= max_lines:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that still fits
        middle = (low + high + 1) // 2
        if line_count(text[:middle].rstrip() + "…", width, size_pt, bold=bold) <= max_lines:
            low = middle
        else:
            high = middle - 1
    prefix = text[:low]
    if " " in prefix.strip() and low < len(text) and text[low] != " ":
        prefix = prefix[: prefix.rstrip().rfind(" ")]
    return prefix.rstrip() + "…"


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a word and ended with "…".

    >>> clip("Daily NK (English), 2018-02-28", 20)
    'Daily NK (English),…'
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:  # mid-word: drop the partial word
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip() + "…"


def line_height(size_pt: float) -> float:
    return size_pt * LINE_SPACING / 72


# ---------------------------------------------------------------------------------------------------
# Drawing


def _emu(inches: float) -> Emu:
    return Emu(round(inches * _EMU_PER_INCH))


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


def _text_box(shapes, rect: Rect, *, name: str, anchor=MSO_ANCHOR.TOP):
    box = shapes.add_textbox(_emu(rect.left), _emu(rect.top), _emu(rect.width), _emu(rect.height))
    box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = _emu(INSET)
    frame.margin_top = frame.margin_bottom = _emu(0.02)
    return frame


def _run(paragraph, text: str, *, size: float, colour: str = INK, bold: bool = False):
    """Add ``text`` as a plain run: it is stored as characters, never read as markup or a field."""
    run = paragraph.add_run()
    run.text = text
    font = run.font
    font.name, font.size, font.bold = FONT, Pt(size), bold
    font.color.rgb = _rgb(colour)
    return run


def _one_line(shapes, rect: Rect, text: str, *, name: str, sizes: Sequence[float], colour: str = INK,
              bold: bool = False, align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP):
    """A one-line text: the largest of ``sizes`` at which it fits, else the smallest, shortened."""
    inner = rect.width - 2 * INSET
    size = next((s for s in sizes if text_width(text, s, bold=bold) <= inner), sizes[-1])
    frame = _text_box(shapes, rect, name=name, anchor=anchor)
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    return _run(paragraph, shorten(text, 1, inner, size, bold=bold), size=size, colour=colour, bold=bold)


def _banner(slide, top: float, text: str, *, name: str) -> None:
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, _emu(top), _emu(SLIDE_WIDTH), _emu(BANNER_HEIGHT))
    bar.name = name
    bar.fill.solid()
    bar.fill.fore_color.rgb = _rgb(BANNER_FILL)
    bar.line.fill.background()
    bar.shadow.inherit = False
    run = _one_line(slide.shapes, Rect(MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, BANNER_HEIGHT), text, name=f"{name} text",
                    sizes=(12,), colour="#ffffff", bold=True, align=PP_ALIGN.CENTER, anchor=MSO_ANCHOR.MIDDLE)
    run.font._rPr.set("cap", "all")  # shown in capitals like the HTML banner; the text itself stays as typed


@dataclass(frozen=True)
class Frame:
    """The slide's fixed parts: where the header starts, where the rule and the footer are, and the body."""

    top: float
    bottom: float
    rule_y: float
    footer_top: float
    body: Rect


def slide_frame(*, banner: bool, subtitle: bool) -> Frame:
    top, bottom = (BANNER_HEIGHT, SLIDE_HEIGHT - BANNER_HEIGHT) if banner else (0.0, SLIDE_HEIGHT)
    rule_y = top + 0.12 + 0.55 + (0.36 if subtitle else 0.0) + 0.06
    footer_top = bottom - 0.36
    body = Rect(MARGIN, rule_y + 0.15, SLIDE_WIDTH - 2 * MARGIN, footer_top - 0.1 - (rule_y + 0.15))
    return Frame(top, bottom, rule_y, footer_top, body)


def _map_area(body: Rect, caption: str) -> tuple[Rect, tuple[float, str, int]]:
    """The room for the map (left of the notes column, above the caption) and the caption's plan."""
    map_width = body.width - SIDE_WIDTH - GUTTER
    plan = _caption_plan(caption, map_width)
    caption_height = plan[2] * line_height(plan[0]) + 0.06
    return Rect(body.left, body.top, map_width, body.height - caption_height - 0.06), plan


def map_box(*, banner: str = "", subtitle: str = "", count_text: str = "", filters_text: str = "",
            note: str = "") -> Rect:
    """Where the map picture goes on the slide made with these texts: the map is rendered for this box.

    >>> box = map_box(count_text="4 records", filters_text="Organisations: Office 39")
    >>> round(box.width, 2), round(box.height, 2)
    (8.08, 5.86)
    """
    texts = [clean_text(t) for t in (banner, subtitle, count_text, filters_text, note)]
    frame = slide_frame(banner=bool(texts[0]), subtitle=bool(texts[1]))
    return _map_area(frame.body, _caption_text(*texts[2:]))[0]


def _caption_text(count_text: str, filters_text: str, note: str) -> str:
    rest = " · ".join(t for t in (filters_text, note) if t)
    return f"{count_text} · {rest}" if count_text and rest else count_text or rest


def _header(slide, frame: Frame, title: str, subtitle: str) -> float:
    """Title, subtitle and the rule under them; returns where the rule is."""
    width, top = SLIDE_WIDTH - 2 * MARGIN, frame.top + 0.12
    _one_line(slide.shapes, Rect(MARGIN, top, width, 0.55), title, name="Title", sizes=(30, 28, 24, 20), bold=True)
    if subtitle:
        _one_line(slide.shapes, Rect(MARGIN, top + 0.55, width, 0.36), subtitle, name="Subtitle", sizes=(16, 14),
                  colour="#37474f")
    rule_y = frame.rule_y
    rule = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, _emu(MARGIN), _emu(rule_y),
                                      _emu(SLIDE_WIDTH - MARGIN), _emu(rule_y))
    rule.name = "Title rule"
    rule.line.color.rgb = _rgb(RULE_COLOUR)
    rule.line.width = Pt(2)
    return rule_y


def _caption_plan(text: str, width: float) -> tuple[float, str, int]:
    """Size, text and lines of the caption under the map: at most three lines, 11 pt or else 10 pt."""
    inner = width - 2 * INSET
    # Measured as if all bold: the count is, and a generous estimate never overflows.
    size = 11 if line_count(text, inner, 11, bold=True) <= 3 else 10
    fitted = shorten(text, 3, inner, size, bold=True)
    return size, fitted, line_count(fitted, inner, size, bold=True)


def _caption(slide, rect: Rect, lead: str, text: str, size: float) -> None:
    paragraph = _text_box(slide.shapes, rect, name="Caption").paragraphs[0]
    _run(paragraph, text[: len(lead)], size=size, bold=True)
    _run(paragraph, text[len(lead):], size=size, colour=MUTED)


def _picture(slide, map_png: bytes, rect: Rect, description: str) -> None:
    picture = slide.shapes.add_picture(io.BytesIO(map_png), _emu(rect.left), _emu(rect.top),
                                       _emu(rect.width), _emu(rect.height))
    picture.name = "Map"
    picture._element.nvPicPr.cNvPr.set("descr", description)  # alternative text for screen readers


def _heading(shapes, rect: Rect, text: str, *, name: str) -> None:
    _one_line(shapes, rect, text.upper(), name=name, sizes=(10,), colour=MUTED, bold=True)


def _swatch(shapes, left: float, top: float, colour: str, *, name: str) -> None:
    square = shapes.add_shape(MSO_SHAPE.RECTANGLE, _emu(left), _emu(top), _emu(SWATCH), _emu(SWATCH))
    square.name = name
    square.fill.solid()
    square.fill.fore_color.rgb = _rgb(colour)
    square.line.color.rgb = _rgb("#777777")  # so a white or pale colour still shows its square
    square.line.width = Pt(0.5)
    square.shadow.inherit = False


def _legend_rows(items: Sequence[LegendItem], width: float) -> list[list[int]]:
    """The items in rows: short labels two to a row, long ones and notes (no symbol) across the column."""
    half = width / 2 - INSET - SYMBOL_WIDTH - 0.03 - INSET
    rows: list[list[int]] = []
    for index, item in enumerate(items):
        short = item.swatch is not None and text_width(item.label, 10) <= half
        last = rows[-1] if rows else None
        if short and last and len(last) == 1 and items[last[0]].swatch is not None and \
                text_width(items[last[0]].label, 10) <= half:
            last.append(index)
        else:
            rows.append([index])
    return rows


def _label_width(item: LegendItem, cell_width: float) -> float:
    """The width an entry's words wrap in: the cell, less the symbol's room if it has one."""
    return cell_width - 2 * INSET - (0 if item.swatch is None else INSET + SYMBOL_WIDTH + 0.03)


def _entry_height(item: LegendItem, cell_width: float) -> float:
    lines = min(NOTE_LINES, line_count(item.label, _label_width(item, cell_width), 10))
    return ROW if item.swatch is not None and lines == 1 else 0.06 + line_height(10) * lines


def _wrapped(shapes, rect: Rect, text: str, *, name: str) -> None:
    frame = _text_box(shapes, rect, name=name, anchor=MSO_ANCHOR.MIDDLE)
    _run(frame.paragraphs[0], shorten(text, NOTE_LINES, rect.width - 2 * INSET, 10), size=10)


def _legend_entry(shapes, item: LegendItem, where: Rect, number: int) -> None:
    if item.swatch is None:  # a note, over the whole width
        _wrapped(shapes, where, item.label, name=f"Legend note {number}")
        return
    middle = where.top + where.height / 2
    if isinstance(item.swatch, bytes):
        width, height = png_size(item.swatch)
        tall = min(SYMBOL_WIDTH * height / width, ROW - 0.02)
        picture = shapes.add_picture(io.BytesIO(item.swatch), _emu(where.left + INSET), _emu(middle - tall / 2),
                                     _emu(tall * width / height), _emu(tall))
        picture.name = f"Symbol {number}"
        picture._element.nvPicPr.cNvPr.set("descr", item.label)
    else:
        _swatch(shapes, where.left + INSET, middle - SWATCH / 2, item.swatch, name=f"Swatch {number}")
    label_left = where.left + INSET + SYMBOL_WIDTH + 0.03
    _wrapped(shapes, Rect(label_left, where.top, where.right - label_left, where.height), item.label,
             name=f"Legend label {number}")


def _notes_reserve(notes: Sequence[str], width: float) -> float:
    """The room under the legend for the sources: their heading and at least the first note, at the smallest
    size, with the line saying how many more there are."""
    if not notes:
        return NOTES_GAP + HEADING + line_height(NOTE_SIZES[0])
    size = NOTE_SIZES[-1]
    first = line_count(notes[0], width - 2 * INSET - HANG, size) * line_height(size) + NOTE_GAP / 72
    more = line_height(size) + NOTE_GAP / 72 if len(notes) > 1 else 0
    return NOTES_GAP + HEADING + first + more + 0.04


def _legend(slide, items: Sequence[LegendItem], column: Rect, *, reserve: float) -> float:
    """The legend at the top of ``column``, leaving ``reserve`` under it for the sources; returns its bottom."""
    if not items:
        return column.top
    rows = _legend_rows(items, column.width)
    heights = [max(_entry_height(items[index], column.width / len(row)) for index in row) for row in rows]
    room = column.height - reserve - HEADING
    fitted, used = 0, 0.0
    while fitted < len(rows) and used + heights[fitted] <= room:
        used, fitted = used + heights[fitted], fitted + 1
    if fitted < len(rows):  # the last row that fits says how many more there are
        while fitted and used + ROW > room:
            fitted -= 1
            used -= heights[fitted]
    group = slide.shapes.add_group_shape()
    group.name = "Legend"
    _heading(group.shapes, Rect(column.left, column.top, column.width, HEADING), "Legend", name="Legend heading")
    top = column.top + HEADING
    for row, height in zip(rows[:fitted], heights):
        cell_width = column.width / len(row)
        for place, index in enumerate(row):
            _legend_entry(group.shapes, items[index], Rect(column.left + place * cell_width, top, cell_width,
                                                           height), index + 1)
        top += height
    left_out = len(items) - sum(len(row) for row in rows[:fitted])
    if left_out:
        _one_line(group.shapes, Rect(column.left, top, column.width, ROW), f"… and {left_out} more",
                  name="Legend more", sizes=(10,), colour=MUTED, anchor=MSO_ANCHOR.MIDDLE)
        top += ROW
    return top


def _notes_plan(notes: Sequence[str], box: Rect) -> tuple[float, int]:
    """Font size and how many notes fit in ``box``; at the smallest size a last line says how many are left."""
    room = box.height - 0.04
    width = box.width - 2 * INSET - HANG
    for size in NOTE_SIZES:
        heights = [line_count(note, width, size) * line_height(size) + NOTE_GAP / 72 for note in notes]
        if sum(heights) <= room:
            return size, len(notes)
    size = NOTE_SIZES[-1]  # nothing fits whole: keep the smallest readable size and cut the list short
    room -= line_height(size) + NOTE_GAP / 72  # for "… and N more"
    shown, used = 0, 0.0
    while shown < len(heights) and used + heights[shown] <= room:
        used += heights[shown]
        shown += 1
    return size, shown


def _source_notes(slide, notes: Sequence[str], box: Rect) -> None:
    frame = _text_box(slide.shapes, box, name="Source notes")
    if not notes:
        _run(frame.paragraphs[0], "No record matches these filters.", size=NOTE_SIZES[0], colour=MUTED)
        return
    size, shown = _notes_plan(notes, box)
    for number, note in enumerate(notes[:shown], start=1):
        paragraph = frame.paragraphs[0] if number == 1 else frame.add_paragraph()
        properties = paragraph._p.get_or_add_pPr()
        properties.set("marL", str(_emu(HANG)))  # hanging indent: wrapped lines align with the text
        properties.set("indent", str(-_emu(HANG)))
        paragraph.space_after = Pt(NOTE_GAP)
        _run(paragraph, f"{number}.\t", size=size, colour=MUTED, bold=True)
        _run(paragraph, note, size=size)
    if shown < len(notes):
        paragraph = frame.paragraphs[0] if shown == 0 else frame.add_paragraph()
        _run(paragraph, f"… and {len(notes) - shown} more in the speaker notes", size=size, colour=MUTED)


def _footer(slide, top: float, made_on: datetime.date) -> None:
    rule = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, _emu(MARGIN), _emu(top),
                                      _emu(SLIDE_WIDTH - MARGIN), _emu(top))
    rule.name = "Footer rule"
    rule.line.color.rgb = _rgb("#dddddd")
    rule.line.width = Pt(0.75)
    half = (SLIDE_WIDTH - 2 * MARGIN) / 2
    _one_line(slide.shapes, Rect(MARGIN, top + 0.03, half, 0.26), f"Made on {made_on.isoformat()}",
              name="Footer date", sizes=(10,), colour=MUTED, anchor=MSO_ANCHOR.MIDDLE)
    _one_line(slide.shapes, Rect(MARGIN + half, top + 0.03, half, 0.26), "Border Atlas", name="Footer credit",
              sizes=(10,), colour=MUTED, align=PP_ALIGN.RIGHT, anchor=MSO_ANCHOR.MIDDLE)


@dataclass(frozen=True)
class LegendItem:
    """A legend entry: its text and its symbol, a ``'#rrggbb'`` square, a PNG of the map's own symbol, or
    none (a line of text, such as the umbrella organisation the filter chose)."""

    label: str
    swatch: str | bytes | None = None


def _legend_items(legend: Sequence[LegendItem | tuple]) -> list[LegendItem]:
    items = []
    for entry in legend:
        label, swatch = (entry.label, entry.swatch) if isinstance(entry, LegendItem) else entry
        if isinstance(swatch, bytes):
            png_size(swatch)
        elif swatch is not None and (not isinstance(swatch, str) or not _COLOUR.fullmatch(swatch)):
            raise ValueError(f"legend colour for {clean_text(label)!r} must be '#rrggbb', got {swatch!r}")
        items.append(LegendItem(clean_text(label), swatch))
    return items


def _body(slide, body: Rect, *, map_png: bytes, caption: tuple[str, str], legend, notes) -> None:
    """The map with its caption on the left; the legend above the source notes on the right."""
    lead, rest = caption
    area, (size, text, lines) = _map_area(body, lead + rest)
    picture = fit_picture(png_size(map_png), area)
    _picture(slide, map_png, picture, f"Map. {text}")
    caption_height = lines * line_height(size) + 0.06
    _caption(slide, Rect(body.left, picture.bottom + 0.06, area.width, caption_height), lead, text, size)
    column = Rect(body.right - SIDE_WIDTH, body.top, SIDE_WIDTH, body.height)
    legend_bottom = _legend(slide, legend, column, reserve=_notes_reserve(notes, column.width))
    notes_top = legend_bottom + (NOTES_GAP if legend else 0)
    _heading(slide.shapes, Rect(column.left, notes_top, column.width, HEADING), "Sources", name="Sources heading")
    notes_box = Rect(column.left, notes_top + HEADING, column.width, body.bottom - notes_top - HEADING)
    _source_notes(slide, notes, notes_box)


def _speaker_notes(slide, *, head: Sequence[str], sources: Sequence[str], citations: Sequence[str]) -> None:
    """The caption, every source once in full under its number, then one line per record."""
    lines = [*head, "", "Sources"]
    lines += [f"{number}. {source}" for number, source in enumerate(sources, start=1)] or ["none"]
    if citations:
        lines += ["", "Records"] + [f"{number}. {c}" for number, c in enumerate(citations, start=1)]
    slide.notes_slide.notes_text_frame.text = "\n".join(lines)


def _properties(deck, *, title: str, subtitle: str, made_on: datetime.date) -> None:
    """Title and date only: the template's author and comments are cleared, and no name is guessed."""
    properties = deck.core_properties
    properties.title, properties.subject = clip(title, 255), clip(subtitle, 255)  # the format's limit
    properties.author = properties.last_modified_by = ""
    properties.comments = properties.keywords = properties.category = ""
    properties.created = properties.modified = datetime.datetime.combine(made_on, datetime.time())
    properties.revision = 1


def briefing_pptx(*, map_png: bytes, title: str, subtitle: str = "", banner: str = "", filters_text: str,
                  count_text: str, legend: Sequence[LegendItem | tuple], source_notes: Sequence[str],
                  citations: Sequence[str], made_on: datetime.date, note: str = "") -> bytes:
    """One 16:9 slide of the briefing as a .pptx file: banner, title, map, caption, legend, notes, date.

    ``legend`` lists :class:`LegendItem` (or ``(label, swatch)`` pairs); ``source_notes`` are the numbered
    notes shown on the slide (and in full in the speaker notes), ``citations`` one line per record for the
    speaker notes; ``note`` ends the caption (the places off the map). Every text is plain text: control and
    bidi-override characters are dropped, and what does not fit is shortened with "…". The map picture is
    best rendered for :func:`map_box`, whose shape it then fills.
    """
    png_size(map_png)  # a clear error before anything is drawn
    items = _legend_items(legend)
    title = clean_text(title) or DEFAULT_TITLE
    subtitle, banner = clean_text(subtitle), clean_text(banner)
    count_text, filters_text, note = clean_text(count_text), clean_text(filters_text), clean_text(note)
    caption = _caption_text(count_text, filters_text, note)
    lead = caption[: len(count_text) + 3] if count_text and caption != count_text else count_text
    sources = [clean_text(n) for n in source_notes]

    deck = Presentation()
    deck.slide_width, deck.slide_height = _emu(SLIDE_WIDTH), _emu(SLIDE_HEIGHT)
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # "Blank": no placeholders to fill or hide
    frame = slide_frame(banner=bool(banner), subtitle=bool(subtitle))
    if banner:
        _banner(slide, 0.0, banner, name="Banner top")
        _banner(slide, SLIDE_HEIGHT - BANNER_HEIGHT, banner, name="Banner bottom")
    _header(slide, frame, title, subtitle)
    _footer(slide, frame.footer_top, made_on)
    _body(slide, frame.body, map_png=map_png, caption=(lead, caption[len(lead):]), legend=items,
          notes=[clip(n, NOTE_CHARS) for n in sources])
    _speaker_notes(slide, head=[title] + ([subtitle] if subtitle else []) + [caption], sources=sources,
                   citations=[clean_text(c) for c in citations])
    _properties(deck, title=title, subtitle=subtitle, made_on=made_on)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
