"""What was recognised, listed one row per finding: paragraph, kind, the words, and what they were read as.

>>> from border_atlas.ingest import recognise, report_from_text
>>> found = recognise(report_from_text("T\\nThe MSS paid $5 in 2020."), organisations=[{"id": "mss", "name": "MSS"}])
>>> [(row["paragraph"], row["kind"], row["as written"], row["read as"]) for row in findings_rows(found)]
[(1, 'organisation', 'MSS', 'mss (name)'), (1, 'amount', '$5', '5 USD'), (1, 'date', '2020', '2020 (year, as written)')]
"""

from __future__ import annotations

from border_atlas.ingest.highlight import describe_date, highlights
from border_atlas.ingest.recognise import Recognition


def findings_rows(recognition: Recognition) -> list[dict]:
    """One row per highlighted finding, in paragraph and text order."""
    rows = []
    for findings in recognition.paragraphs:
        dates = {(d.start, d.end): d for d in findings.dates}
        for start, end, kind, label in highlights(findings):
            date = dates.get((start, end))
            read_as = f"{describe_date(date)} ({date.precision or 'range'}, {date.how})" if date else label
            rows.append({"paragraph": findings.number, "kind": kind, "as written": findings.text[start:end],
                         "read as": read_as})
    return rows
