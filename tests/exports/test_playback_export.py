"""The playback as a GIF and an MP4, drawn in the isolated Chromium and read back with imageio."""

from __future__ import annotations

import io
from datetime import date

import imageio.v3 as iio
import numpy as np
import pytest
from browser_helpers import artifact
from PIL import Image

from border_atlas import FilterState, select
from border_atlas.exports.playback_export import encode_gif, encode_mp4, playback_document, playback_frames
from border_atlas.filters.link import BriefingText
from border_atlas.playback import frame_starts, play_span
from border_atlas.runtime.chromium import chromium_path

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(chromium_path() is None, reason="no Chromium to draw the frames")]


@pytest.fixture(scope="module")
def selection(dataset):
    from border_atlas.playback import Window
    return select(dataset, FilterState(window=Window("year", date(2018, 1, 1))))


@pytest.fixture(scope="module")
def frames(selection):
    done = []
    pictures = playback_frames(selection, BriefingText(title="The border, year by year"),
                               progress=lambda k, n: done.append((k, n)))
    return pictures, done


def test_the_page_carries_title_legend_sources_and_the_player(selection):
    page = playback_document(selection, BriefingText(title="The border, year by year"))
    assert "<h1>The border, year by year</h1>" in page
    assert "Legend" in page and "Sources" in page and "Kyodo News" in page  # every window's sources
    assert "window.baPlayback" in page and '"controls":false' in page


def test_one_frame_per_year_from_2017_to_today_with_progress(frames, dataset):
    pictures, done = frames
    years = len(frame_starts(*play_span(dataset), "year"))
    assert len(pictures) == years and done[-1] == (years, years)
    artifact("playback-frame-2018.png").write_bytes(pictures[1])
    pictures = [np.asarray(Image.open(io.BytesIO(p)).convert("RGB")) for p in pictures[:2]]
    assert pictures[0].shape == (1080, 1920, 3)
    # The date stamp (top right of the map) changes from frame to frame; the title does not.
    stamp = (slice(90, 140), slice(1380, 1560))
    title = (slice(0, 60), slice(0, 900))
    assert not np.array_equal(pictures[0][stamp], pictures[1][stamp])
    assert np.array_equal(pictures[0][title], pictures[1][title])


def test_the_gif_and_the_mp4_read_back_with_every_frame(frames):
    pictures, _ = frames
    gif = encode_gif(pictures)
    read = iio.imread(io.BytesIO(gif), extension=".gif", index=None)
    assert read.shape[:3] == (len(pictures), 1080, 1920)
    mp4 = encode_mp4(pictures)
    path = artifact("playback-test.mp4")
    path.write_bytes(mp4)
    meta = iio.immeta(path, plugin="FFMPEG")
    assert tuple(meta["size"]) == (1920, 1080) and meta["codec"] == "h264"
    assert sum(1 for _ in iio.imiter(path, plugin="FFMPEG")) == len(pictures)
