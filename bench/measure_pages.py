"""Every page of the atlas in headless Chromium at 1,000 to 100,000 records: script finished, painted, bytes sent,
and the server's memory after six sessions have visited every page.

Run by hand (never in the test suite); prints a Markdown table of medians for the README and bench/README.md.

    python bench/measure_pages.py [--repeat 5] [--sizes 1k,10k,100k,1m] [--sessions 6] [--pages NAME,...] [--floor]
                                  [--json FILE]

Per synthetic archive (bench/synthetic.py), one server (``streamlit run`` with ``BORDER_ATLAS_DATA``), a first
visit to load the dataset, then for each page ``repeat`` visits, each in a new browser context at 1920x1080:

- script finished: from the navigation to the websocket's ``script_finished`` message (Python's clock);
- painted: from navigation start to the page's content drawn (the page's own clock: the map's places, the
  charts' SVG, the graph, the tables; then one animation frame);
- sent: the bytes the websocket received until then;
- server CPU: the server process's CPU seconds per visit, which a shared machine's load barely moves.

``--floor`` also visits a page of one line of text on the same Streamlit, in the same way: what any page
costs (the frontend's download and start, the websocket, a session) before a line of its script runs.

``--pages`` times only the pages named (e.g. ``"Before and after"``); the sessions still visit every page. ``1m``
is 1,000,000 records over 10,000 places: for the server's memory (``--repeat 1`` is enough).

A first server imports the archive into a database of its own (beside the archive) and is stopped: its peak
memory is the one-time import's. The visits run on a second server started on that database, as a server
runs after its first start (the dataset read from the database and the table cache). Then ``--sessions``
browser contexts are opened side by side and kept open, each visiting every page through
the sidebar's links (the briefing view by its switch), and the server's peak resident memory (VmHWM) is read.
The load average is printed beside the numbers: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.measure_browser import SIZES as BROWSER_SIZES  # noqa: E402
from bench.measure_browser import VIEWPORT, Wire, peak_rss_mib  # noqa: E402
from bench.synthetic import write_archive  # noqa: E402
from border_atlas.runtime.chromium import CHROMIUM_ARGS, chromium_path  # noqa: E402
from tests.browser_helpers import _free_port, start_app, stop_app  # noqa: E402

SIZES = {**BROWSER_SIZES, "1m": (1_000_000, 10_000)}
TIMEOUT_MS = 300_000
# The first visit imports the archive into the server's database and fills the table cache: at 1,000,000
# records on a shared machine, longer than a page may take.
LOAD_TIMEOUT_MS = 3_600_000
# The map in an iframe is drawn: the compact layer has drawn, or the detailed map has its markers.
_MAP_DRAWN = """(doc => !!doc && [...doc.querySelectorAll('.leaflet-container')].length >= {maps}
    && [...doc.querySelectorAll('.leaflet-container')].every(m => Number(m.dataset.baCompactDraws || 0) > 0
                                                              || m.querySelector('.ba-marker, .ba-landmark')))"""
_FOLIUM = "document.querySelector('iframe[title=\"streamlit_folium.st_folium\"]')?.contentDocument"
_DOCUMENT = ("[...document.querySelectorAll('iframe')].map(f => f.contentDocument)"
             ".find(d => d && d.querySelector('.leaflet-container'))")
# Page: (path, its link's name in the sidebar, when it is painted).
PAGES = {
    "dashboard": ("", "Map", _MAP_DRAWN.format(maps=1) + f"({_FOLIUM})"),
    "Before and after": ("Before_and_after", "Before and after", _MAP_DRAWN.format(maps=2) + f"({_DOCUMENT})"
                         + " && document.querySelectorAll('[class*=st-key-ba-control-]').length >= 2"),
    "Timeline": ("Timeline", "Timeline", "document.querySelectorAll('.vega-embed svg').length >= 4"),
    "Organisations": ("Organisations", "Organisations",
                      "document.querySelectorAll('[data-testid=stGraphVizChart] svg').length >= 2 && "
                      + _MAP_DRAWN.format(maps=1) + f"({_FOLIUM})"),
    "Sources": ("Sources", "Sources", "document.body.innerText.includes('Reference works') && "
                "document.querySelectorAll('[data-testid=stDataFrame] canvas').length >= 5"),
    "briefing view": ("?briefing=1", None, _MAP_DRAWN.format(maps=1) + f"({_DOCUMENT})"),
}
PAINTED = "() => new Promise(done => requestAnimationFrame(() => setTimeout(() => done(performance.now() / 1e3), 0)))"


def cpu_seconds(pid: int) -> float:
    """The process's CPU time so far (user and system): unlike the clock, barely moved by a shared machine's load."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def finished_at(wire: Wire, mark: int) -> float | None:
    """Python's clock when the first ``script_finished`` after frame ``mark`` arrived."""
    return next((at for at, _, parts in wire.frames[mark:] if "script_finished" in parts), None)


