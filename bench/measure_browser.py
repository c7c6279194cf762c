"""The atlas in headless Chromium from 1,000 to 100,000 records: first paint, filter change to redraw, bytes, memory.

Run by hand (never in the test suite); prints Markdown tables of medians for bench/README.md.

    python bench/measure_browser.py [--repeat 5] [--sizes 1k,10k,100k] [--naive-limit 10000] [--skip-python]

Per synthetic archive (records over places, see bench/synthetic.py), the real app (``streamlit run``
with ``BORDER_ATLAS_DATA``) driven by Playwright in Debian's Chromium at 1920x1080:

- first paint: from navigation start (the top page's ``performance.timeOrigin``) to the compact layer
  drawn inside the streamlit-folium iframe (its ``data-ba-compact-draws`` attribute set, then one
  animation frame). "Cold" is the first page a freshly started server serves (the dataset is loaded
  and validated then); "warm" a new browser session on a server that has the dataset;
- filter change: from the click on an organisation in the sidebar's Organisation multiselect to
  the last redraw of the compact layer in the iframe (one animation frame after it), each change
  adding one organisation; the bytes the websocket received meanwhile, in all and for the map (the
  streamlit-folium element), parsed as Streamlit's ``ForwardMsg``;
- the server's peak resident memory (``VmHWM``) after all of it.

Both times come from the page's own clock (``performance.timeOrigin + performance.now()``, the
same epoch in the page and its iframe), so Playwright's polling adds nothing to them.

Baselines, in the same browser: a standalone page of ``bench.baselines.naive_map`` (a Marker and
Popup per record; up to ``--naive-limit`` records) and of ``fast_cluster_map``, each from navigation
start to its markers drawn (load event, then one animation frame). That is a proxy for their
redraw: a plain folium map in streamlit-folium is sent and loaded whole again on each change.

Python only (``--skip-python`` leaves it out): the CSV, GeoJSON and KML exports of 100,000 records,
and 1,000,000 records loaded from the Parquet cache, then selected, with the map's bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from bench.baselines import fast_cluster_map, naive_map  # noqa: E402
from bench.measure_scale import sent_on_filter_change  # noqa: E402
from bench.synthetic import write_archive  # noqa: E402
from border_atlas import FilterState, load_dataset, select  # noqa: E402
from border_atlas.exports import EXPORTS  # noqa: E402
from border_atlas.filters.link import BriefingText  # noqa: E402
from border_atlas.runtime.chromium import CHROMIUM_ARGS, chromium_path  # noqa: E402
from tests.browser_helpers import MAP_FRAME, start_app, stop_app  # noqa: E402

SIZES = {"1k": (1_000, 100), "10k": (10_000, 1_000), "100k": (100_000, 10_000)}
VIEWPORT = {"width": 1920, "height": 1080}
# Organisations added one by one in the sidebar, one filter change each (the first one warms up). None is
# part of another in the list (an organisation's filter takes in its subordinates: adding Mirim after
# Office 39 would change nothing, and an unchanged map is not drawn again).
ORGANISATIONS = ("Office 39", "Hyesan Customs Office", "KPA 10th Corps", "Ministry of Social Security",
                 "Private companies (unnamed)", "Border units in Hyetan", "Border units in Kangan",
                 "Border units in Samsu", "Ministry of State Security")
SETTLED_S = 1.5  # no redraw and no websocket frame for this long: the change is over
TIMEOUT_S = 180

# In the top page: the clicks on a list option, and every change drawn in the map iframe (``changes``: the
# map's DOM; ``draws``: the compact layer finished), each as an epoch time in ms once the iframe's next
# animation frame has run. The component's document replaces the iframe's first, blank one in the same
# window, where an init script does not run again: the top page watches the iframe for it.
PROBE = """(() => {
    if (window.top !== window) return;
    const now = () => performance.timeOrigin + performance.now();
    const bench = window.__bench = {picks: [], draws: [], changes: []};
    addEventListener("click", e => {
        if (e.target.closest && e.target.closest('[role="option"]')) bench.picks.push(now());
    }, true);
    let watched = null;
    setInterval(() => {
        const iframe = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
        const inner = iframe && iframe.contentWindow, doc = inner && inner.document;
        if (!doc || doc === watched || doc.URL === "about:blank") return;
        watched = doc;
        new inner.MutationObserver(changes => {
            const drawn = changes.some(c => c.attributeName === "data-ba-compact-draws");
            inner.requestAnimationFrame(() => inner.setTimeout(() => {
                bench.changes.push(now());
                if (drawn) bench.draws.push(now());
            }, 0));
        }).observe(doc, {subtree: true, childList: true, attributes: true,
                         attributeFilter: ["data-ba-compact-draws"]});
    }, 5);
})();"""
MAP_DOCUMENT = f"document.querySelector('{MAP_FRAME}').contentDocument"
# What the map draws now: the detailed map's chips, or the compact layer's points.
DRAWN = f"""() => {{
    const doc = {MAP_DOCUMENT}, chips = doc.querySelectorAll('.ba-marker').length;
    return chips ? ['detailed', chips]
                 : ['compact', Number(doc.querySelector('.leaflet-container').dataset.baCompactPlaces || 0)];
}}"""
DRAW_COUNT = f"() => Number({MAP_DOCUMENT}.querySelector('.leaflet-container').dataset.baCompactDraws || 0)"
# A standalone page: navigation start to its markers drawn (after the load event, one animation frame on).
PAINTED = """() => new Promise(done => requestAnimationFrame(() => setTimeout(() => done({
    ms: performance.now(), markers: document.querySelectorAll('.leaflet-marker-icon').length}), 0)))"""


class Wire:
    """The bytes a page's websocket receives, in all and by the kind of element they carry."""

    def __init__(self, page):
        self.frames: list[tuple[float, int, dict[str, int]]] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._received))

    def _received(self, payload) -> None:
        data = payload if isinstance(payload, bytes) else payload.encode("utf-8")
        self.frames.append((time.monotonic(), len(data), kinds(data)))

    def since(self, mark: int) -> tuple[int, dict[str, int]]:
        total, by_kind = 0, {}
        for _, size, parts in self.frames[mark:]:
            total += size
            for kind, n in parts.items():
                by_kind[kind] = by_kind.get(kind, 0) + n
        return total, by_kind


