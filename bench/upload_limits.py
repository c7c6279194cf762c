"""Hostile uploads against the limits: what each costs, and how another session fares meanwhile.

Each file of ``tests/hostile_files.py`` is read (and the long text recognised) the way the app does it,
in a child process with the default limits, then with the format's own cheap check switched off so
that the process limits alone stop it. Printed per file: its size, how it ended, the child's wall
seconds and peak memory, and this process's peak memory. With ``--app``, the real app is started:
another session's era change on the dashboard is timed idle and while a slow PDF is being read.

    python bench/upload_limits.py [--app] [--repeat 5] [--skip-files]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from hostile_files import docx_bomb, long_text, pdf_bomb, xlsx_bomb  # noqa: E402

from border_atlas import load_dataset  # noqa: E402
from border_atlas.drafting.limited import read_records_limited  # noqa: E402
from border_atlas.ingest.limited import READ_LIMITS, read_report_limited, recognise_limited  # noqa: E402
from border_atlas.places.gazetteer import Gazetteer  # noqa: E402

OFF = 10**12  # a format's cheap check switched off


def peak_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        return next(int(line.split()[1]) for line in handle if line.startswith("VmHWM:")) / 1024


def recognise_text(data: bytes, *, filename: str, on_end, limits=None):
    dataset = load_dataset()
    report = read_report_limited(data, filename=filename)
    extra = {"limits": limits} if limits else {}
    return recognise_limited(report, organisations=dataset.organisations, events=dataset.events,
                             gazetteer=Gazetteer(dataset.places), report_date="2020-01", on_end=on_end, **extra)


def cases() -> list[tuple[str, str, bytes, object, dict]]:
    docx, pdf, text = docx_bomb(190), pdf_bomb(1500, 3.7), long_text().encode()
    return [
        ("190 MB of paragraphs", "paragraphs.docx", docx, read_report_limited, {}),
        ("30 MB of paragraphs, XML check off", "paragraphs.docx", docx_bomb(30), read_report_limited,
         {"max_docx_xml": OFF}),
        ("1,500 pages x one 3.7 MB stream", "pages.pdf", pdf, read_report_limited, {}),
        ("the same, content check off", "pages.pdf", pdf, read_report_limited, {"max_pdf_content": OFF}),
        ("declares A1:XFD1048576", "sheet.xlsx", xlsx_bomb(), read_records_limited, {}),
        ("2,000,000 characters, recognised", "long.txt", text, recognise_text, {}),
    ]


def measure_files() -> None:
    print("| file | size | outcome | limit | child s | child peak MB | this process's peak MB |")
    print("|---|---|---|---|---|---|---|")
    for label, name, data, read, extra in cases():
        runs: list = []
        began = time.monotonic()
        try:
            read(data, filename=name, on_end=runs.append, **extra)
            outcome = "read"
        except ValueError as exc:
            outcome = str(exc).split(";")[0].split(", so")[0][:90]
        run = runs[-1] if runs else None
        child = f"{run.seconds:.1f}" if run else f"{time.monotonic() - began:.1f}"
        peak = f"{run.peak_mb:.0f}" if run and run.peak_mb else "-"
        limit = run.limit if run else "-"
        print(f"| {name}: {label} | {len(data) / 1e6:.2f} MB | {outcome} | {limit} | {child} | {peak} "
              f"| {peak_mb():.0f} |", flush=True)


def measure_app(repeat: int) -> None:
    from browser.upload_flows import ERAS, change_era, open_dashboard, upload_report
    from playwright.sync_api import sync_playwright

    from border_atlas.runtime.chromium import CHROMIUM_ARGS, chromium_path
    from tests.browser_helpers import start_app, stop_app

    url, process = start_app()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS))
            watching, uploading = browser.new_page(), browser.new_page()
            open_dashboard(watching, url)
            idle = [change_era(watching, ERAS[i % 2]) for i in range(repeat)]
            upload_report(uploading, url, "slow.pdf", pdf_bomb(17, 3.7), "application/pdf")
            reading = uploading.get_by_text("Reading slow.pdf in a separate process")
            reading.wait_for(timeout=60_000)
            began = time.monotonic()
            busy = []
            while len(busy) < repeat and time.monotonic() - began < READ_LIMITS.seconds - 20:
                busy.append(change_era(watching, ERAS[(len(idle) + len(busy)) % 2]))
            refused = uploading.get_by_text("slow.pdf: reading it took longer than the time limit")
            refused.wait_for(timeout=240_000)
            print(f"era change, idle: median {statistics.median(idle):.2f} s of {len(idle)} ({idle})")
            print(f"era change while slow.pdf is read: median {statistics.median(busy):.2f} s of {len(busy)} ({busy})")
            print(f"slow.pdf refused {time.monotonic() - began:.0f} s after reading began")
            browser.close()
    finally:
        stop_app(process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--app", action="store_true", help="also time another session in the real app")
    parser.add_argument("--skip-files", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not args.skip_files:
        measure_files()
    if args.app:
        measure_app(args.repeat)


if __name__ == "__main__":
    main()
