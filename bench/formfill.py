"""Fill in a rendered HTML form the way a champion would: keep what the page pre-fills, pick the
first sensible option where there is a choice, and type plausible values where a field is empty.
The benchmark and the load test post the session-log form with it without knowing its fields in
advance, so they keep working while the form evolves."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

# Where a choice is offered, what a typical completed one-to-one session looks like.
PREFERRED = {
    "status": "completed",
    "format": "one_to_one",
    "mode": "in_person",
    "topics": "email",
    "skill_areas": "communicating",
}


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.current: dict | None = None
        self.select: dict | None = None
        self.textarea: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.current = {
                "method": a.get("method", "get").lower(),
                "action": a.get("action", ""),
                "fields": [],
            }
            self.forms.append(self.current)
        elif self.current is None:
            return
        elif tag in ("input", "button") and a.get("name"):
            kind = a.get("type", "text" if tag == "input" else "submit").lower()
            self.current["fields"].append({"tag": tag, "type": kind, **a})
        elif tag == "select" and a.get("name"):
            self.select = {"tag": "select", "options": [], **a}
            self.current["fields"].append(self.select)
        elif tag == "option" and self.select is not None:
            self.select["options"].append(
                {"value": a.get("value", ""), "selected": "selected" in a}
            )
        elif tag == "textarea" and a.get("name"):
            self.textarea = {"tag": "textarea", "text": "", **a}
            self.current["fields"].append(self.textarea)

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["text"] += data


def _typed_value(field: dict, today: dt.date) -> str:
    name, kind = field["name"].lower(), field.get("type", "text")
    if kind == "date" or name.endswith("date") or name.endswith("_on"):
        return today.isoformat()
    if kind == "time" or "time" in name:
        return "10:00"
    if "duration" in name:
        return "60"
    if "anonymous" in name or "people" in name:
        return "1"
    if kind == "number":
        return field.get("min") or "1"
    if kind == "email":
        return "learner@example.net"
    return "Benchmark"


def fill_form(html: str, *, today: dt.date, form_index: int | None = None) -> dict:
    """The data a browser would post for the page's main POST form (the one with most fields)."""
    parser = _Forms()
    parser.feed(html)
    forms = [f for f in parser.forms if f["method"] == "post"]
    if not forms:
        raise ValueError("no POST form on the page")
    form = (
        forms[form_index] if form_index is not None else max(forms, key=lambda f: len(f["fields"]))
    )
    data: dict[str, list[str] | str] = {}
    groups: dict[str, list[dict]] = {}
    submit_done = False
    for field in form["fields"]:
        name = field["name"]
        if field["tag"] == "select":
            options = field["options"]
            chosen = [o["value"] for o in options if o["selected"]]
            if not chosen:
                values = [o["value"] for o in options if o["value"]]
                pref = PREFERRED.get(name)
                chosen = [pref] if pref in values else values[:1]
            if chosen:
                data[name] = chosen if "multiple" in field else chosen[0]
        elif field["tag"] == "textarea":
            data[name] = field["text"].strip()
        elif field["type"] in ("checkbox", "radio"):
            groups.setdefault(name, []).append(field)
        elif field["type"] in ("submit", "button", "reset", "image"):
            if field["type"] == "submit" and not submit_done:
                data[name] = field.get("value", "")
                submit_done = True
        elif field["type"] == "file":
            continue
        else:
            value = field.get("value", "")
            if (
                not value
                and field["type"] != "hidden"
                and ("required" in field or _looks_needed(name))
            ):
                value = _typed_value(field, today)
            data[name] = value
    for name, fields in groups.items():
        checked = [f.get("value", "on") for f in fields if "checked" in f]
        if not checked:
            values = [f.get("value", "on") for f in fields]
            pref = PREFERRED.get(name)
            if pref in values:
                checked = [pref]
            elif fields[0]["type"] == "radio" or len(fields) > 1 or "required" in fields[0]:
                checked = values[:1]
        if checked:
            data[name] = (
                checked if len(fields) > 1 and fields[0]["type"] == "checkbox" else checked[0]
            )
    return data


def _looks_needed(name: str) -> bool:
    return bool(re.search(r"(^|_)(date|duration|start_time)$", name))