def kinds(data: bytes) -> dict[str, int]:
    """A ForwardMsg's size under the name of what it carries ("component_instance" is the map)."""
    try:
        message = ForwardMsg.FromString(data)
    except Exception:  # noqa: BLE001 - not a ForwardMsg: counted in the total only
        return {"unparsed": len(data)}
    kind = message.WhichOneof("type") or "empty"
    if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
        kind = message.delta.new_element.WhichOneof("type")
    parts = {kind: len(data)}
    if kind == "component_instance":  # the map: its arguments one by one (base map script, data layers...)
        arguments = json.loads(message.delta.new_element.component_instance.json_args or "{}")
        parts |= {f"map {name}": len(json.dumps(value).encode("utf-8")) for name, value in arguments.items()}
    return parts


def wait_for_draws(page, count: int) -> None:
    """Until the map iframe has drawn the compact layer more than ``count`` times (and that draw is painted)."""
    page.wait_for_function(f"() => window.__bench.draws.length > {count}", timeout=TIMEOUT_S * 1000)


def first_paint(browser, url: str) -> float:
    """Seconds from navigation start to the compact layer drawn in the map iframe, in a new session."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(PROBE)
    page = context.new_page()
    try:
        page.goto(url)
        wait_for_draws(page, 0)
        return page.evaluate("() => (window.__bench.draws[0] - performance.timeOrigin) / 1e3")
    finally:
        context.close()


def settle(page, wire: Wire, key: str, before: int, mark: int) -> None:
    """Wait for ``window.__bench[key]`` to grow past ``before`` and the script run to finish (websocket frames
    after ``mark``), then until neither the map nor the websocket changed for SETTLED_S."""
    page.wait_for_function(f"() => window.__bench.{key}.length > {before}", timeout=TIMEOUT_S * 1000)
    deadline = time.monotonic() + TIMEOUT_S
    while not any("script_finished" in parts for _, _, parts in wire.frames[mark:]):
        if time.monotonic() > deadline:
            raise TimeoutError(f"the script run did not finish within {TIMEOUT_S} s")
        page.wait_for_timeout(100)
    while True:
        changes = page.evaluate("() => window.__bench.changes.length")
        page.wait_for_timeout(SETTLED_S * 1000)
        quiet = not wire.frames or time.monotonic() - wire.frames[-1][0] >= SETTLED_S
        if quiet and page.evaluate("() => window.__bench.changes.length") == changes:
            break
    # Every compact draw was seen (none came before the probe found the iframe's document).
    assert page.evaluate(DRAW_COUNT) == page.evaluate("() => window.__bench.draws.length"), "a redraw was missed"


def pick_organisation(page, name: str) -> None:
    """Pick ``name`` in the Organisation multiselect."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    box.locator("input").click()
    page.keyboard.type(name)
    option = page.get_by_role("option", name=name).first
    option.click()
    page.keyboard.press("Escape")


