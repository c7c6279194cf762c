"""A "copy link" button on the app's map: the page's link with the map's current centre and zoom.

The link is built in the browser from the page's own address (the filters are already in it)
plus ``center`` and ``zoom`` (and ``basemap`` when one was chosen in the layer control), so
panning and zooming never have to rerun the app. It goes to the
clipboard where the browser allows, and is shown selected in a box either way.

>>> import folium
>>> m = folium.Map(tiles=None)
>>> _ = CopyLink().add_to(m)
>>> "ba-copylink" in m.get_root().render()
True
"""

from __future__ import annotations

from border_atlas.mapview.html_control import HtmlControl

ICON = ('<svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><path d="M5 7l2-2M4.2 5.2 2.6 6.8a1.8 '
        '1.8 0 0 0 2.6 2.6l1.6-1.6M7.8 6.8l1.6-1.6a1.8 1.8 0 0 0-2.6-2.6L5.2 4.2" fill="none" stroke="currentColor" '
        'stroke-width="1.3" stroke-linecap="round"/></svg>')
HTML = ('<button type="button" class="ba-copylink-button" title="Copy a link to this view: the filters, the '
        f'centre and the zoom">{ICON} Copy link</button>'
        '<input class="ba-copylink-url" readonly aria-label="Link to this view">'
        '<span class="ba-copylink-status" role="status"></span>')

ON_ADD_JS = """
            L.DomEvent.disableClickPropagation(div);
            map.on("baselayerchange", function (e) { map._baBasemap = (e.layer.options || {}).baBasemap || ""; });
            var button = div.querySelector("button"), input = div.querySelector("input"),
                status = div.querySelector(".ba-copylink-status");
            button.addEventListener("click", function () {
                var href;
                try { href = window.parent.location.href; } catch (e) { href = window.location.href; }
                var url = new URL(href), centre = map.getCenter();
                url.searchParams.set("center", centre.lat.toFixed(5) + "," + centre.lng.toFixed(5));
                url.searchParams.set("zoom", String(map.getZoom()));
                if (map._baBasemap !== undefined) {  // chosen in the layer control since the page was drawn
                    if (map._baBasemap) { url.searchParams.set("basemap", map._baBasemap); }
                    else { url.searchParams.delete("basemap"); }
                }
                input.value = url.toString();
                div.classList.add("open");
                input.focus();
                input.select();
                var copied = navigator.clipboard && window.isSecureContext ?
                    navigator.clipboard.writeText(input.value) : Promise.reject();
                copied.then(function () { status.textContent = "Copied"; },
                            function () { status.textContent = "Press Ctrl+C to copy"; });
            });"""


class CopyLink(HtmlControl):
    on_add_js = ON_ADD_JS

    def __init__(self, *, position: str = "topleft"):
        super().__init__(HTML, css_class="ba-copylink", position=position)
