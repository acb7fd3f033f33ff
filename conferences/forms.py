"""What every staff form of the content shares."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import with_line_feeds


class ContentForm(forms.ModelForm):
    """A model form that shows every error the model reports, whichever field it names.

    A model's clean() may name any of its fields, but a form leaves some out (an inline row
    shows a few, a read-only field is not on the form), and Django's add_error() answers an
    error on a field the form lacks with a ValueError: a server error instead of a message.
    Here such an error is shown for the whole form (or inline row), led by the field's name.
    """

    @cached_property
    def changed_data(self) -> list[str]:
        # Browsers send a text area's lines ending in CRLF, where the text is stored with line feeds
        # (TimestampedModel.save()): unless told apart otherwise, the history would record a change.
        return [name for name in super().changed_data if not self.same_text(name)]

    def same_text(self, name: str) -> bool:
        """Whether a text area holds the text it was opened with, but for its line ends and the blank
        space the field trims at its ends (what a browser cannot show)."""
        field, bound = self.fields[name], self[name]
        if not isinstance(field.widget, forms.Textarea) or not isinstance(bound.initial, str):
            return False
        try:
            submitted, shown = field.to_python(bound.data), field.to_python(bound.initial)
        except ValidationError:
            return False
        return isinstance(submitted, str) and with_line_feeds(submitted) == with_line_feeds(shown)

    def add_error(self, field, error):
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        if hasattr(error, "error_dict"):
            if field is not None:  # Django's own TypeError: a mistake in code, not in the input
                return super().add_error(field, error)
            errors = error.error_dict
        else:
            errors = {field or NON_FIELD_ERRORS: error.error_list}
        shown = {}
        for name, messages in errors.items():
            if name != NON_FIELD_ERRORS and name not in self.fields:
                name, messages = NON_FIELD_ERRORS, [self.named(name, message) for message in messages]
            shown.setdefault(name, []).extend(messages)
        return super().add_error(None, ValidationError(shown))

    def named(self, field: str, error: ValidationError) -> ValidationError:
        """`error`, led by the name of the field it is about."""
        try:
            label = capfirst(self.instance._meta.get_field(field).verbose_name)
        except FieldDoesNotExist:
            label = field
        return ValidationError(
            _("%(field)s: %(error)s"), code=error.code, params={"field": label, "error": " ".join(error)}
        )
