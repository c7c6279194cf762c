"""Places: the gazetteer, the reference places and the geography drawn around the records.

``gazetteer`` geocodes a name over the places table and the reference gazetteer (``reference_places``,
read from its open sources by ``reference_sources``); ``place_mentions`` finds the places a report names;
``online_geocoder`` is the opt-in online one. ``geodesy`` measures on the WGS84 ellipsoid; ``basemap``,
``areas``, ``context_places`` and ``locator`` read the bundled border and rivers, area outlines, towns
and peninsula.
"""
