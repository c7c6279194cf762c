"""Recognition of a whole report, its highlighted HTML, and the command line."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import lxml.html
import pytest
from helpers import ROOT, SHARED_SOURCES

from border_atlas.ingest import recognise, render_highlights, report_from_text
from border_atlas.ingest.__main__ import main
from border_atlas.ingest.highlight import highlights
from border_atlas.places.reference_places import load_reference_places
from border_atlas.text.names import split_list

from .tables import report_files, table

HOSTILE = ('Report <script>alert("title")</script>\n'
           'The MSS paid $5 in Hyesan <img src=x onerror=alert(1)> `${document.cookie}` & "quotes" \'too\'\n'
           '"><svg onload=alert(2)> units in Hyetan since 2020 </p></article><script>alert(3)</script>')


def place_finder(text: str) -> list[dict]:
    """Places of places.csv named in ``text`` by any written form, longest first."""
    forms = [(name, row["id"]) for row in table("places") for name in [row["name"], *split_list(row["alt_names"])]]
    forms.sort(key=lambda form: -len(form[0]))
    found: list[dict] = []
    for name, place_id in forms:
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if not any(match.start() < f["end"] and f["start"] < match.end() for f in found):
                found.append({"start": match.start(), "end": match.end(), "text": match[0], "place_id": place_id})
    return sorted(found, key=lambda f: f["start"])


@pytest.fixture(scope="module")
def first_report(reports, sources, events):
    return recognise(reports["dailynk-2018-02-28"], organisations=table("organisations"), events=events,
                     place_finder=place_finder, report_date=sources["dailynk-2018-02-28"]["published"])


def test_every_paragraph_is_recognised_with_its_number(first_report, reports):
    report = reports["dailynk-2018-02-28"]
    assert [p.number for p in first_report.paragraphs] == list(range(1, len(report.paragraphs) + 1))
    assert [p.text for p in first_report.paragraphs] == list(report.paragraphs)
    eight = first_report.paragraph(8)
    assert {"hyesan", "yonbong", "kangan", "samsu", "hyetan"} <= {m["place_id"] for m in eight.places}
    assert {"brigade-25", "corps-10", "units-hyetan"} <= {m.org_id for m in eight.organisations}


def test_proposals_for_places_the_finder_knows_are_dropped(first_report):
    for findings in first_report.paragraphs:
        for proposal in findings.new_places:
            assert not any(proposal.start < m["end"] and m["start"] < proposal.end for m in findings.places)
    assert not any(p.new_places for p in first_report.paragraphs)


def test_without_a_place_finder_places_are_empty_and_proposals_remain(reports):
    found = recognise(reports["dailynk-2018-02-28"], organisations=table("organisations"))
    assert all(p.places == () for p in found.paragraphs)
    assert {n.name for n in found.paragraph(8).new_places} >= {"Hyetan", "Yonbong"}


def test_the_report_date_defaults_to_the_reports_own(reports):
    found = recognise(reports["nkinsider-2025-10-27"], organisations=table("organisations"))
    assert found.report_date == reports["nkinsider-2025-10-27"].date
    assert found.paragraph(8).dates[0].how.startswith("unresolved")  # no events table given


def test_to_dict_is_plain_json(first_report):
    data = json.loads(json.dumps(first_report.to_dict()))
    assert data["report"]["paragraph_count"] == len(data["paragraphs"])
    assert data["paragraphs"][7]["places"][0].keys() >= {"start", "end", "text", "place_id"}


def test_highlighted_html_escapes_every_piece_of_report_text():
    report = report_from_text(HOSTILE)
    hostile_orgs = [*table("organisations"), {"id": "x\"><b>", "name": "Hyesan <img src=x onerror=alert(1)>"}]
    found = recognise(report, organisations=hostile_orgs, place_finder=place_finder, report_date="2025-10-27")
    page = render_highlights(found)
    tree = lxml.html.fragment_fromstring(page)
    assert {element.tag for element in tree.iter()} == {"article", "h3", "p", "span", "mark"}
    assert not [name for element in tree.iter() for name in element.attrib if name.startswith("on")]
    assert "`" not in page and "${" not in page
    assert [p.text_content() for p in tree.iter("p")] == [f"{p.number} {p.text}" for p in found.paragraphs]
    assert tree.find("h3").text == report.title
    assert len(list(tree.iter("mark"))) >= 4


def test_each_mark_names_its_kind_and_overlaps_keep_the_longest():
    report = report_from_text("T\nThe units in Hyetan took $5 in Hyesan since 2020.")
    found = recognise(report, organisations=table("organisations"), place_finder=place_finder)
    marks = highlights(found.paragraph(1))
    kinds = [(found.paragraph(1).text[s:e], kind) for s, e, kind, _ in marks]
    assert kinds == [("units in Hyetan", "organisation"), ("$5", "amount"), ("Hyesan", "place"),
                     ("since 2020", "date")]
    tree = lxml.html.fragment_fromstring(render_highlights(found))
    assert [(m.get("data-kind"), m.get("class")) for m in tree.iter("mark")] == [
        (kind, f"hl hl-{kind}") for _, kind in kinds]


@pytest.mark.skipif(not SHARED_SOURCES.exists(), reason="../shared/sources is not beside the project")
def test_command_line_prints_paragraphs_and_findings_as_json(capsys, sources):
    path = SHARED_SOURCES / report_files()["nkinsider-2025-10-27"]
    assert main([str(path), "--json", "--date", "2025-10-27"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["paragraphs"]) == int(sources["nkinsider-2025-10-27"]["paragraphs"])
    eight = data["paragraphs"][7]
    assert [(a["minimum"], a["maximum"], a["currency"]) for a in eight["amounts"]] == [
        (8000, 15000, "CNY"), (25000, 30000, "CNY")]
    assert eight["dates"][0]["value"] == "2020-01-22" and eight["places"] == []
    assert "mss" in {o["org_id"] for o in data["paragraphs"][0]["organisations"]}


def test_command_line_refuses_a_bad_file_with_a_message(tmp_path, capsys):
    bad = tmp_path / "junk.docx"
    bad.write_bytes(b"not a zip")
    assert main([str(bad), "--json"]) == 2
    assert "junk.docx is not a Word (.docx) file" in capsys.readouterr().err
    assert main([str(tmp_path / "missing.txt")]) == 2
    assert main([str(bad), "--date", "28/02/2018"]) == 2


def test_the_module_runs_as_a_command(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("A note\nThe MSS took 500 yuan in Samsu and Kapsan last year.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "border_atlas.ingest", str(path), "--json", "--date", "2025-10-27"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=True)
    (paragraph,) = json.loads(done.stdout)["paragraphs"]
    assert [d["value"] for d in paragraph["dates"]] == ["2024"]
    samsu, kapsan = paragraph["places"]  # the gazetteer knows both: no new-place proposal is left
    assert (samsu["text"], samsu["place_id"], samsu["precision"]) == ("Samsu", "samsu", "centroid")
    assert (kapsan["text"], kapsan["place_id"], kapsan["geonames_id"], kapsan["name"]) == (
        "Kapsan", None, 2043531, "Kapsan-ŭp")
    geonames = next(place for place in load_reference_places() if place.geonames_id == 2043531)
    assert (kapsan["lat"], kapsan["lon"], kapsan["precision"]) == (geonames.lat, geonames.lon, "point")
    assert kapsan["score"] == 100 and kapsan["candidates"] == []
    assert paragraph["new_places"] == []
