"""The analyst's basemaps: the tiles of a 1920x1080 view served warm, and a 2 GB archive opened without reading it.

Run by hand (never in the test suite); prints Markdown tables of medians for bench/README.md.

    python bench/measure_tiles.py [--repeat 5] [--skip-server] [--skip-large]

- Served: the real app (``streamlit run app.py``) with a generated MBTiles and PMTiles archive (tiles
  drawn from the bundled GSHHG lines, tests/tile_fixtures.py). The tiles a 1920x1080 map at zoom 10
  around Hyesan needs (45 here) are asked for over HTTP keep-alive, once to warm up, then
  ``--repeat`` times: sequentially on one connection, on 6 connections at once, and by a page of
  the app in Chromium, all at once as a map asks for them. Wall seconds for all of them, median.
- Large: a PMTiles file of 2 GB (the generated tiles behind a sparse 2 GB hole, so that the disk
  holds only the tiles) and an MBTiles file of 2 GB (the tiles plus 2 GB of filler rows in a table of
  their own, written for real). Opening each and reading 45 tiles: seconds and the growth of this
  process's resident memory; both files are in a temporary folder deleted at the end.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import sqlite3
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from browser_helpers import start_app, stop_app  # noqa: E402
from tile_fixtures import make_mbtiles, make_pmtiles, settings_text  # noqa: E402

from border_atlas.tiles.embedding import TILE_PX, world_px  # noqa: E402
from border_atlas.tiles.sources import MBTilesSource, PMTilesSource  # noqa: E402

HYESAN = (41.40167, 128.17778)
TWO_GB = 2 * 1024**3
VIEW_BOUNDS = ((39.9, 126.5), (42.9, 129.9))  # wider than a 1920x1080 view at zoom 10 around Hyesan


def view_tiles(zoom: int = 10, size: tuple[int, int] = (1920, 1080)) -> list[tuple[int, int, int]]:
    cx, cy = world_px(*HYESAN, zoom)
    xs = range(int((cx - size[0] / 2) // TILE_PX), int((cx + size[0] / 2) // TILE_PX) + 1)
    ys = range(int((cy - size[1] / 2) // TILE_PX), int((cy + size[1] / 2) // TILE_PX) + 1)
    return [(zoom, x, y) for x in xs for y in ys]


def rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def fetch_all(port: int, paths: list[str]) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.connect()
    # As browsers do: without it, Nagle's algorithm and delayed ACKs add 40 ms to every keep-alive request.
    connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    total = 0
    for path in paths:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: {response.status}")
        total += len(body)
    connection.close()
    return total


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


FETCH_ALL = """async (paths) => {
    const start = performance.now();
    await Promise.all(paths.map(async (p) => {
        const r = await fetch(p, {cache: "no-store"}); await r.arrayBuffer(); }));
    return (performance.now() - start) / 1000; }"""


def in_chromium(url: str, paths: list[str], repeat: int) -> list[float]:
    """The same tiles fetched by a page of the app in Chromium, all at once as a map asks for them (uncached)."""
    from playwright.sync_api import sync_playwright

    from border_atlas.runtime.chromium import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))
        page = browser.new_page()
        page.goto(f"{url}/_stcore/health")
        page.evaluate(FETCH_ALL, paths)  # warm
        times = [page.evaluate(FETCH_ALL, paths) for _ in range(repeat)]
        browser.close()
    return times


def measure_server(folder: Path, repeat: int) -> None:
    settings = folder / "basemaps.toml"
    settings.write_text(settings_text([{"id": "m", "name": "M", "kind": "mbtiles", "path": "t.mbtiles"},
                                       {"id": "p", "name": "P", "kind": "pmtiles", "path": "t.pmtiles"}]))
    url, process = start_app(env={"BORDER_ATLAS_BASEMAPS": str(settings)})
    port = urlparse(url).port
    tiles = view_tiles()
    print("\n| archive | tiles | bytes | one connection s | 6 connections s |\n|---|---|---|---|---|")
    try:
        for ident in ("m", "p"):
            paths = [f"/basemap-tiles/{ident}/{z}/{x}/{y}" for z, x, y in tiles]
            size = fetch_all(port, paths)  # warm: the archive opened, the pages in the OS cache
            chunks = [paths[i::6] for i in range(6)]

            def parallel(chunks=chunks) -> None:
                with ThreadPoolExecutor(6) as pool:
                    list(pool.map(lambda c: fetch_all(port, c), chunks))

            one = statistics.median(timed(lambda paths=paths: fetch_all(port, paths)) for _ in range(repeat))
            six = statistics.median(timed(parallel) for _ in range(repeat))
            browser = statistics.median(in_chromium(url, paths, repeat))
            print(f"| {'MBTiles' if ident == 'm' else 'PMTiles'} | {len(paths)} | {size:,} | {one:.3f} | {six:.3f} | "
                  f"{browser:.3f} |")
    finally:
        stop_app(process)


def large_pmtiles(small: Path, target: Path) -> None:
    """``small``'s header, directories and metadata, a sparse 2 GB hole, then its tiles (offsets moved past it)."""
    from pmtiles.tile import deserialize_header, serialize_header

    data = small.read_bytes()
    header = deserialize_header(data[:127])
    start = header["tile_data_offset"]
    header["tile_data_offset"] = start + TWO_GB
    with target.open("wb") as out:
        out.write(serialize_header(header))
        out.write(data[127:start])
        out.seek(start + TWO_GB)
        out.write(data[start:])


