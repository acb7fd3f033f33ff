"""Reading pages as a reader sees them."""

from html.parser import HTMLParser


class _RowTitles(HTMLParser):
    """Collects (address, text) of each row's title link: <h3 class="row__title"><a href=...>."""

    def __init__(self):
        super().__init__()
        self.rows, self._in_title, self._link = [], False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "h3" and "row__title" in (attrs.get("class") or "").split():
            self._in_title = True
        elif tag == "a" and self._in_title:
            self._link = [attrs.get("href"), ""]

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.rows.append((self._link[0], self._link[1].strip()))
            self._link = None
        elif tag == "h3":
            self._in_title = False


def row_links(response) -> list[tuple[str, str]]:
    """The rows a list, hub or home page shows, in order, as (address, title)."""
    parser = _RowTitles()
    parser.feed(response.content.decode())
    return parser.rows


def row_titles(response) -> list[str]:
    return [title for _, title in row_links(response)]
