"""The time player in a real browser: played from 2017 to today, each record drawn only in its windows."""

from __future__ import annotations

import pytest
from browser_helpers import MAP_FRAME, artifact
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Per frame: its stamp and, per drawn place, the chips it shows (text and years).
SEEN_JS = """() => {
    const map = document.querySelector(".leaflet-container");
    const places = {};
    map.querySelectorAll(".leaflet-marker-pane .ba-marker").forEach(m => {
        const id = m.className.split("ba-marker ba-")[1].split(" ")[0];
        places[id] = Array.from(m.querySelectorAll(".ba-chip[data-chip]"))
            .filter(c => getComputedStyle(c).display !== "none").map(c => c.textContent);
    });
    return {label: map.dataset.baFrameLabel, frame: Number(map.dataset.baFrame), places: places};
}"""


def open_player(page, url):
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".ba-player .stamp")).to_have_text("2017 Q1", timeout=45_000)
    return frame


def test_playing_from_2017_to_today_draws_each_record_only_in_its_windows(page, app_url):
    frame = open_player(page, f"{app_url}/?window=quarter&at=2017-01-01")
    inner = next(f for f in page.frames if "st_folium" in f.url)
    count = inner.evaluate("() => window.baPlayback.count")
    seen = [inner.evaluate(SEEN_JS)]
    forward = frame.get_by_role("button", name="Step forward")
    for _ in range(count - 1):
        forward.click()
        seen.append(inner.evaluate(SEEN_JS))
    labels = [s["label"] for s in seen]
    assert labels[0] == "2017 Q1" and labels[-1].startswith("2026") and len(set(labels)) == count
    # Known from the 2020-01-22 closure to its report, 2025-10-27 (the project's known-period rule).
    covid, reported = labels.index("2020 Q1"), labels.index("2025 Q4")
    for k, state in enumerate(seen):
        chips = state["places"]
        mss_after_covid = any(c.startswith("MSS") and "2020–" in c for c in chips.get("ryanggang", []))
        assert mss_after_covid == (covid <= k <= reported), state["label"]
        pairings = {place for place, texts in chips.items() if any("⇄ border units" in t for t in texts)}
        assert pairings == ({"hyetan", "kangan", "samsu"} if state["label"] == "2018 Q1" else set()), state["label"]
        assert ("pyongyang" in chips) == (state["label"] == "2017 Q1"), state["label"]
    # The stamp and the slider follow; playing runs to the last window by itself.
    frame.locator(".ba-player select").select_option("8")
    frame.locator(".ba-player input[type=range]").fill("20")
    expect(frame.locator(".ba-player .stamp")).to_have_text(labels[20])
    frame.get_by_role("button", name="Play").click()
    expect(frame.locator(".ba-player .stamp")).to_have_text(labels[-1], timeout=20_000)
    expect(frame.get_by_role("button", name="Play")).to_be_visible()  # stopped at the end


def test_a_link_with_a_window_reopens_at_it(page, app_url):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{app_url}/?window=month&at=2018-02-01&org=office-39")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".ba-player .stamp")).to_have_text("February 2018", timeout=45_000)
    expect(page.get_by_text("Window: February 2018 (a month at a time)")).to_be_visible()
    # The map draws the chosen window: the pairings, not the MSS's later control.
    expect(frame.locator(".ba-marker.ba-hyetan")).to_have_count(1)
    page.screenshot(path=artifact("playback-link-1440.png"))
