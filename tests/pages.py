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


class _Facts(HTMLParser):
    """Collects a detail page's <dl class="facts">: each term with the links under it."""

    def __init__(self):
        super().__init__()
        self.facts, self._in_facts, self._term, self._link = {}, False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "dl" and "facts" in (attrs.get("class") or "").split():
            self._in_facts = True
        elif self._in_facts and tag == "dt":
            self._term = ""
        elif self._in_facts and tag == "a" and self._term is not None:
            self._link = [attrs.get("href"), ""]

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data
        elif self._in_facts and self._term is not None and self._term not in self.facts:
            self._term += data

    def handle_endtag(self, tag):
        if tag == "dl":
            self._in_facts = False
        elif tag == "dt" and self._term is not None:
            self._term = self._term.strip()
            self.facts[self._term] = []
        elif tag == "a" and self._link is not None:
            self.facts[self._term].append((self._link[0], self._link[1].strip()))
            self._link = None


def facts(response) -> dict[str, list[tuple[str, str]]]:
    """A detail page's facts as {term: [(address, text) of each link under it]}."""
    parser = _Facts()
    parser.feed(response.content.decode())
    return parser.facts


class _Links(HTMLParser):
    """Collects (address, text) of every link on a page."""

    def __init__(self):
        super().__init__()
        self.links, self._link = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._link = [dict(attrs).get("href"), ""]

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], self._link[1].strip()))
            self._link = None


def links(response) -> list[tuple[str, str]]:
    """Every link of a page, in order, as (address, text)."""
    parser = _Links()
    parser.feed(response.content.decode())
    return parser.links
