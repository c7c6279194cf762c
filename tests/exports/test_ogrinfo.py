"""GDAL reads every export without a warning and finds every feature (ogrinfo from Debian's gdal-bin).

Without ogrinfo these tests skip with a hint, except under CI=true, where they fail.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from border_atlas import FilterState, select
from border_atlas.exports import places_kml, records_csv, records_geojson
from border_atlas.exports.kml_export import DISPLAY_FOLDER

INSTALL_HINT = "Install GDAL's command-line tools: sudo apt-get install gdal-bin"
NS = {"k": "http://www.opengis.net/kml/2.2"}
COMPLAINT = re.compile(r"^\s*(Warning|ERROR)\b", re.MULTILINE)
STATES = {"bundled": FilterState(), "one organisation": FilterState(orgs=("brigade-25",))}


@pytest.fixture(scope="module")
def ogrinfo() -> str:
    path = shutil.which("ogrinfo")
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"ogrinfo is missing on CI. {INSTALL_HINT}")
        pytest.skip(f"No ogrinfo. {INSTALL_HINT}")
    return path


def run(ogrinfo: str, path: Path, *options: str) -> str:
    """ogrinfo's report on every layer; fails on a non-zero exit, a warning or an error."""
    result = subprocess.run([ogrinfo, "-ro", "-al", *options, str(path)], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    complaints = COMPLAINT.findall(result.stderr) + COMPLAINT.findall(result.stdout)
    assert not complaints, result.stderr + result.stdout
    assert "Warning" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    return result.stdout


def layer_counts(summary: str) -> dict[str, int]:
    names = re.findall(r"^Layer name: (.*)$", summary, re.MULTILINE)
    counts = [int(n) for n in re.findall(r"^Feature Count: (\d+)$", summary, re.MULTILINE)]
    assert len(names) == len(counts), summary
    return dict(zip(names, counts))


def write(tmp_path: Path, selection, kind: str) -> Path:
    target = tmp_path / f"records.{kind}"
    if kind == "csv":
        target.write_bytes(records_csv(selection))
    elif kind == "geojson":
        target.write_text(records_geojson(selection), encoding="utf-8")
    else:
        target.write_text(places_kml(selection), encoding="utf-8")
    return target


def _selection(dataset, name: str):
    if name != "hostile names":
        return select(dataset, STATES[name])
    places, orgs = dataset.places.copy(), dataset.organisations.copy()
    places.loc[places["id"] == "kangan", "name"] = "Kangan <&]]>\"\x00\x1b\u202e"
    orgs.loc[orgs["id"] == "brigade-25", "name"] = "25th <b>&amp; \x00\u202e"
    return select(dataclasses.replace(dataset, places=places, organisations=orgs), STATES["one organisation"])


SELECTIONS = [*STATES, "hostile names"]
# GDAL's CSV reader ends a line at NUL, so a quote inside a cell would swallow the records after
# it: records_csv replaces control characters, and the hostile names check that it does.
RECORD_CASES = [(name, kind) for name in SELECTIONS for kind in ("csv", "geojson")]


@pytest.mark.parametrize(("name", "kind"), RECORD_CASES)
def test_record_exports_read_cleanly_with_one_feature_per_record(ogrinfo, dataset, tmp_path, name, kind):
    selection = _selection(dataset, name)
    path = write(tmp_path, selection, kind)
    counts = layer_counts(run(ogrinfo, path, "-so"))
    assert list(counts.values()) == [len(selection.records)]
    assert run(ogrinfo, path).count("OGRFeature(") == len(selection.records)


@pytest.mark.parametrize("name", SELECTIONS)
def test_kml_reads_cleanly_with_a_layer_per_folder(ogrinfo, dataset, tmp_path, name):
    selection = _selection(dataset, name)
    path = write(tmp_path, selection, "kml")
    counts = layer_counts(run(ogrinfo, path, "-so"))
    root = etree.parse(str(path)).getroot()
    folders = {f.findtext("k:name", namespaces=NS): len(f.findall("k:Placemark", NS))
               for f in root.iterfind("k:Document/k:Folder", NS)}
    assert sorted(counts.values()) == sorted(folders.values())
    positioned = selection.records.dropna(subset=["place_lat", "place_lon"])
    copies = folders.get(DISPLAY_FOLDER, 0)
    assert sum(counts.values()) == len(positioned) + copies
    if name != "hostile names":  # layer names are the folder names
        assert counts == folders
    assert run(ogrinfo, path).count("OGRFeature(") == len(positioned) + copies
