"""The form filler the benchmark and load test use to post the session form."""

import datetime as dt

from bench.formfill import fill_form

PAGE = """
<form method="get" action="/search/"><input name="q"></form>
<form method="post" action="">
  <input type="hidden" name="csrfmiddlewaretoken" value="tok">
  <input type="date" name="date" required>
  <input type="number" name="duration_minutes" value="45">
  <input type="radio" name="status" value="planned">
  <input type="radio" name="status" value="completed">
  <input type="checkbox" name="topics" value="scams">
  <input type="checkbox" name="topics" value="email">
  <input type="checkbox" name="follow_up_needed">
  <select name="mode"><option value="">Choose</option><option value="phone">Phone</option>
    <option value="in_person" selected>In person</option></select>
  <textarea name="notes">  kept  </textarea>
  <input type="file" name="upload">
  <button type="submit" name="action" value="save">Save</button>
  <button type="submit" name="action" value="another">Save and log another</button>
</form>
"""


def test_fills_the_main_post_form_like_a_champion_would():
    data = fill_form(PAGE, today=dt.date(2026, 5, 4))
    assert data == {
        "csrfmiddlewaretoken": "tok",
        "date": "2026-05-04",
        "duration_minutes": "45",
        "status": "completed",
        "topics": ["email"],
        "mode": "in_person",
        "notes": "kept",
        "action": "save",
    }
