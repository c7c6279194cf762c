"""folium's DualMap with its views kept in step by a few lines of our own.

DualMap loads the Leaflet.Sync plugin from a CDN; this subclass needs no plugin, so the pair
works offline. Moving or zooming either map moves the other to the same view.
"""

from __future__ import annotations

from folium.plugins import DualMap
from jinja2 import Template


class SyncedDualMap(DualMap):
    default_js: list = []
    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (a, b) {
            var busy = false;
            function follow(source, target) {
                source.on("move zoomend", function () {
                    if (busy) { return; }
                    busy = true;
                    target.setView(source.getCenter(), source.getZoom(), {animate: false});
                    busy = false;
                });
            }
            follow(a, b);
            follow(b, a);
        })({{ this.m1.get_name() }}, {{ this.m2.get_name() }});
        {% endmacro %}
    """)
