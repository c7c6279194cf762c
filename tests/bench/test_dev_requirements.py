"""The browser and scale benchmarks start from the dev requirements alone (pandera is not among them)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WITHOUT_PANDERA = """
import sys
class NoPandera:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == "pandera":
            raise ModuleNotFoundError("No module named 'pandera'")
sys.meta_path.insert(0, NoPandera())
sys.path.insert(0, {root!r})
import bench.measure_browser, bench.measure_scale
print("imported")
"""


def test_the_benchmarks_import_without_pandera():
    assert "pandera" not in (ROOT / "requirements-dev.txt").read_text() + (ROOT / "requirements.txt").read_text()
    result = subprocess.run([sys.executable, "-c", WITHOUT_PANDERA.format(root=str(ROOT))], capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("imported")
