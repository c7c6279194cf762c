"""HTML for place markers, their labels, tooltips and popups. Every text goes through esc()."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from border_atlas.loading.model import Place, Record
from border_atlas.text import wording
from border_atlas.text.escaping import esc
from border_atlas.text.wording import is_approximate
from border_atlas.views.colours import DEFAULT_COLOUR, KIND_SYMBOLS

MAX_CHIPS = 4


@dataclass(frozen=True)
class Chip:
    """One organisation (or pairing) at a place, as shown on the map itself."""

    text: str
    colour: str
    when: str
    org_id: str = ""  # the organisation whose colour it carries


def _local(name: str, place_name: str | None) -> str:
    """"Border units in Hyetan" shown at Hyetan reads "border units"."""
    head, _, where = name.rpartition(" in ")
    if head and place_name and place_name.startswith(where):
        return head.lower()
    return name


def chips_for(records: Iterable[Record], colours: dict[str, str]) -> list[Chip]:
    """One chip per organisation, or per pairing (company ⇄ unit), at a place, in short names."""
    chips: dict[tuple, Chip] = {}
    for record in records:
        key = (record.org_id, record.partner_org_id)
        if key in chips:
            continue
        org = _local(record.org_short, record.place_name)
        if record.partner_org_id and record.partner_type == "trading company" and \
                record.org_type != "trading company":
            text, owner = f"{record.partner_short} ⇄ {org}", record.partner_org_id
        elif record.partner_org_id:
            text, owner = f"{org} ⇄ {record.partner_short}", record.org_id
        else:
            text, owner = org, record.org_id
        chips[key] = Chip(text, colours.get(owner) or DEFAULT_COLOUR, record.period_years, owner)
    return list(chips.values())


def symbol_html(kind: str, precision: str, *, landmark: bool = False, size: int | None = None,
                outlined: bool = False, pending: bool = False) -> str:
    """The place's symbol; ``outlined``: an area drawn over its outline, whose symbol only anchors its label;
    ``pending``: some of its records await review (a dashed amber ring)."""
    shape, default_size = KIND_SYMBOLS.get(kind, ("circle", 12))
    size = size or default_size
    classes = ["ba-sym", shape, f"kind-{kind}"]
    if landmark:
        classes.append("landmark")
    elif outlined:
        classes.append("area")
    elif is_approximate(precision):
        classes.append("approx")
    elif kind == "city":
        classes.append("filled")
    if pending:
        classes.append("pending")
    return f'<span class="{" ".join(classes)}" style="width:{size}px;height:{size}px"></span>'


def marker_html(place: Place, chips: list[Chip], *, dx: int = 0, dy: int = 0, label_side: str = "right",
                landmark: bool = False, labelled: bool | None = None) -> str:
    """The DivIcon body: symbol, name label with chips, and a leader line when displaced.

    Landmarks have no label unless ``labelled`` (a parent shown for context).
    """
    label = ""
    if landmark and labelled:
        label = (f'<div class="ba-label {label_side} context"><b>{esc(place.name)}</b>'
                 f'<span class="ko">{esc(place.name_ko)}</span></div>')
    elif not landmark:
        shown = chips[:MAX_CHIPS]
        rows = "".join(  # data-chip: the chip's number, by which the time player shows and hides it
            f'<div class="ba-chip" data-chip="{k}"><i style="background:{esc(c.colour)}"></i>{esc(c.text)}'
            f'<span class="when">{esc(c.when)}</span></div>'
            for k, c in enumerate(shown)
        )
        if len(chips) > MAX_CHIPS:
            rows += f'<div class="ba-chip ba-more"><span class="when">+{len(chips) - MAX_CHIPS} more</span></div>'
        rows += _organisations_line(chips)
        mark = '<span class="approx" title="approximate position">≈</span>' if place.approximate else ""
        area = (f'<div class="ba-chip ba-area">{esc(wording.area_note(place.name))}</div>'
                if place.contains else "")
        label = (
            f'<div class="ba-label {label_side}"><b>{esc(place.name)}</b>'
            f'<span class="ko">{esc(place.name_ko)}</span>{mark}{pending_badge(place.n_pending)}{area}{rows}</div>'
        )
    leader = ""
    if dx or dy:
        leader = (
            f'<svg class="ba-leader" width="1" height="1"><line x1="0" y1="0" x2="{dx}" y2="{dy}" '
            'stroke="#1b2a3a" stroke-width="1.2" stroke-dasharray="3 2"/></svg>'
        )
    symbol = symbol_html(place.kind, place.precision, landmark=landmark, outlined=place.area == "outline",
                         pending=not landmark and place.n_pending > 0)
    pin = (f'<div class="ba-pin" style="left:{dx}px;top:{dy}px">{symbol}'
           f"{label}</div>")
    return leader + pin


def pending_badge(n_pending: int) -> str:
    """"pending" beside a place's name while some of its records await review."""
    if not n_pending:
        return ""
    return (f'<span class="ba-pending" title="{esc(wording.count_label(n_pending))} awaiting review">'
            'pending</span>')


