"""Read an admin form out of its page, as a browser would submit it unchanged."""

import re
from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, {}
        self._select = self._textarea = None
        self._select_multiple = False

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file"}:
            if attrs.get("type") in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.add(name, attrs.get("value", "on"))
            else:
                self.add(name, attrs.get("value", ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.add(name, "")

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            # A browser sends a text area's lines ending in CRLF, whatever the page held.
            value = self.data[self._textarea][-1]
            self.data[self._textarea][-1] = value.replace("\r\n", "\n").replace("\n", "\r\n")
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data.lstrip("\n") if not self.data[self._textarea][-1] else data


def form_data(response, model_name: str) -> dict[str, list[str]]:
    reader = _FormReader(f"{model_name}_form")
    reader.feed(response.content.decode())
    return reader.data


def delete_box_disabled(response, row: str) -> bool:
    """Whether an inline row's delete box (`row`: "speeches-0") is on the page greyed out, as for a row
    its user may not delete."""
    box = re.search(rf'<input [^>]*name="{re.escape(row)}-DELETE"[^>]*>', response.content.decode())
    return box is not None and " disabled" in box.group(0)
