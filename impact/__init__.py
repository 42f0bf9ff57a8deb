"""Impact: the figures a programme shows its board and funders, and the pages that show them.

Read it in this order; each module uses only those above it.

- periods.py: reporting periods (presets, custom) and the period before one, to compare with.
- scope.py: what a figure covers (an organisation, a team, a champion; the network, a sector, a
  region) and the shapes of the answers (Headline, breakdown rows), shared by both ways below.
- _from_sessions.py: every figure computed from the session and attendance tables: the
  definition. Also what a team's or a champion's learner figures come from.
- rollups.py, models.py, sql/rollups.sql: tables holding the figures already summed, kept by
  PostgreSQL triggers in the transaction of every write, whatever wrote it; the same triggers
  move on each organisation's FiguresVersion. sql/rollups.sql is the one live source of the
  functions and triggers; migrations carry snapshots of it.
- _from_rollups.py: the same figures read from the rollups, in milliseconds. Private, like
  _from_sessions.py: tests/impact/test_rollups.py checks that the two always agree.
- selectors.py: the one public module for figures. Views, emails, reports, exports (and later
  the API) ask it; it chooses the rollups where they cover the scope. One home for each rule:
  who has gone quiet, each champion's last session, cost per person.
- cache.py: a figure set kept under its organisation's FiguresVersion, so never stale; Redis
  down only means computing again.
- evidence.py: what lasted (follow-up checks), learners' own voice (the feedback form) and
  benchmarks against other organisations' medians, read fresh beside the cached figures.
- reports.py: the labelled figure sets of each page (dashboard, my impact, the network, the
  board report), cached as a whole.
- tables.py, forms.py, views.py: each table as CSV rows, the filters, and thin views.
"""
