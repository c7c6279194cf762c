"""Render folium and branca without ever compiling rendered text as a Jinja template.

branca's ``MacroElement.render`` (and ``Div.render``, folium's ``Popup.render`` and
``Class.render``) wrap each element's *rendered* output in ``Element(...)``, whose
constructor compiles its argument as a Jinja template, which is then rendered a second time.
Rendered output holds the data's text, so a name such as ``{{ 7*7 }}`` showed as ``49``,
``{{ cycler.__init__.__globals__.os... }}`` ran code on the server and ``{%`` crashed the page.

:func:`install` replaces those four methods with copies that add the output as a
:class:`Literal`, an element that returns its text unchanged. It is idempotent and runs
when :mod:`border_atlas.mapview` is imported. The only feature of the libraries that relied on
the second pass (folium's ``GeoJsonStyleMapper`` referring to other elements from a style) is
not used by this project.

>>> import folium
>>> install()
>>> m = folium.Map(tiles=None)
>>> _ = folium.Marker((41.4, 128.18), tooltip="{{ 7*7 }}").add_to(m)
>>> "{{ 7*7 }}" in m.get_root().render()
True
"""

from __future__ import annotations

import folium.map
from branca.element import Div, Element, Figure, MacroElement


class Literal(Element):
    """An element whose text is output exactly as given: never parsed, never evaluated."""

    def __init__(self, text: str):
        super().__init__()
        self._name = "Literal"
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


def _add_macros(element: MacroElement, figure: Figure, kwargs: dict) -> None:
    """Add the element's header, html and script macros to the figure, as literal text."""
    for part in ("header", "html", "script"):
        macro = element._template.module.__dict__.get(part)
        if macro is not None:
            getattr(figure, part).add_child(Literal(macro(element, kwargs)), name=element.get_name())


def _macro_element_render(self: MacroElement, **kwargs) -> None:
    figure = self.get_root()
    if not isinstance(figure, Figure):
        raise TypeError("You cannot render this Element if it is not in a Figure.")
    _add_macros(self, figure, kwargs)
    for element in self._children.values():
        element.render(**kwargs)


def _div_render(self: Div, **kwargs) -> None:
    figure = self._parent
    if not isinstance(figure, Figure):
        raise TypeError("You cannot render this Element if it is not in a Figure.")
    for element in self._children.values():
        element.render(**kwargs)
    for name, element in self.header._children.items():
        figure.header.add_child(element, name=name)
    for name, element in self.script._children.items():
        figure.script.add_child(element, name=name)
    _add_macros(self, figure, kwargs)


def _popup_render(self: folium.map.Popup, **kwargs) -> None:
    for child in self._children.values():
        child.render(**kwargs)
    figure = self.get_root()
    if not isinstance(figure, Figure):
        raise TypeError("You cannot render this Element if it is not in a Figure.")
    figure.script.add_child(Literal(self._template.render(this=self, kwargs=kwargs)), name=self.get_name())


def _class_render(self: folium.map.Class, **kwargs) -> None:
    figure = self.get_root()
    if not isinstance(figure, Figure):
        raise TypeError("You cannot render this Element if it is not in a Figure.")
    if self.includes:
        statement = folium.map.IncludeStatement(self.leaflet_class_name, **self.includes)
        figure.script.add_child(Literal(statement._template.render(this=statement, kwargs=self.includes)),
                                name=self._name + "_includes", index=-1)
    _macro_element_render(self, **kwargs)


_REPLACEMENTS = (
    (MacroElement, _macro_element_render),
    (Div, _div_render),
    (folium.map.Popup, _popup_render),
    (folium.map.Class, _class_render),
)


def install() -> None:
    """Make branca and folium add rendered output as :class:`Literal` elements."""
    for cls, render in _REPLACEMENTS:
        cls.render = render


def installed() -> bool:
    return all(cls.__dict__.get("render") is render for cls, render in _REPLACEMENTS)


install()