def filter_change(page, wire: Wire, name: str) -> dict:
    """Add one organisation; time to the map's last change, bytes received, what the map draws after it.

    ``first_change_s``: from the click to the map's first change (the old layer taken away as the new one
    arrives), about the server's share and the transfer; the rest of ``s`` is the browser drawing.
    """
    before = page.evaluate("() => window.__bench.changes.length")
    mark = len(wire.frames)
    pick_organisation(page, name)
    settle(page, wire, "changes", before, mark)
    seconds, first = page.evaluate(f"""() => {{ const b = window.__bench, picked = b.picks.at(-1);
        return [(b.changes.at(-1) - picked) / 1e3, (b.changes[{before}] - picked) / 1e3]; }}""")
    total, by_kind = wire.since(mark)
    mode, drawn = page.evaluate(DRAWN)
    return {"organisation": name, "s": seconds, "bytes": total, "map_bytes": by_kind.get("component_instance", 0),
            "first_change_s": first, "by_kind": by_kind, "mode": mode, "drawn": drawn}


def peak_rss_mib(pid: int) -> float:
    """The process's peak resident set (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def cold_first_paints(browser, folder: Path, repeat: int) -> list[float]:
    """First paint of the first page a freshly started server serves (it loads the dataset then)."""
    paints = []
    for _ in range(repeat):
        url, process = start_app(data=folder)
        try:
            paints.append(first_paint(browser, url))
        finally:
            stop_app(process)
    return paints


def measure_app(browser, folder: Path, repeat: int) -> dict:
    """Cold and warm first paints, ``repeat`` filter changes (after one to warm up) and the server's peak RSS."""
    row = {"cold_paint": cold_first_paints(browser, folder, repeat)}
    url, process = start_app(data=folder)
    try:
        first_paint(browser, url)  # the server loads the dataset
        row["rss_loaded_mib"] = peak_rss_mib(process.pid)
        row["warm_paint"] = [first_paint(browser, url) for _ in range(repeat)]
        row["rss_sessions_mib"] = peak_rss_mib(process.pid)
        context = browser.new_context(viewport=VIEWPORT)
        context.add_init_script(PROBE)
        page = context.new_page()
        wire = Wire(page)
        page.goto(url)
        settle(page, wire, "draws", 0, 0)
        row["drawn_before"] = page.evaluate(DRAWN)
        changes = [filter_change(page, wire, name) for name in ORGANISATIONS[: repeat + 1]]
        row["warm_up_change"], row["changes"] = changes[0], changes[1:]
        context.close()
        row["rss_mib"] = peak_rss_mib(process.pid)
    finally:
        stop_app(process)
    return row


def baseline_paints(browser, html: str, folder: Path, name: str, repeat: int) -> dict:
    """A standalone page from file: navigation start to its markers drawn, ``repeat`` times."""
    path = folder / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    paints, markers = [], 0
    for _ in range(repeat):
        page = browser.new_page(viewport=VIEWPORT)
        page.goto(path.as_uri(), wait_until="load", timeout=600_000)
        painted = page.evaluate(PAINTED)
        paints.append(painted["ms"] / 1e3)
        markers = painted["markers"]
        page.close()
    return {"paint": paints, "markers": markers, "mib": len(html.encode("utf-8")) / 2**20}


def measure_baselines(browser, folder: Path, n_records: int, repeat: int, naive_limit: int) -> dict:
    """The two folium baselines on the same points: Python build+render seconds, then paint in Chromium."""
    selection = select(load_dataset(folder), FilterState())
    row = {}
    for name, build, limit in (("fast", fast_cluster_map, None), ("naive", naive_map, naive_limit)):
        if limit is not None and n_records > limit:
            continue
        start = time.perf_counter()
        html = build(selection).get_root().render()
        built = time.perf_counter() - start
        row[name] = {"build_s": built, **baseline_paints(browser, html, folder.parent, f"{folder.name}-{name}", repeat)}
    return row


