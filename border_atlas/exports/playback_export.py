"""The time playback as an animated GIF and an MP4: the briefing, one frame per window, drawn in Chromium.

The briefing page (title, filters in words, legend, numbered sources, the basemap's credit) is loaded
once in the network-isolated Chromium of the PNG export, with the player on its map showing each
window's date stamp; each frame is the player moved to the next window and a screenshot. The legend
and the sources are those of every window played. The frames are kept as PNG (a few hundred KB each,
and the last rendering is kept, so that the GIF and the MP4 of one playback draw it once) and encoded
by the ffmpeg that ``imageio-ffmpeg`` ships: H.264 for the MP4, one palette for the whole GIF.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from border_atlas.filters.link import BriefingText
from border_atlas.filters.selection import Selection
from border_atlas.mapview.playback_layer import playback_base
from border_atlas.runtime.chromium import CHROMIUM_ARGS, INSTALL_HINT, ISOLATION_ARGS, chromium_path
from border_atlas.views.briefing import briefing_document

FRAME_SIZE = (1920, 1080)  # CSS px at 1 device px each: the briefing's slide size, 1080p video
FRAMES_PER_SECOND = 2
NO_WINDOW = "Choose a time window (a month, a quarter or a year) in the sidebar to export its playback."
GIF_FILTER = "split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=none"
Progress = Callable[[int, int], None]
_NEXT_PAINT = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
_last: dict[str, list[bytes]] = {}  # the last rendering, by what it drew


class ChromiumMissing(RuntimeError):
    """No Chromium to render with; the message says what to install."""


def playback_document(selection: Selection, text: BriefingText) -> str:
    """The briefing of every window played, its map carrying the player (stamp only, no buttons)."""
    if selection.state.window is None:
        raise ValueError(NO_WINDOW)
    return briefing_document(playback_base(selection), text, map_of=selection)


def playback_frames(selection: Selection, text: BriefingText, *, size: tuple[int, int] = FRAME_SIZE,
                    progress: Progress | None = None, limit: int | None = None) -> list[bytes]:
    """One PNG per window, from the first to today (``limit``: only the first so many)."""
    executable = chromium_path()
    if executable is None:
        raise ChromiumMissing(INSTALL_HINT)
    html = playback_document(selection, text)
    key = hashlib.sha256(repr((html, size, limit)).encode("utf-8")).hexdigest()
    if key not in _last:
        with ThreadPoolExecutor(max_workers=1) as worker:  # Playwright's sync API wants a thread without a loop
            frames = worker.submit(_shoot, html, executable, size, progress, limit).result()
        _last.clear()
        _last[key] = frames
    elif progress:
        progress(len(_last[key]), len(_last[key]))
    return _last[key]


def _shoot(html: str, executable: str, size: tuple[int, int], progress: Progress | None,
           limit: int | None) -> list[bytes]:
    from playwright.sync_api import sync_playwright  # imported here: the app runs without it

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=[*CHROMIUM_ARGS, *ISOLATION_ARGS])
        try:
            context = browser.new_context(viewport={"width": size[0], "height": size[1]}, device_scale_factor=1,
                                          service_workers="block", accept_downloads=False)
            page = context.new_page()
            page.route("**/*", lambda route: route.abort())
            page.route_web_socket("**/*", lambda socket: socket.close())
            page.set_content(html, wait_until="load", timeout=30_000)
            page.wait_for_function("() => window.baPlayback && window.baPlayback.frame() >= 0", timeout=30_000)
            page.add_style_tag(content=".leaflet-control-zoom { display: none !important; }")
            count = page.evaluate("() => window.baPlayback.count")
            count = min(count, limit) if limit else count
            frames = []
            for k in range(count):
                page.evaluate(f"() => window.baPlayback.show({k})")
                page.evaluate(_NEXT_PAINT)  # the labels are laid out on the next animation frame
                frames.append(page.screenshot(type="png"))
                if progress:
                    progress(k + 1, count)
            return frames
        finally:
            browser.close()


def _encode(frames: Sequence[bytes], suffix: str, *, fps: int, **options) -> bytes:
    """Frames (PNG) through ffmpeg, one at a time, into a file of ``suffix``."""
    import imageio_ffmpeg
    import numpy as np
    from PIL import Image

    first = Image.open(io.BytesIO(frames[0]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"playback{suffix}"
        writer = imageio_ffmpeg.write_frames(str(path), first.size, fps=fps, macro_block_size=8,
                                             ffmpeg_log_level="error", **options)
        writer.send(None)
        for frame in frames:
            writer.send(np.ascontiguousarray(np.asarray(Image.open(io.BytesIO(frame)).convert("RGB"))))
        writer.close()
        return path.read_bytes()


def encode_gif(frames: Sequence[bytes], *, fps: int = FRAMES_PER_SECOND) -> bytes:
    """An animated GIF that loops, with one palette made from all the frames."""
    return _encode(frames, ".gif", fps=fps, codec="gif", pix_fmt_out="pal8",
                   output_params=["-filter_complex", GIF_FILTER, "-loop", "0"])


def encode_mp4(frames: Sequence[bytes], *, fps: int = FRAMES_PER_SECOND) -> bytes:
    """H.264 in MP4, yuv420p (what every player opens), its index at the start for playing while loading."""
    return _encode(frames, ".mp4", fps=fps, codec="libx264",
                   output_params=["-preset", "veryfast", "-movflags", "+faststart"])


def playback_gif(selection: Selection, text: BriefingText, progress: Progress | None = None) -> bytes:
    return encode_gif(playback_frames(selection, text, progress=progress))


def playback_mp4(selection: Selection, text: BriefingText, progress: Progress | None = None) -> bytes:
    return encode_mp4(playback_frames(selection, text, progress=progress))
