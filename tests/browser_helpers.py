"""Helpers for the browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def artifact(name: str) -> Path:
    """Where a test saves a screenshot for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(*, data: Path | None = None, env: dict[str, str] | None = None,
              base_path: str = "") -> tuple[str, subprocess.Popen]:
    """The real app, started as `make run` starts it (`streamlit run app.py`) on a free local port.

    ``data``: its tables; ``env``: more environment (e.g. ``BORDER_ATLAS_BASEMAPS``; the tests' own
    default is "off", so that no user's basemaps are read); ``base_path``: the path it is served under, as
    behind a proxy (``server.baseUrlPath``); the URL returned ends with it.
    """
    port = _free_port()
    env = {**os.environ, "BORDER_ATLAS_DATA": str(data) if data else "", **(env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--server.baseUrlPath", base_path],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}" + (f"/{base_path}" if base_path else "")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return url, process
        except OSError:
            time.sleep(0.3)
    process.kill()
    pytest.fail("the app did not start within 60 s")


def stop_app(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=10)


# Boxes of every label that is shown, and of the controls, per map container, in that container's frame.
GEOMETRY = """() => Array.from(document.querySelectorAll(".leaflet-container")).map(map => {
    const origin = map.getBoundingClientRect();
    const box = el => { const r = el.getBoundingClientRect();
        return {x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height}; };
    const shown = el => getComputedStyle(el).visibility !== "hidden" && getComputedStyle(el).display !== "none"
        && el.offsetWidth > 0;
    return {
        size: {w: origin.width, h: origin.height},
        labels: Array.from(map.querySelectorAll(".leaflet-marker-pane .ba-label")).filter(shown).map(el =>
            Object.assign(box(el), {name: el.querySelector("b").textContent})),
        controls: Array.from(map.querySelectorAll(".leaflet-control")).filter(shown).map(el =>
            Object.assign(box(el), {name: el.className})),
        symbols: Array.from(map.querySelectorAll(".leaflet-marker-pane .ba-marker .ba-sym")).filter(shown).map(el =>
            Object.assign(box(el), {name: el.closest(".ba-marker").getAttribute("title") || ""})),
    };
})"""


def overlap(a, b) -> float:
    w = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    h = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    return w * h if w > 0 and h > 0 else 0


def check_maps(maps: list[dict]) -> int:
    labelled = 0
    for m in maps:
        for label in m["labels"]:
            inside = label["x"] >= 0 and label["y"] >= 0 and label["x"] + label["w"] <= m["size"]["w"] + 0.5 \
                and label["y"] + label["h"] <= m["size"]["h"] + 0.5
            assert inside, f"label {label['name']!r} crosses the map's edge: {label} in {m['size']}"
            for control in m["controls"]:
                assert overlap(label, control) < 1, f"label {label['name']!r} covers {control['name']}"
            for other in m["labels"]:
                if other is not label:
                    assert overlap(label, other) < 1, f"labels {label['name']!r} and {other['name']!r} overlap"
        labelled += len(m["labels"])
    return labelled


def check_controls(maps: list[dict]) -> None:
    """No two controls of a map cover each other (the legend, north arrow, scale, inset...)."""
    for m in maps:
        for number, control in enumerate(m["controls"]):
            for other in m["controls"][number + 1:]:
                assert overlap(control, other) < 1, f"{control['name']!r} and {other['name']!r} overlap in {m['size']}"