def timed(fn, repeat: int) -> tuple[list[float], object]:
    """Wall seconds of ``repeat`` calls, and the last call's result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return times, result


def measure_exports(folder: Path, repeat: int) -> dict:
    """CSV, GeoJSON and KML of every record of the archive: seconds of each run, and the file's size."""
    selection = select(load_dataset(folder), FilterState())
    rows = {"records": selection.count}
    for export in EXPORTS:
        if export.key in ("csv", "geojson", "kml"):
            runs, data = timed(lambda export=export: export.build(selection, BriefingText()), repeat)
            rows[export.label] = {"s": runs, "mib": len(data) / 2**20}
    return rows


def measure_million(folder: Path, cache: Path, repeat: int) -> dict:
    """A million records: validated once into the cache, then loaded from it, selected, and the map's bytes."""
    (cold,), _ = timed(lambda: load_dataset(folder, cache=cache), 1)
    runs, dataset = timed(lambda: load_dataset(folder, cache=cache), repeat)
    (first_select,), selection = timed(lambda: select(dataset, FilterState()), 1)
    select_runs, _ = timed(lambda: select(dataset, FilterState()), repeat)
    script = sent_on_filter_change(selection)
    return {"records": len(dataset.assignments), "cold_s": cold, "cached_s": runs, "first_select_s": first_select,
            "select_s": select_runs, "drawn": len(selection.places) + len(selection.landmarks),
            "map_bytes": len(script.encode("utf-8")), "rss_mib": peak_rss_mib(os.getpid())}


def med(values) -> float:
    return statistics.median(values)


def browser_tables(rows: dict[str, dict]) -> str:
    lines = ["| records / places | first paint s: cold, warm | filter change → redraw s (map after it) "
             "| websocket per change: KiB, of it the map KiB | map bytes per drawn place | server peak RSS MiB |",
             "|---|---|---|---|---|---|"]
    for label, row in rows.items():
        n_records, n_places = SIZES[label]
        changes = row["app"]["changes"]
        modes = sorted({c["mode"] for c in changes})
        drawn = med(c["drawn"] for c in changes)
        paints = f"{med(row['app']['cold_paint']):.2f}, {med(row['app']['warm_paint']):.2f}"
        lines.append(
            f"| {n_records:,} / {n_places:,} | {paints} "
            f"| {med(c['s'] for c in changes):.2f} (min {min(c['s'] for c in changes):.2f}, max "
            f"{max(c['s'] for c in changes):.2f}; {'/'.join(modes)}, median {drawn:,.0f} drawn) "
            f"| {med(c['bytes'] for c in changes) / 1024:.0f}, {med(c['map_bytes'] for c in changes) / 1024:.0f} "
            f"| {med(c['map_bytes'] / c['drawn'] for c in changes):.0f} | {row['app']['rss_mib']:.0f} |")
    return "\n".join(lines)


def baseline_table(rows: dict[str, dict]) -> str:
    lines = ["| records / places | ours: filter change → redraw s | FastMarkerCluster: build s, paint s, MiB "
             "| naive Marker+Popup: build s, paint s, MiB | naive (build + paint) ÷ ours |", "|---|---|---|---|---|"]
    for label, row in rows.items():
        n_records, n_places = SIZES[label]
        ours = med(c["s"] for c in row["app"]["changes"])
        cells = []
        for name in ("fast", "naive"):
            b = row["baselines"].get(name)
            cells.append(f"{b['build_s']:.2f}, {med(b['paint']):.2f}, {b['mib']:.2f}" if b else "not run")
        naive = row["baselines"].get("naive")
        ratio = f"{(naive['build_s'] + med(naive['paint'])) / ours:.1f}×" if naive else "–"
        lines.append(f"| {n_records:,} / {n_places:,} | {ours:.2f} | {cells[0]} | {cells[1]} | {ratio} |")
    return "\n".join(lines)


