"""The places shown, as KML for Google Earth: one Placemark per place, its records inside.

Built with fastkml. The description is HTML (Google Earth renders it), so every text in it
is escaped; the same facts are also in ExtendedData for programs that read KML.
"""

from __future__ import annotations

from fastkml import Document, Placemark, kml
from fastkml.data import Data, ExtendedData
from pygeoif.geometry import Point

from border_atlas.escaping import esc
from border_atlas.exports.records import flat_records
from border_atlas.selection import Selection


def _description(place, records: list[dict]) -> str:
    items = "".join(
        f"<li><b>{esc(r['organisation'])}</b> ({esc(r['role'])})"
        + (f" with {esc(r['partner'])}" if r["partner"] else "")
        + (f"; ordered by {esc(r['ordered_by'])}" if r["ordered_by"] else "")
        + f". {esc(r['summary'])}<br/><i>{esc(r['citation'])}; grade {esc(r['grade'])}</i></li>"
        for r in records
    )
    return (f"<p>{esc(place.kind)}; location precision: {esc(place.precision)}</p>"
            f"<ul>{items}</ul>")


def places_kml(selection: Selection) -> str:
    records = flat_records(selection)
    by_place: dict[str, list[dict]] = {}
    for record in records:
        by_place.setdefault(record["place_id"], []).append(record)
    placemarks = []
    for place in selection.places.itertuples():
        here = by_place.get(place.id, [])
        data = [
            Data(name="place_id", value=place.id),
            Data(name="name_ko", value=place.name_ko if isinstance(place.name_ko, str) else ""),
            Data(name="precision", value=place.precision),
            Data(name="uncertainty_m", value="" if place.uncertainty_m != place.uncertainty_m
                 else f"{place.uncertainty_m:g}"),
            Data(name="records", value=str(len(here))),
            Data(name="citations", value=" | ".join(f"{r['citation']} (grade {r['grade']})" for r in here)),
        ]
        placemarks.append(Placemark(
            id=place.id,
            name=place.name,
            description=_description(place, here),
            geometry=Point(float(place.lon), float(place.lat)),
            extended_data=ExtendedData(elements=data),
        ))
    document = Document(id="border-atlas", name="Border Atlas", features=placemarks,
                        description=f"{len(records)} records; each placemark lists its records with citations")
    return kml.KML(features=[document]).to_string(prettyprint=True)