def _organisations_line(chips: list[Chip]) -> str:
    """The chips' organisations on one line: what a crowded label keeps (see label_layout)."""
    owners = dict.fromkeys((c.text.split(" ⇄ ")[0], c.colour) for c in chips)  # a chip names its owner first
    if not owners:
        return ""
    return '<div class="ba-orgs">' + " ".join(
        f'<span><i style="background:{esc(colour)}"></i>{esc(name)}</span>' for name, colour in owners) + "</div>"


def tooltip_text(place: Place, *, n_records: int | None = None) -> str:
    local = " · ".join(esc(n) for n in place.local_names)
    parts = [f"<b>{esc(place.name)}</b>" + (f" · {local}" if local else ""), esc(place.kind)]
    if place.area:
        parts.append(esc(wording.area_text(place.kind, outlined=place.area == "outline")))
    elif place.approximate:
        parts.append(esc(wording.precision_text(place.precision, parent_name=place.parent_name)))
    if n_records is not None:
        parts.append(esc(wording.count_label(n_records)))
    return " — ".join(parts)


def _popup_record(record: Record, colours: dict[str, str], note: int | None) -> str:
    with_ = f" with <b>{esc(record.partner_name)}</b>" if record.partner_name else ""
    by = f"; ordered by <b>{esc(record.ordered_by_name)}</b>" if record.ordered_by_name else ""
    area = (f'<div class="area">{esc(wording.area_note(record.place_name or record.place_id or ""))}</div>'
            if record.about_containing_area else "")
    if record.review != "reviewed":
        area += f'<div class="ba-pending">{esc(wording.review_text(record.review))}</div>'
    return (
        f'<div class="rec" style="--c:{esc(colours.get(record.org_id, DEFAULT_COLOUR))}"><div class="who">'
        f'{esc(record.org_name)} <span class="grade" title="Admiralty grade">{esc(record.grade)}</span></div>'
        f"<div>{esc(record.role)}{with_}{by}</div>{area}"
        f"<div>{esc(record.summary)}</div>"
        f"<div><i>{esc(record.period)}</i></div>"
        f'<div class="cite">{f"[{note}] " if note else ""}{esc(record.citation)}</div></div>'
    )


def popup_html(place: Place, records: Iterable[Record], colours: dict[str, str], *,
               source_numbers: dict[str, int] | None = None) -> str:
    """Who was assigned here, with whom, doing what, when, from which source, and its grade."""
    source_numbers = source_numbers or {}
    names = " · ".join(esc(n) for n in place.local_names)
    head = (
        f'<div class="ba-popup"><h3>{esc(place.name)}</h3>'
        f'<div class="meta">{names + " — " if names else ""}{esc(place.kind)}; {esc(place.position_text)}<br>'
        f"{place.lat:.4f}° N, {place.lon:.4f}° E</div>"
    )
    if place.contains:
        note = wording.area_note(place.name, place.contains)
        head += f'<div class="area">{esc(note[:1].upper() + note[1:])}: its records apply there too.</div>'

    items = [_popup_record(r, colours, source_numbers.get(r.source_id)) for r in records]
    return head + ("".join(items) or "<div><i>No record under the current filters.</i></div>") + "</div>"