def large_mbtiles(small: Path, target: Path) -> None:
    target.write_bytes(small.read_bytes())
    db = sqlite3.connect(target)
    db.execute("CREATE TABLE filler (n INTEGER, data BLOB)")
    for n in range(TWO_GB // (256 * 1024 * 1024)):
        db.execute("INSERT INTO filler VALUES (?, zeroblob(?))", (n, 256 * 1024 * 1024))
        db.commit()
    db.close()


def measure_large(folder: Path, repeat: int) -> None:
    large_pmtiles(folder / "t.pmtiles", folder / "large.pmtiles")
    large_mbtiles(folder / "t.mbtiles", folder / "large.mbtiles")
    print("\n| archive | file size | on disk | open s | 45 tiles s | RSS growth MiB (largest) |\n"
          "|---|---|---|---|---|---|")
    for name, kind in (("large.pmtiles", PMTilesSource), ("large.mbtiles", MBTilesSource)):
        path = folder / name
        opens, reads, growth = [], [], []
        for _ in range(repeat):
            before = rss_kib()
            start = time.perf_counter()
            source = kind(path)
            opens.append(time.perf_counter() - start)
            start = time.perf_counter()
            found = [source.tile(z, x, y) for z, x, y in view_tiles()]
            reads.append(time.perf_counter() - start)
            growth.append((rss_kib() - before) / 1024)
            assert sum(t is not None for t in found) > 0
            del source
        stat = path.stat()
        print(f"| {name} | {stat.st_size / 1024**3:.2f} GiB | {stat.st_blocks * 512 / 1024**2:,.1f} MiB | "
              f"{statistics.median(opens):.4f} | {statistics.median(reads):.4f} | {max(growth):.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-server", action="store_true")
    parser.add_argument("--skip-large", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="border-atlas-tiles-bench-") as tmp:
        folder = Path(tmp)
        for make, name in ((make_mbtiles, "t.mbtiles"), (make_pmtiles, "t.pmtiles")):
            make(folder / name, bounds=VIEW_BOUNDS, zooms=range(10, 11))
        print(f"load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} CPUs")
        if not args.skip_server:
            measure_server(folder, args.repeat)
        if not args.skip_large:
            measure_large(folder, args.repeat)


if __name__ == "__main__":
    main()