def visit(browser, url: str, path: str, ready: str, timeout_ms: int = TIMEOUT_MS) -> dict:
    """One visit in a new browser context: script finished, painted, bytes received until painted."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    wire = Wire(page)
    try:
        started = time.monotonic()
        page.goto(f"{url}/{path}")
        page.wait_for_function(f"() => {{ try {{ return !!({ready}); }} catch (e) {{ return false; }} }}",
                               timeout=timeout_ms, polling=100)
        painted = page.evaluate(PAINTED)
        while finished_at(wire, 0) is None and time.monotonic() - started < timeout_ms / 1e3:
            page.wait_for_timeout(50)
        return {"script_s": finished_at(wire, 0) - started, "painted_s": painted, "bytes": wire.since(0)[0]}
    finally:
        context.close()


def tour(browser, url: str) -> object:
    """A session that visits every page through the sidebar's links, then the briefing view; left open."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(url)
    for _, (_, link, ready) in PAGES.items():
        if link is None:
            page.get_by_role("link", name="Map").click()
            page.get_by_text("Briefing view", exact=True).click()
        else:
            page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=link).click()
        page.wait_for_function(f"() => {{ try {{ return !!({ready}); }} catch (e) {{ return false; }} }}",
                               timeout=TIMEOUT_MS, polling=250)
    return context


def imported(browser, folder: Path, env: dict[str, str]) -> float:
    """A first server imports the archive into its database and fills the table cache: its peak memory (MiB)."""
    url, process = start_app(data=folder, env=env)
    try:
        visit(browser, url, "", PAGES["dashboard"][2], LOAD_TIMEOUT_MS)
        return peak_rss_mib(process.pid)
    finally:
        stop_app(process)


def measure(browser, folder: Path, repeat: int, sessions: int, timed: list[str]) -> dict:
    """The pages on a server restarted on the imported archive, as a server runs after its first start: the
    one-time import's peak is measured apart (``import_rss_mib``). The database lives beside the archive."""
    env = {"BORDER_ATLAS_DATABASE": f"sqlite:///{folder.parent / (folder.name + '.sqlite3')}"}
    rows = {"import_rss_mib": imported(browser, folder, env)}
    url, process = start_app(data=folder, env=env)
    try:
        visit(browser, url, "", PAGES["dashboard"][2], LOAD_TIMEOUT_MS)  # the server loads the dataset
        rows |= {"loaded_rss_mib": peak_rss_mib(process.pid), "load_average": os.getloadavg()}
        for name in timed:
            path, _, ready = PAGES[name]
            before = cpu_seconds(process.pid)
            rows[name] = [visit(browser, url, path, ready) for _ in range(repeat)]
            rows[f"{name} server cpu s"] = (cpu_seconds(process.pid) - before) / repeat
            print(name, json.dumps(rows[name]), file=sys.stderr, flush=True)
        rows["visits_rss_mib"] = peak_rss_mib(process.pid)
        open_sessions = [tour(browser, url) for _ in range(sessions)]
        rows["sessions_rss_mib"] = peak_rss_mib(process.pid)
        rows["load_average_end"] = os.getloadavg()
        for context in open_sessions:
            context.close()
        return rows
    finally:
        stop_app(process)


FLOOR_TEXT = "Streamlit alone"


