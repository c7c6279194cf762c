"""The Review page: each save awaiting review, its rows beside the paragraphs they cite, and the decisions.

Approve, Send back (a comment is required) and Reject (a comment is kept), per row or for all the rows of
one save. The role is checked when the page is drawn and again when a button's callback runs; the store
refuses a decision by the rows' own author. Button keys (stable, for tests): ``approval_<action>_<change>``
for all the rows of save ``<change>``, ``approval_<action>_<change>_<table>_<row id>`` for one row, where
``<action>`` is ``approve``, ``send_back`` or ``reject``; the comments: ``approval_comment_<change>`` and
``approval_comment_<change>_<table>_<row id>``.
"""

from __future__ import annotations

import streamlit as st

from border_atlas.store import StoreError
from border_atlas.store.reviews import SENT_BACK, PendingSave, Review
from border_atlas.team.approval import CITING, TABLE_WORDS, cited_paragraphs, row_words
from border_atlas.team.roles import may_review
from border_atlas.text.escaping import markdown
from border_atlas.text.wording import count_label
from border_atlas.ui.data import get_dataset, open_store
from border_atlas.ui.team import Member, member, require, show_member

MESSAGE = "approval_message"
SHOWN_FIRST = ("assignments", "figures", "events", "eras", "organisations", "places", "sources")  # records first
MAX_SAVES = 20  # saves shown at once, oldest first: each is a form of its own
ACTIONS = {"approve": ("Approve", "approve"), "send_back": ("Send back", "send_back"), "reject": ("Reject", "reject")}
ALL_LABELS = {"approve": "Approve all of this report", "send_back": "Send all of this report back",
              "reject": "Reject all of this report"}


def _decide(action: str, change_id: int, rows: list[tuple[str, str]] | None, comment_key: str) -> None:
    """A button's callback: the role checked again (a forged click), then the store decides."""
    who = member()
    if not may_review(who.role):
        st.session_state[MESSAGE] = ("error", "Reviewing takes the reviewer role.")
        return
    comment = st.session_state.get(comment_key, "") or ""
    store = open_store()
    decide = {"approve": store.approve, "send_back": store.send_back, "reject": store.reject}[action]
    try:
        kwargs = {"rows": rows} if rows else {"save": change_id}
        result = decide(user=who.user, comment=comment, **kwargs)
    except (StoreError, OSError) as exc:
        st.session_state[MESSAGE] = ("error", str(exc))
        return
    done = {"approve": "Approved", "send_back": "Sent back", "reject": "Rejected"}[action]
    count = len(result.change.rows.get("reviews", ()))
    st.session_state[MESSAGE] = ("success", f"{done}: {count_label(count, 'row')} of change {change_id} "
                                            f"(recorded as change {result.change.id}).")
    st.session_state.pop(comment_key, None)


def _show_message() -> None:
    kept = st.session_state.pop(MESSAGE, None)
    if kept:
        getattr(st, kept[0])(markdown("{text}", text=kept[1]))


def _buttons(change_id: int, rows: list[tuple[str, str]] | None, suffix: str, *, labels: dict[str, str],
             disabled: bool) -> None:
    comment_key = f"approval_comment_{change_id}{suffix}"
    st.text_input("Comment (needed to send back)", key=comment_key, disabled=disabled,
                  placeholder="What to change, or why it is rejected")
    columns = st.columns(3)
    for column, (action, label) in zip(columns, labels.items()):
        column.button(label, key=f"approval_{action}_{change_id}{suffix}", disabled=disabled,
                      type="primary" if action == "approve" else "secondary", width="stretch",
                      on_click=_decide, args=(action, change_id, rows, comment_key))


def _status_line(review: Review) -> str:
    if review.status == SENT_BACK:
        return markdown("**Sent back** by {who} at {when}: “{comment}”", who=review.decided_by or "",
                        when=review.decided_at or "", comment=review.comment or "")
    return "**Pending**"


