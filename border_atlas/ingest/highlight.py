"""The numbered report as HTML with what was recognised marked in it.

Every piece of report text, title and label is escaped: a report is hostile input. Each mark is
``<mark class="hl hl-KIND" data-kind="KIND" title="...">``; where marks would overlap, the
longest is kept (then the earliest).

>>> from border_atlas.ingest.documents import report_from_text
>>> from border_atlas.ingest.recognise import recognise
>>> found = recognise(report_from_text("T<i>\\n<b>MSS</b> paid $5"), organisations=[{"id": "mss", "name": "MSS"}])
>>> print(render_highlights(found).split("\\n")[2])
<p class="paragraph" id="p-1" data-paragraph="1"><span class="paragraph-number">1</span> &lt;b&gt;\
<mark class="hl hl-organisation" data-kind="organisation" title="mss (name)">MSS</mark>&lt;/b&gt; paid \
<mark class="hl hl-amount" data-kind="amount" title="5 USD">&#36;5</mark></p>
"""

from __future__ import annotations

from typing import Any

from border_atlas.ingest.dates import DateMention
from border_atlas.ingest.recognise import ParagraphFindings, Recognition, span_of
from border_atlas.ingest.spans import keep_longest
from border_atlas.text.escaping import esc

KINDS = ("place", "new-place", "organisation", "new-organisation", "date", "amount")


def render_highlights(recognition: Recognition) -> str:
    """An ``<article>`` with the title and one ``<p>`` per numbered paragraph."""
    lines = ['<article class="report-text">', f'<h3 class="report-title">{esc(recognition.report.title)}</h3>']
    for findings in recognition.paragraphs:
        lines.append(f'<p class="paragraph" id="p-{findings.number}" data-paragraph="{findings.number}">'
                     f'<span class="paragraph-number">{findings.number}</span> {_marked(findings)}</p>')
    lines.append("</article>")
    return "\n".join(lines)


def highlights(findings: ParagraphFindings) -> list[tuple[int, int, str, str]]:
    """Non-overlapping (start, end, kind, label) marks of a paragraph, longest first kept, in order."""
    text = findings.text
    wanted = [(*span_of(m, text), "place", _place_label(m)) for m in findings.places if span_of(m, text)]
    wanted += [(p.start, p.end, "new-place", f"new place? ({p.cue}); position unknown") for p in findings.new_places]
    wanted += [(m.start, m.end, "new-organisation", f"new organisation? ({m.how})") if m.is_new
               else (m.start, m.end, "organisation", f"{m.org_id} ({m.how})") for m in findings.organisations]
    wanted += [(d.start, d.end, "date", f"{describe_date(d)} ({d.how})") for d in findings.dates]
    wanted += [(a.start, a.end, "amount", _amount_label(a)) for a in findings.amounts]
    return keep_longest(wanted, length=len(text), span=lambda mark: mark[:2], rank=lambda mark: KINDS.index(mark[2]))


def _marked(findings: ParagraphFindings) -> str:
    text, out, at = findings.text, [], 0
    for start, end, kind, label in highlights(findings):
        out.append(esc(text[at:start]))
        out.append(f'<mark class="hl hl-{kind}" data-kind="{kind}" title="{esc(label)}">{esc(text[start:end])}</mark>')
        at = end
    out.append(esc(text[at:]))
    return "".join(out)


def describe_date(mention: DateMention) -> str:
    """The value, else the range it allows, else "unresolved"."""
    if mention.value:
        return mention.value
    if mention.earliest or mention.latest:
        return f"{mention.earliest or '…'} to {mention.latest or '…'}"
    return "unresolved"


def _place_label(mention: Any) -> str:
    if isinstance(getattr(mention, "label", None), str):
        return mention.label
    get = mention.get if isinstance(mention, dict) else lambda key: getattr(mention, key, None)
    return str(get("place_id") or get("name") or get("text") or "place")


def _amount_label(amount) -> str:
    if amount.minimum == amount.maximum:
        return f"{amount.minimum:,} {amount.currency}"
    return f"{amount.minimum:,}–{amount.maximum:,} {amount.currency}"
