"""Public pages: lists (lists.py), pages of one item (details.py), the sections both show
(sections.py) and the site's own endpoints (site.py). Everything shown starts from `published()`."""
