"""HTML for place markers, their labels, tooltips and popups. Every text goes through esc()."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from border_atlas.colours import KIND_SYMBOLS, PRECISION_LABELS, is_approximate
from border_atlas.escaping import esc

MAX_CHIPS = 4


@dataclass(frozen=True)
class Chip:
    """One organisation (or pairing) at a place, as shown on the map itself."""

    text: str
    colour: str
    when: str


# Wordings of a period: (both, from, until, reported only).
_LONG = ("{start} – {end}", "from {start}", "until {end}", "reported {reported}")
_SHORT = ("{start}–{end}", "{start}–", "–{end}", "{reported}")


def period_text(start, end, reported, *, short: bool = False) -> str:
    """"2018-02 – 2019", "from 2018-02", "until 2018-02", "reported 2025-10-27".

    ``short`` gives years only, for map labels: "2018–", "–2018", "2025".
    """
    start = start if isinstance(start, str) else None
    end = end if isinstance(end, str) else None
    if short:
        start, end, reported = (d[:4] if d else d for d in (start, end, reported))
    both, since, until, only = _SHORT if short else _LONG
    if start and end:
        return start if start == end else both.format(start=start, end=end)
    if start:
        return since.format(start=start)
    if end:
        return until.format(end=end)
    return only.format(reported=reported)


def _local(name: str, place_name) -> str:
    """"Border units in Hyetan" shown at Hyetan reads "border units"."""
    head, _, where = name.rpartition(" in ")
    if head and isinstance(place_name, str) and place_name.startswith(where):
        return head.lower()
    return name


def chips_for(records: pd.DataFrame, colours: dict[str, str]) -> list[Chip]:
    """One chip per organisation, or per pairing (company ⇄ unit), at a place, in short names."""
    chips: dict[tuple, Chip] = {}
    for row in records.itertuples():
        partner = row.partner_org_id if isinstance(row.partner_org_id, str) else None
        key = (row.org_id, partner)
        if key in chips:
            continue
        org = _local(row.org_short, row.place_name)
        if partner and row.partner_type == "trading company" and row.org_type != "trading company":
            text, colour = f"{row.partner_short} ⇄ {org}", colours.get(partner)
        elif partner:
            text, colour = f"{org} ⇄ {row.partner_short}", colours.get(row.org_id)
        else:
            text, colour = org, colours.get(row.org_id)
        chips[key] = Chip(text, colour or "#546e7a", period_text(row.start, row.end, row.reported, short=True))
    return list(chips.values())


def symbol_html(kind: str, precision: str, *, landmark: bool = False, size: int | None = None) -> str:
    shape, default_size = KIND_SYMBOLS.get(kind, ("circle", 12))
    size = size or default_size
    classes = ["ba-sym", shape, f"kind-{kind}"]
    if landmark:
        classes.append("landmark")
    elif is_approximate(precision):
        classes.append("approx")
    elif kind == "city":
        classes.append("filled")
    return f'<span class="{" ".join(classes)}" style="width:{size}px;height:{size}px"></span>'


def marker_html(place, chips: list[Chip], *, dx: int = 0, dy: int = 0, label_side: str = "right",
                landmark: bool = False, labelled: bool | None = None) -> str:
    """The DivIcon body: symbol, name label with chips, and a leader line when displaced.

    Landmarks have no label unless ``labelled`` (a parent shown for context).
    """
    approx = is_approximate(place.precision)
    label = ""
    if landmark and labelled:
        label = (f'<div class="ba-label {label_side} context"><b>{esc(place.name)}</b>'
                 f'<span class="ko">{esc(place.name_ko)}</span></div>')
    elif not landmark:
        shown = chips[:MAX_CHIPS]
        rows = "".join(
            f'<div class="ba-chip"><i style="background:{esc(c.colour)}"></i>{esc(c.text)}'
            f'<span class="when">{esc(c.when)}</span></div>'
            for c in shown
        )
        if len(chips) > MAX_CHIPS:
            rows += f'<div class="ba-chip"><span class="when">+{len(chips) - MAX_CHIPS} more</span></div>'
        mark = '<span class="approx" title="approximate position">≈</span>' if approx else ""
        label = (
            f'<div class="ba-label {label_side}"><b>{esc(place.name)}</b>'
            f'<span class="ko">{esc(place.name_ko)}</span>{mark}{rows}</div>'
        )
    leader = ""
    if dx or dy:
        leader = (
            f'<svg class="ba-leader" width="1" height="1"><line x1="0" y1="0" x2="{dx}" y2="{dy}" '
            'stroke="#1b2a3a" stroke-width="1.2" stroke-dasharray="3 2"/></svg>'
        )
    pin = (f'<div class="ba-pin" style="left:{dx}px;top:{dy}px">'
           f'{symbol_html(place.kind, place.precision, landmark=landmark)}{label}</div>')
    return leader + pin


def tooltip_text(place, *, parent_name: str | None = None, n_records: int | None = None) -> str:
    local = " · ".join(esc(n) for n in (place.name_ko, getattr(place, "name_zh", None)) if isinstance(n, str))
    parts = [f"<b>{esc(place.name)}</b>" + (f" · {local}" if local else ""), esc(place.kind)]
    if place.precision == "parent" and parent_name:
        parts.append(f"approximate: position unknown, shown at {esc(parent_name)}")
    elif is_approximate(place.precision):
        parts.append(esc(PRECISION_LABELS[place.precision]))
    if n_records is not None:
        parts.append(f"{n_records} record{'s' if n_records != 1 else ''}")
    return " — ".join(parts)


def popup_html(place, records: pd.DataFrame, colours: dict[str, str], *, parent_name: str | None = None,
               source_numbers: dict[str, int] | None = None) -> str:
    """Who was assigned here, with whom, doing what, when, from which source, and its grade."""
    source_numbers = source_numbers or {}
    precision = PRECISION_LABELS.get(place.precision, place.precision)
    if place.precision == "parent" and parent_name:
        precision = f"approximate: position unknown, shown at {parent_name}'s point"
    radius = "" if pd.isna(place.uncertainty_m) else f" (± {place.uncertainty_m / 1000:g} km)"
    names = " · ".join(esc(n) for n in (place.name_ko, getattr(place, "name_zh", None)) if isinstance(n, str))
    head = (
        f'<div class="ba-popup"><h3>{esc(place.name)}</h3>'
        f'<div class="meta">{names + " — " if names else ""}{esc(place.kind)}; {esc(precision)}{esc(radius)}<br>'
        f'{place.lat:.4f}° N, {place.lon:.4f}° E</div>'
    )
    items = []
    for row in records.itertuples():
        colour = colours.get(row.org_id, "#546e7a")
        with_ = f" with <b>{esc(row.partner_name)}</b>" if isinstance(row.partner_name, str) else ""
        by = f"; ordered by <b>{esc(row.ordered_by_name)}</b>" if isinstance(row.ordered_by_name, str) else ""
        note = source_numbers.get(row.source_id)
        note_text = f"[{note}] " if note else ""
        items.append(
            f'<div class="rec" style="--c:{esc(colour)}"><div class="who">{esc(row.org_name)}'
            f' <span class="grade" title="Admiralty grade">{esc(row.grade)}</span></div>'
            f"<div>{esc(row.role)}{with_}{by}</div>"
            f"<div>{esc(row.summary)}</div>"
            f"<div><i>{esc(period_text(row.start, row.end, row.reported))}</i></div>"
            f'<div class="cite">{note_text}{esc(row.source_outlet)}, {esc(row.source_published)}, '
            f"¶ {esc(row.paragraphs.replace(';', ', '))}</div></div>"
        )
    if not items:
        items.append("<div><i>No record under the current filters.</i></div>")
    return head + "".join(items) + "</div>"