def _row(save: PendingSave, review: Review, row: dict, reports: dict[str, str], names: dict[str, str],
         own: bool) -> None:
    left, right = st.columns([5, 4])
    with left:
        what = TABLE_WORDS.get(review.table_name, review.table_name).capitalize()
        st.markdown(markdown("**{what}** {id} · ", what=what, id=review.row_id) + _status_line(review))
        st.markdown(markdown("{words}", words=row_words(review.table_name, row, names)))
        suffix = f"_{review.table_name}_{review.row_id}"
        _buttons(save.change.id, [(review.table_name, review.row_id)], suffix,
                 labels={a: label for a, (label, _) in ACTIONS.items()}, disabled=own)
    with right:
        _cited(review.table_name, row, reports)


def _cited(table: str, row: dict, reports: dict[str, str]) -> None:
    if table not in CITING:
        st.caption("Cites no paragraph.")
        return
    source = row.get("source_id") or ""
    cited = cited_paragraphs(reports.get(source), row.get("paragraphs"))
    if not reports.get(source):
        st.caption(markdown("Report {source} has no archived text here.", source=source))
    for number, text in cited:
        st.markdown(markdown("**¶ {n}** {text}", n=number,
                             text=text if text is not None else f"(report {source} has no paragraph {number})"))


def _save_section(save: PendingSave, reports: dict[str, str], names: dict[str, str], who: Member) -> None:
    change = save.change
    own = change.user == who.user
    title = f"Report {save.source_id}" if save.source_id else f"Change {change.id}"
    with st.container(border=True, key=f"approval_save_{change.id}"):
        st.subheader(markdown("{title}", title=title))
        st.caption(markdown("Saved by {user} at {time} (change {id}): {count} awaiting review. {note}",
                            user=change.user, time=change.time, id=change.id, count=len(save.reviews),
                            note=change.note))
        if own:
            st.info("You saved these: a reviewer other than you decides on them.", icon=":material/person:")
        _buttons(change.id, None, "", labels=ALL_LABELS, disabled=own)
        for review in sorted(save.reviews, key=lambda r: SHOWN_FIRST.index(r.table_name)):
            row = next(r for r in save.rows[review.table_name] if r["id"] == review.row_id)
            st.divider()
            _row(save, review, row, reports, names, own)


def _names() -> dict[str, str]:
    dataset = get_dataset()
    frames = (dataset.places, dataset.organisations)
    return {i: n for frame in frames for i, n in zip(frame["id"], frame["name"])}


def review_page() -> None:
    """The whole page: a reviewer's list of saves awaiting review; anyone else is told which role it takes."""
    st.set_page_config(page_title="Review — Border Atlas", page_icon="🗺️", layout="wide")
    who = member()
    show_member(who)
    require(who, may_review, title="Review", action="reviewing records")
    st.title("Review")
    st.caption("A record saved by an analyst is pending until a reviewer other than its author approves it. Each "
               "save is listed with its records beside the paragraphs they cite (numbered from 1 at the first "
               "line after the title). Approve it, send it back to its author with a comment, or reject it "
               "(removed from the data, kept in the history).")
    _show_message()
    try:
        waiting, reports = open_store().pending_reviews(), open_store().reports()
    except StoreError as exc:
        st.error(markdown("The reviews cannot be read: {message}", message=str(exc)))
        return
    if not waiting:
        st.success("Nothing awaits review.")
        return
    names = _names()
    if len(waiting) > MAX_SAVES:
        st.caption(f"The {MAX_SAVES} oldest of {len(waiting):,} saves awaiting review.")
    for save in waiting[:MAX_SAVES]:
        _save_section(save, reports, names, who)


def sent_back_notice(user: str) -> None:
    """The user's own records sent back, with the comment and who sent them (on Add a report)."""
    try:
        mine = open_store().pending_reviews(author=user, statuses=(SENT_BACK,))
    except StoreError:
        return
    for save in mine:
        first = save.reviews[0]
        what = ", ".join(f"{TABLE_WORDS.get(r.table_name, r.table_name)} {r.row_id}" for r in save.reviews)
        st.warning(markdown("{who} sent back your change {id} ({what}): “{comment}”. Undo that save below and save "
                            "the report again with the changes; until then it stays pending.",
                            who=first.decided_by or "A reviewer", id=save.change.id, what=what,
                            comment=first.comment or ""), icon=":material/undo:")
