"""Text: one wording for what the atlas says, and every text made safe for the context it lands in.

``wording`` words counts, names, eras, periods, positions and citations; ``names`` normalises names for
look-ups; ``escaping`` encodes text for HTML inside JavaScript, JSON inside ``<script>`` and Markdown;
``literal_rendering`` keeps folium from ever reading rendered text as a template.
"""
