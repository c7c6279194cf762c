"""Standalone HTML documents around folium maps: the briefing and the era comparison.

Every text from the data or a link is passed to the page's Jinja template as a *value*, with
autoescaping on; it is never part of a template's source. The map's own parts (header, body
and script, as folium renders them with :mod:`border_atlas.text.literal_rendering` installed) are
inserted as markup.

Each document carries a Content-Security-Policy that lets only its own scripts run (by
hash), refuses inline event handlers, and forbids every network connection: a page opened
from a briefing folder, or rendered to PNG, cannot fetch or send anything.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

import border_atlas.text.literal_rendering  # noqa: F401  (folium renders data text as values)

ENV = Environment(
    loader=PackageLoader("border_atlas", "templates"),
    autoescape=select_autoescape(["html", "j2"], default_for_string=True),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


@dataclass(frozen=True)
class MapParts:
    """A rendered folium figure, split where a page places it: head, body and script."""

    header: Markup
    html: Markup
    script: Markup


def map_parts(element) -> MapParts:
    """Render a folium Map (or DualMap) and return the parts of its figure."""
    figure = element.get_root()
    for child in list(figure._children.values()):
        child.render()
    # folium's output is markup built by the map modules, with every data text escaped there.
    header, html, script = (figure.header.render(), figure.html.render(), figure.script.render())
    return MapParts(Markup(header), Markup(html), Markup(script))  # noqa: S704


def content_security_policy(html: str, *, served: bool = False) -> str:
    """A policy allowing exactly the inline scripts in ``html`` and no connection at all.

    ``served``: the page loads Leaflet from the app's own server ('self') instead of inline.

    >>> content_security_policy("<script>var a = 1;</script>").split("; ")[:2]
    ["default-src 'none'", "script-src 'sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w='"]
    """
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    })
    scripts = (["'self'"] if served else []) + hashes
    images = "'self' data:" if served else "data:"
    return "; ".join([
        "default-src 'none'",
        "script-src " + (" ".join(scripts) or "'none'"),
        "style-src 'self' 'unsafe-inline'" if served else "style-src 'unsafe-inline'",
        f"img-src {images}",
        "font-src data:",
        "connect-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
    ])


def render_document(template: str, *, served: bool = False, **values) -> str:
    """Render ``template`` with ``values`` and put its Content-Security-Policy at the top of <head>."""
    html = ENV.get_template(template).render(**values)
    policy = content_security_policy(html, served=served)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html.replace("<head>", f"<head>\n{meta}", 1)