def python_table(exports: dict, million: dict) -> str:
    lines = [f"| step ({exports['records']:,} records; medians) | s | MiB |", "|---|---|---|"]
    lines += [f"| {label} export | {med(exports[label]['s']):.2f} | {exports[label]['mib']:.1f} |"
              for label in ("CSV", "GeoJSON", "KML")]
    lines += ["", f"| {million['records']:,} records / 10,000 places | s |", "|---|---|",
              f"| load_dataset, validating (fills the cache; one run) | {million['cold_s']:.1f} |",
              f"| load_dataset from the cache | {med(million['cached_s']):.2f} |",
              f"| first select (joins the records once) | {million['first_select_s']:.2f} |",
              f"| select again | {med(million['select_s']):.2f} |",
              f"| map on a filter change: {million['drawn']:,} places drawn | {million['map_bytes'] / 2**20:.2f} MiB, "
              f"{million['map_bytes'] / million['drawn']:.0f} B per place |",
              f"| this process's peak RSS | {million['rss_mib']:.0f} MiB |"]
    return "\n".join(lines)


def machine() -> str:
    import folium
    import streamlit

    return (f"{platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"streamlit {streamlit.__version__}, folium {folium.__version__}")


# Labels and clusters of the map that cross its edge or lie under a control (the legend, the scale...).
CLEARANCE = """() => {
    const map = document.querySelector(".leaflet-container"), origin = map.getBoundingClientRect();
    const box = el => { const r = el.getBoundingClientRect();
        return {x: r.left - origin.left, y: r.top - origin.top, w: r.width, h: r.height, cls: el.className}; };
    const shown = el => getComputedStyle(el).display !== "none" && el.offsetWidth > 0;
    const meets = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
    const controls = Array.from(map.querySelectorAll(".leaflet-control")).filter(shown).map(box);
    const items = Array.from(map.querySelectorAll(".ba-clabel, .ba-cluster")).filter(shown).map(box);
    return {labels: map.querySelectorAll(".ba-clabel").length, clusters: map.querySelectorAll(".ba-cluster").length,
            clipped: items.filter(i => i.cls.includes("ba-clabel") && (i.x < 0 || i.y < 0
                || i.x + i.w > origin.width || i.y + i.h > origin.height)),
            covered: items.filter(i => controls.some(c => meets(i, c)))};
}"""


def screenshot(browser, label: str, tmp: Path, path: Path) -> dict:
    """The dashboard on the ``label`` archive at 1920x1080, saved to ``path``; what lies clipped or covered."""
    n_records, n_places = SIZES[label]
    url, process = start_app(data=write_archive(tmp / f"shot-{label}", n_records=n_records, n_places=n_places))
    try:
        context = browser.new_context(viewport=VIEWPORT)
        context.add_init_script(PROBE)
        page = context.new_page()
        page.goto(url)
        wait_for_draws(page, 0)
        page.wait_for_timeout(1500)
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path))
        found = page.locator(MAP_FRAME).content_frame.locator("body").evaluate(CLEARANCE)
        context.close()
        return found
    finally:
        stop_app(process)


def browser_part(tmp: Path, sizes: list[str], repeat: int, naive_limit: int) -> dict[str, dict]:
    rows = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))
        for label in sizes:
            n_records, n_places = SIZES[label]
            folder = write_archive(tmp / label, n_records=n_records, n_places=n_places)
            rows[label] = {"app": measure_app(browser, folder, repeat),
                           "baselines": measure_baselines(browser, folder, n_records, repeat, naive_limit)}
            print(f"{label}: {json.dumps(rows[label], default=str)}", file=sys.stderr, flush=True)
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sizes", default="1k,10k,100k")
    parser.add_argument("--naive-limit", type=int, default=10_000)
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-python", action="store_true")
    parser.add_argument("--json", type=Path, help="also write every run's numbers here")
    parser.add_argument("--screenshot", type=Path, help="only save the dashboard at 100,000 records here")
    args = parser.parse_args()
    results = {"machine": machine()}
    if args.screenshot:
        with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))
            print(json.dumps(screenshot(browser, "100k", Path(tmp), args.screenshot), indent=1))
        return
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_browser:
            results["browser"] = browser_part(Path(tmp), args.sizes.split(","), args.repeat, args.naive_limit)
        if not args.skip_python:
            folder = write_archive(Path(tmp) / "py-100k", n_records=100_000, n_places=10_000)
            results["exports"] = measure_exports(folder, args.repeat)
            folder = write_archive(Path(tmp) / "py-1m", n_records=1_000_000, n_places=10_000)
            results["million"] = measure_million(folder, Path(tmp) / "cache-1m", args.repeat)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    print(results["machine"])
    if "browser" in results:
        print(browser_tables(results["browser"]), baseline_table(results["browser"]), sep="\n\n")
    if "exports" in results:
        print(python_table(results["exports"], results["million"]))


if __name__ == "__main__":
    main()
