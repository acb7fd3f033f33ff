"""Reading pages as a reader sees them."""

from html.parser import HTMLParser


class _Links(HTMLParser):
    """Collects (address, text) of links; with `within` = (tag, class), only of those inside such an element."""

    def __init__(self, within: tuple[str, str] | None = None):
        super().__init__()
        self.links, self._within, self._inside, self._link = [], within, within is None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._within and tag == self._within[0] and self._within[1] in (attrs.get("class") or "").split():
            self._inside = True
        elif tag == "a" and self._inside:
            self._link = [attrs.get("href"), ""]

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append((self._link[0], self._link[1].strip()))
            self._link = None
        elif self._within and tag == self._within[0]:
            self._inside = False


def links(response, within: tuple[str, str] | None = None) -> list[tuple[str, str]]:
    """Every link of a page, in order, as (address, text); or only those inside `within`, a (tag, class)."""
    parser = _Links(within)
    parser.feed(response.content.decode())
    return parser.links


def row_links(response) -> list[tuple[str, str]]:
    """The rows a list, hub or home page shows, in order, as (address, title): <h3 class="row__title"><a href=...>."""
    return links(response, within=("h3", "row__title"))


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

