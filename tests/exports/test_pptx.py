"""The briefing slide: read back with python-pptx and checked shape by shape, and its text measured
with a real font (the one Pillow ships) so that nothing it shows runs past its box or off the slide."""

from __future__ import annotations

import datetime
import io
import json
import os
from html.parser import HTMLParser

import pytest
from browser_helpers import artifact
from PIL import Image, ImageDraw, ImageFont
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from border_atlas import FilterState, select
from border_atlas.exports.png_export import LABEL_FONT_PX, RENDER_KEY, label_size_pt, slide_render
from border_atlas.exports.pptx_export import Rect, briefing_pptx, map_box
from border_atlas.exports.records import flat_records
from border_atlas.filters.caption import count_label, describe
from border_atlas.mapview.layers import legend_html, plan
from border_atlas.views.briefing import SLIDE_MAP_OPTIONS, source_notes

EMU = 914_400
SLIDE = Rect(0, 0, 12_192_000 / EMU, 6_858_000 / EMU)
MADE_ON = datetime.date(2018, 3, 1)
HOSTILE = "<script>alert(1)</script> {{7*7}} \u202eevil a\x00b"
CLEANED = "<script>alert(1)</script> {{7*7}} evil ab"


def make_png(width: int = 1600, height: int = 900) -> bytes:
    picture = Image.new("RGB", (width, height), "#f7f4ec")
    draw = ImageDraw.Draw(picture)
    draw.rectangle([0, 0, width // 3, height], fill="#e4e0d8")
    draw.rectangle([width // 2, height // 3, width // 2 + 60, height // 3 + 60], fill="#c62828")
    draw.rectangle([width // 5, height // 2, width // 5 + 40, height // 2 + 40], fill="#6a1b9a")
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def build(**overrides) -> Presentation:
    arguments = {
        "map_png": make_png(),
        "title": "Office 39 in Ryanggang",
        "subtitle": "Companies and the units they were paired with, February 2018",
        "banner": "",
        "filters_text": "Organisations: Office 39 (with their members) · Places: all · Era: all · Dates: any",
        "count_text": "4 records",
        "legend": [("Office 39", "#6a1b9a"), ("Ministry of State Security", "#c62828")],
        "source_notes": ["Daily NK (English), “North Korean intel agency…”, 2018-02-28; ¶ 2, 8, 9"],
        "citations": ["Daily NK (English), 'North Korean intel agency …', 2018-02-28, paragraphs 2, 8, 9"],
        "made_on": MADE_ON,
    } | overrides
    return Presentation(io.BytesIO(briefing_pptx(**arguments)))


def rect(shape) -> Rect:
    return Rect(shape.left / EMU, shape.top / EMU, shape.width / EMU, shape.height / EMU)


def inside(inner: Rect, outer: Rect) -> bool:
    slack = 1e-6
    return (inner.left >= outer.left - slack and inner.top >= outer.top - slack
            and inner.right <= outer.right + slack and inner.bottom <= outer.bottom + slack)


def all_shapes(shapes):
    for shape in shapes:
        yield shape
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from all_shapes(shape.shapes)


def named(slide, name: str):
    return next(shape for shape in all_shapes(slide.shapes) if shape.name == name)


def texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in all_shapes(slide.shapes) if shape.has_text_frame]


def runs(slide):
    for shape in all_shapes(slide.shapes):
        if shape.has_text_frame:
            for paragraph in shape.text_frame.paragraphs:
                yield from paragraph.runs


def overflow(shape) -> list[str]:
    """Where the shape's text, wrapped word by word at its real font size, leaves its box."""
    frame = shape.text_frame
    width = (shape.width - frame.margin_left - frame.margin_right) / EMU
    room = (shape.height - frame.margin_top - frame.margin_bottom) / EMU
    used, problems = 0.0, []
    for paragraph in frame.paragraphs:
        if not paragraph.runs:
            continue
        properties = paragraph._p.pPr
        indent = int(properties.get("marL", 0)) / EMU if properties is not None else 0.0
        size = max(run.font.size.pt for run in paragraph.runs)
        lines, line = 1, 0.0
        for run in paragraph.runs:
            font = ImageFont.load_default(size=run.font.size.pt * 10)  # Aileron: Arial's widths within 6%
            scale = (1.1 if run.font.bold else 1.0) / 720
            for index, word in enumerate(run.text.replace("\t", "").split(" ")):
                gap = font.getlength(" ") * scale if index or line else 0.0
                needed = font.getlength(word) * scale
                if needed > width - indent:
                    problems.append(f"{shape.name}: word wider than the box: {word[:30]!r}")
                if line and line + gap + needed > width - indent:
                    lines, line = lines + 1, needed
                else:
                    line += gap + needed
        space_after = paragraph.space_after.pt / 72 if paragraph.space_after is not None else 0.0
        used += lines * size * 1.15 / 72 + space_after
    if used > room:
        problems.append(f"{shape.name}: text needs {used:.2f} in, the box has {room:.2f} in")
    return problems


def test_one_widescreen_slide_with_its_title_and_properties():
    deck = build()
    assert len(deck.slides) == 1
    assert (deck.slide_width, deck.slide_height) == (Emu(12_192_000), Emu(6_858_000))
    slide = deck.slides[0]
    title = named(slide, "Title")
    assert title.text_frame.text == "Office 39 in Ryanggang"
    assert 28 <= title.text_frame.paragraphs[0].runs[0].font.size.pt <= 32
    assert named(slide, "Subtitle").text_frame.text.startswith("Companies and the units")
    rule = named(slide, "Title rule")
    assert str(rule.line.color.rgb) == "1F4E79" and rule.top >= title.top + title.height
    properties = deck.core_properties
    assert properties.title == "Office 39 in Ryanggang"
    assert properties.created == datetime.datetime(2018, 3, 1)
    assert properties.author == "" and properties.last_modified_by == "" and properties.comments == ""


def test_one_font_and_readable_sizes():
    slide = build(source_notes=[f"Note {n}: Daily NK, 2018-02-28" for n in range(1, 9)]).slides[0]
    assert {run.font.name for run in runs(slide)} == {"Arial"}
    assert min(run.font.size.pt for run in runs(slide)) >= 10
    notes = named(slide, "Source notes").text_frame.paragraphs
    assert [p.text.split("\t")[0] for p in notes] == [f"{n}." for n in range(1, 9)]


@pytest.mark.parametrize("pixels", [(1600, 900), (900, 1600), (3840, 2160), (2000, 400)])
@pytest.mark.parametrize("banner", ["", "Unclassified // for training"])
def test_map_keeps_its_aspect_ratio_and_leaves_the_text_alone(pixels, banner):
    png = make_png(*pixels)
    slide = build(map_png=png, banner=banner).slides[0]
    pictures = [s for s in all_shapes(slide.shapes) if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    picture = pictures[0]
    assert picture.image.blob == png  # embedded as rendered, not re-encoded
    assert picture.width / picture.height == pytest.approx(pixels[0] / pixels[1], rel=0.01)
    assert inside(rect(picture), SLIDE)
    for other in all_shapes(slide.shapes):
        if other.shape_id != picture.shape_id and other.name not in {"Title rule", "Footer rule"}:
            assert not rect(picture).overlaps(rect(other)), other.name
    assert named(slide, "Caption").top >= picture.top + picture.height


def test_caption_has_the_count_and_the_filters():
    slide = build().slides[0]
    caption = named(slide, "Caption").text_frame.paragraphs[0].runs
    assert caption[0].text == "4 records · " and caption[0].font.bold
    assert caption[1].text == "Organisations: Office 39 (with their members) · Places: all · Era: all · Dates: any"


def test_banner_top_and_bottom_when_given():
    slide = build(banner="Unclassified // for training").slides[0]
    banners = [t for t in texts(slide) if t == "Unclassified // for training"]
    assert len(banners) == 2
    top, bottom = named(slide, "Banner top"), named(slide, "Banner bottom")
    assert top.top == 0 and bottom.top + bottom.height == SLIDE.height * EMU
    others = [s for s in all_shapes(slide.shapes) if not s.name.startswith("Banner")]
    assert all(top.top + top.height <= s.top and s.top + s.height <= bottom.top for s in others)


@pytest.mark.parametrize("banner", ["", "   ", "\u202e\x00"])
def test_no_banner_when_empty(banner):
    slide = build(banner=banner).slides[0]
    assert not [s for s in all_shapes(slide.shapes) if s.name.startswith("Banner")]
    assert named(slide, "Title").top < 0.6 * EMU


def test_speaker_notes_hold_every_citation_and_the_filters():
    citations = [f"Outlet {n}, 'Report {n}', 2019-0{n}-01, paragraphs {n}" for n in range(1, 6)]
    deck = build(citations=citations)
    notes = deck.slides[0].notes_slide.notes_text_frame.text
    for number, citation in enumerate(citations, start=1):
        assert f"{number}. {citation}" in notes.splitlines()
    assert "Organisations: Office 39 (with their members)" in notes and "4 records" in notes


def test_footer_has_the_date_and_the_name():
    slide = build().slides[0]
    assert named(slide, "Footer date").text_frame.text == "Made on 2018-03-01"
    assert named(slide, "Footer credit").text_frame.text == "Border Atlas"


def test_legend_squares_have_their_colours_in_order():
    slide = build(legend=[("Office 39", "#6a1b9a"), ("Border guard", "#37474F"), ("Town", "#ffffff")]).slides[0]
    legend = named(slide, "Legend")
    labels = [s.text_frame.text for s in legend.shapes if s.name.startswith("Legend label")]
    colours = [str(s.fill.fore_color.rgb) for s in legend.shapes if s.name.startswith("Swatch")]
    assert labels == ["Office 39", "Border guard", "Town"] and colours == ["6A1B9A", "37474F", "FFFFFF"]
    assert inside(rect(legend), SLIDE) and not rect(legend).overlaps(rect(named(slide, "Source notes")))


def test_hostile_text_comes_back_as_plain_text():
    deck = build(title=HOSTILE, subtitle=HOSTILE, banner=HOSTILE, filters_text=HOSTILE, count_text=HOSTILE,
                 legend=[(HOSTILE, "#000000")], source_notes=[HOSTILE], citations=[HOSTILE])
    slide = deck.slides[0]
    for name in ("Title", "Subtitle", "Banner top text", "Banner bottom text", "Legend label 1"):
        assert named(slide, name).text_frame.text == CLEANED, name
    assert named(slide, "Caption").text_frame.text == f"{CLEANED} · {CLEANED}"
    assert named(slide, "Source notes").text_frame.text == f"1.\t{CLEANED}"
    assert f"1. {CLEANED}" in slide.notes_slide.notes_text_frame.text.splitlines()
    assert deck.core_properties.title == CLEANED
    xml = slide.part.blob.decode("utf-8")
    assert "<script>" not in xml and "\u202e" not in xml and "_x0000_" not in xml


def test_long_lists_are_cut_short_and_nothing_leaves_the_slide():
    notes = [f"Daily NK (English), “Report number {n} on smuggling through Hyesan and Samsu”, 2018-02-28; "
             f"¶ {n}, {n + 1}" for n in range(1, 81)]
    slide = build(title="Who controls smuggling on the Ryanggang border " * 4, subtitle="A long subtitle " * 20,
                  banner="Unclassified " * 30, filters_text="Organisations: " + ", ".join(
                      f"Company {n}" for n in range(120)), legend=[(f"Organisation {n}", "#37474f") for n in range(40)],
                  source_notes=notes, citations=notes).slides[0]
    box = named(slide, "Source notes")
    shown = [p for p in box.text_frame.paragraphs if "\t" in p.text]
    more = box.text_frame.paragraphs[-1].text
    assert 0 < len(shown) < 80 and more == f"… and {80 - len(shown)} more in the speaker notes"
    assert named(slide, "Legend more").text_frame.text.startswith("… and ")
    assert named(slide, "Title").text_frame.text.endswith("…")
    assert named(slide, "Caption").text_frame.text.endswith("…")
    for shape in all_shapes(slide.shapes):
        assert inside(rect(shape), SLIDE), shape.name
    problems = [p for s in all_shapes(slide.shapes) if s.has_text_frame for p in overflow(s)]
    assert problems == []


def test_the_bundled_records_fit(dataset):
    selection = select(dataset, FilterState(orgs=("office-39",)))
    citations = sorted({row["citation"] for row in flat_records(selection)})
    deck = build(filters_text=describe(selection.state, dataset), count_text=count_label(selection.count),
                 source_notes=source_notes(selection), citations=citations, banner="Unclassified")
    slide = deck.slides[0]
    assert named(slide, "Source notes").text_frame.text.count("\t") == len(source_notes(selection))
    assert all(c in slide.notes_slide.notes_text_frame.text for c in citations)
    assert [p for s in all_shapes(slide.shapes) if s.has_text_frame for p in overflow(s)] == []


def test_no_source_notes_says_so():
    slide = build(source_notes=[], citations=[]).slides[0]
    assert named(slide, "Source notes").text_frame.text == "No record matches these filters."


def test_bad_input_is_refused_clearly():
    with pytest.raises(ValueError, match="not a PNG"):
        build(map_png=b"GIF89a" + bytes(40))
    with pytest.raises(ValueError, match="#rrggbb"):
        build(legend=[("Office 39", "red")])


# ---------------------------------------------------------------------------------------------------
# The slide as the app makes it: the map drawn in Chromium for its box on the slide.

def test_label_size_at_slide_scale_is_the_css_size_times_the_picture_over_the_viewport():
    eight_and_a_half_inches = 8.5 * EMU
    assert label_size_pt(11, 1600, eight_and_a_half_inches) == pytest.approx(11 * 612 / 1600)  # 4.2 pt
    assert label_size_pt(11, 612, eight_and_a_half_inches) == pytest.approx(11)


@pytest.mark.parametrize("texts", [{}, {"banner": "Unclassified", "subtitle": "February 2018"},
                                   {"filters_text": "Organisations: " + ", ".join(f"Company {n}" for n in range(60))}])
def test_the_render_for_any_map_box_sets_labels_at_10_pt_or_more(texts):
    box = map_box(count_text="21 records", **texts)
    render = slide_render(box.width, box.height)
    assert label_size_pt(LABEL_FONT_PX, render.viewport[0], round(box.width * EMU)) >= 10
    assert render.viewport[0] * render.scale >= 3000  # sharp when projected
    assert render.viewport[0] / render.viewport[1] == pytest.approx(box.width / box.height, rel=0.01)


def legend_rows_of(html: str) -> list[str]:
    """The texts of a legend's rows, as the map's legend data gives them (headings left out)."""
    rows, parser = [], HTMLParser()
    depth = {"row": 0}

    def start(tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "div" and "row" in classes.split():
            rows.append("")
            depth["row"] = 1
        elif depth["row"]:
            depth["row"] += 1

    def end(tag):
        if depth["row"]:
            depth["row"] -= 1

    def data(text):
        if depth["row"]:
            rows[-1] += text

    parser.handle_starttag, parser.handle_endtag, parser.handle_data = start, end, data
    parser.feed(html)
    return [" ".join(row.split()) for row in rows]


@pytest.fixture(scope="module")
def made_slides(dataset):
    """The slide export for the bundled records and for ?org=office-39, read back."""
    from border_atlas.exports import EXPORTS
    from border_atlas.filters.link import BriefingText
    from border_atlas.runtime.chromium import INSTALL_HINT, chromium_path

    if chromium_path() is None:  # as tests/browser do: skipped here, a failure on CI
        (pytest.fail if os.environ.get("CI", "").lower() == "true" else pytest.skip)(f"No Chromium. {INSTALL_HINT}")

    slide_export = next(e for e in EXPORTS if e.key == "pptx")
    text = BriefingText("Who controls smuggling", "Ryanggang", "UNCLASSIFIED // EXERCISE", MADE_ON)
    made = {}
    for name, state in (("all", FilterState()), ("office-39", FilterState(orgs=("office-39",)))):
        selection = select(dataset, state)
        data = slide_export.build(selection, text)
        artifact(f"slide-{name}.pptx").write_bytes(data)
        made[name] = (selection, Presentation(io.BytesIO(data)).slides[0])
    return made


@pytest.mark.browser
@pytest.mark.parametrize("name", ["all", "office-39"])
def test_map_labels_are_at_least_10_pt_on_the_slide(made_slides, name):
    _selection, slide = made_slides[name]
    [picture] = [s for s in all_shapes(slide.shapes) if s.shape_type == MSO_SHAPE_TYPE.PICTURE and s.name == "Map"]
    image = Image.open(io.BytesIO(picture.image.blob))
    render = json.loads(image.text[RENDER_KEY])
    width, height = render["viewport"]
    assert image.size == (width * render["device_scale_factor"], height * render["device_scale_factor"])
    assert render["label_font_px"] >= 10  # measured in the page: the smallest text of a drawn label
    size = label_size_pt(render["label_font_px"], width, picture.width)
    assert size >= 10, f"labels are {size:.1f} pt on the slide"
    assert picture.width / picture.height == pytest.approx(width / height, rel=0.01)


@pytest.mark.browser
@pytest.mark.parametrize("name", ["all", "office-39"])
def test_slide_legend_lists_every_symbol_the_map_draws(made_slides, name):
    selection, slide = made_slides[name]
    legend = named(slide, "Legend")
    labels = [s.text_frame.text for s in legend.shapes if s.name.startswith(("Legend label", "Legend note"))]
    drawn = plan(selection, SLIDE_MAP_OPTIONS).legend
    expected = legend_rows_of(legend_html(selection, options=SLIDE_MAP_OPTIONS))
    assert [label for label in labels if not label.startswith("Office 39,")] == expected
    assert not [s for s in legend.shapes if s.name == "Legend more"]
    assert set(drawn.names) <= set(labels)
    assert {"approximate position (≈)", "uncertainty radius", "landmark, no records"} <= set(labels)
    symbols = [s for s in legend.shapes if s.name.startswith("Symbol")]
    assert len(symbols) == len(expected)  # each entry shows the map's own symbol
    assert [s._element.nvPicPr.cNvPr.get("descr") for s in symbols] == expected


@pytest.mark.browser
def test_slide_legend_names_the_umbrella_the_filter_chose(made_slides):
    selection, slide = made_slides["office-39"]
    legend = named(slide, "Legend")
    [note] = [s.text_frame.text for s in legend.shapes if s.name.startswith("Legend note")]
    members = [n for n in plan(selection, SLIDE_MAP_OPTIONS).legend.names if n != "Ministry of State Security"]
    assert note.startswith("Office 39, drawn as its members: ") and len(members) == 3
    assert all(member in note for member in members)
    assert not [s for s in named(made_slides["all"][1], "Legend").shapes if s.name.startswith("Legend note")]


@pytest.mark.browser
@pytest.mark.parametrize("name", ["all", "office-39"])
def test_speaker_notes_give_one_citation_per_record(made_slides, name):
    selection, slide = made_slides[name]
    notes = slide.notes_slide.notes_text_frame.text.split("\n\n")
    [sources] = [part.splitlines()[1:] for part in notes if part.startswith("Sources\n")]
    [records] = [part.splitlines()[1:] for part in notes if part.startswith("Records\n")]
    assert len(records) == selection.count and len(set(records)) == len(records)
    assert len(sources) == len(selection.sources) and len(set(sources)) == len(sources)
    for line, record in zip(records, selection.record_list):
        number = int(selection.sources.set_index("id").loc[record.source_id, "note_number"])
        assert f"source {number}," in line and record.org_name in line and f"[record {record.id}]" in line
        assert sources[number - 1].startswith(f"{number}. {record.source_outlet}")
