"""The analyst's own basemaps: tile archives and internal tile servers, read and served by the app.

- :mod:`~border_atlas.tiles.settings`: the settings file that lists them;
- :mod:`~border_atlas.tiles.sources`: reading a tile from an MBTiles or PMTiles file, a folder or an XYZ server;
- :mod:`~border_atlas.tiles.catalog`: the configured basemaps, opened, with a message for each that cannot be;
- :mod:`~border_atlas.tiles.routes`: the app's tile route (Starlette), with caching headers;
- :mod:`~border_atlas.tiles.embedding`: the tiles of a view inside a standalone page (PNG, slide, HTML).
"""
