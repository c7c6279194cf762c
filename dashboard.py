"""Border Atlas: the map of who controls smuggling on the Ryanggang border.

The entry file: it lists the pages the signed-in member's role may use (border_atlas/ui/navigation.py) and runs
the one asked for; the map itself is the first page (border_atlas/ui/map_page.py), the others are in pages/."""

from __future__ import annotations

from border_atlas.ui.navigation import run_navigation

run_navigation()
