"""How a change list counts its rows: "5 conferences", «5 конференций».

Django's admin writes the number and the model's name side by side, where Russian needs the
noun in the form the number asks for (three of them); each model here has its phrase with those forms.
"""

from django import template
from django.utils.translation import ngettext_lazy

register = template.Library()

COUNTS = {
    "conferences.conference": ngettext_lazy("%(counter)s conference", "%(counter)s conferences", "counter"),
    "conferences.speech": ngettext_lazy("%(counter)s speech", "%(counter)s speeches", "counter"),
    "conferences.actionitem": ngettext_lazy("%(counter)s action item", "%(counter)s action items", "counter"),
    "conferences.actionitemupdate": ngettext_lazy("%(counter)s progress update", "%(counter)s progress updates",
                                                  "counter"),
    "conferences.document": ngettext_lazy("%(counter)s document", "%(counter)s documents", "counter"),
    "conferences.session": ngettext_lazy("%(counter)s session", "%(counter)s sessions", "counter"),
    "conferences.plan": ngettext_lazy("%(counter)s plan", "%(counter)s plans", "counter"),
    "conferences.person": ngettext_lazy("%(counter)s person", "%(counter)s people", "counter"),
    "conferences.organization": ngettext_lazy("%(counter)s organisation", "%(counter)s organisations", "counter"),
    "conferences.country": ngettext_lazy("%(counter)s country", "%(counter)s countries", "counter"),
    "conferences.theme": ngettext_lazy("%(counter)s theme", "%(counter)s themes", "counter"),
    "auth.user": ngettext_lazy("%(counter)s user", "%(counter)s users", "counter"),
    "auth.group": ngettext_lazy("%(counter)s group", "%(counter)s groups", "counter"),
}
# Any other model (the sign-in records, say).
RECORDS = ngettext_lazy("%(counter)s record", "%(counter)s records", "counter")


@register.simple_tag
def result_count(cl) -> str:
    """The change list's number of rows, with its model's name in the form the number asks for."""
    phrase = COUNTS.get(cl.opts.label_lower, RECORDS)
    return phrase % {"counter": cl.result_count}
