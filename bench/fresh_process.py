"""Loading in a fresh interpreter: import time, load time and peak memory.

Apart from :mod:`bench.measure_load` (which needs pandera for its probe), so that the benchmarks
the app's dev requirements run (``measure_scale.py``, ``measure_browser.py``) start without it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_COLD_LOAD = """
import json, sys, time
start = time.perf_counter()
sys.path.insert(0, {root!r})
from border_atlas import load_dataset
imported = time.perf_counter()

def kib(key):  # VmHWM is this process's own peak; ru_maxrss would start from the parent's at fork
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(key))

before = kib("VmRSS:")
load_dataset({folder!r})
done = time.perf_counter()
print(json.dumps({{"import_s": imported - start, "load_s": done - imported, "rss_before_mib": before / 1024,
                  "rss_peak_mib": kib("VmHWM:") / 1024}}))
"""


def cold_load(folder: Path) -> dict:
    """A fresh interpreter: import time, load time, resident memory after import and at its peak (Linux)."""
    code = _COLD_LOAD.format(root=str(ROOT), folder=str(folder))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)