def floor(browser, repeat: int) -> tuple[list[dict], float]:
    """The same visit to a page of one line of text on the same Streamlit: what any page costs before its script."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "one_line.py"
        script.write_text(f"import streamlit as st\n\nst.write({FLOOR_TEXT!r})\n", encoding="utf-8")
        port = _free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
            cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_healthy(url)
            ready = f"document.body.innerText.includes({FLOOR_TEXT!r})"
            visit(browser, url, "", ready)  # the first visit compiles nothing of ours but warms the server
            before = cpu_seconds(process.pid)
            runs = [visit(browser, url, "", ready) for _ in range(repeat)]
            return runs, (cpu_seconds(process.pid) - before) / repeat
        finally:
            stop_app(process)


def _wait_healthy(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not start within 60 s")


def table(results: dict[str, dict], sessions: int) -> str:
    med = statistics.median
    lines = ["| records | page | script finished s (min–max) | painted s (min–max) | sent MB | server CPU s a visit |",
             "|---|---|---|---|---|---|"]
    for label, rows in results.items():
        if label.startswith("floor"):
            continue
        for name in [name for name in PAGES if name in rows]:
            runs = rows[name]
            script, painted = [r["script_s"] for r in runs], [r["painted_s"] for r in runs]
            lines.append(f"| {SIZES[label][0]:,} | {name} | {med(script):.1f} ({min(script):.1f}–{max(script):.1f}) "
                         f"| {med(painted):.1f} ({min(painted):.1f}–{max(painted):.1f}) "
                         f"| {med(r['bytes'] for r in runs) / 1e6:.2f} | {rows.get(f'{name} server cpu s', 0):.2f} |")
    if "floor" in results:
        runs = results["floor"]
        script, painted = [r["script_s"] for r in runs], [r["painted_s"] for r in runs]
        lines.append(f"| any | Streamlit alone (one line of text) "
                     f"| {med(script):.1f} ({min(script):.1f}–{max(script):.1f}) "
                     f"| {med(painted):.1f} ({min(painted):.1f}–{max(painted):.1f}) "
                     f"| {med(r['bytes'] for r in runs) / 1e6:.2f} | {results.get('floor server cpu s', 0):.2f} |")
    lines.append("")
    for label, rows in results.items():
        if label.startswith("floor"):
            continue
        load = ", ".join(f"{x:.1f}" for x in rows["load_average"])
        end = ", ".join(f"{x:.1f}" for x in rows["load_average_end"])
        lines.append(f"- {SIZES[label][0]:,} records: the first start's import peaks at "
                     f"{rows['import_rss_mib']:.0f} MiB; "
                     f"restarted, the server holds {rows['loaded_rss_mib']:.0f} MiB with the dataset, "
                     f"{rows['visits_rss_mib']:.0f} MiB after the visits, {rows['sessions_rss_mib']:.0f} MiB with "
                     f"{sessions} sessions open that visited every page (peaks); load average {load} at the start, "
                     f"{end} at the end")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="1k,10k,100k")
    parser.add_argument("--sessions", type=int, default=6)
    parser.add_argument("--pages", default=",".join(PAGES), help=f"comma-separated, of {', '.join(PAGES)}")
    parser.add_argument("--floor", action="store_true",
                        help="also visit a one-line Streamlit page: the cost of any page before its own script")
    parser.add_argument("--json", type=Path, help="also write every run's numbers here")
    args = parser.parse_args()
    timed = [name.strip() for name in args.pages.split(",")]
    if unknown := [name for name in timed if name not in PAGES]:
        parser.error(f"unknown page(s): {', '.join(unknown)}")
    results = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))
        for label in filter(None, args.sizes.split(",")):
            n_records, n_places = SIZES[label]
            folder = write_archive(Path(tmp) / label, n_records=n_records, n_places=n_places)
            results[label] = measure(browser, folder, args.repeat, args.sessions, timed)
        if args.floor:
            results["floor"], results["floor server cpu s"] = floor(browser, args.repeat)
        browser.close()
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(table(results, args.sessions))


if __name__ == "__main__":
    main()
