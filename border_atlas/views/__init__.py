"""The analysis views of a selection: tables, timeline, organisation graph and profile, data quality,
who controlled what, the briefing and the era comparison.

Each is plain data, a chart or a document made from a Selection; ``documents`` renders the briefing and
comparison pages from ``templates/``, ``colours`` gives each organisation its colour and each kind of
place its symbol. ``timeline_counts`` and ``period_counts`` count records over time for large selections;
``change_history`` words the changes to a row or a report.
"""
