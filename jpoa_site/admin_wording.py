"""Sentences of Django's admin that the site's Russian catalogue words anew.

Django's Russian catalogue sets a model's name into its sentences as it stands, where Russian
would decline it ("Добавить конференция", "Конференция … был изменен"), and quotes names with
straight quotes, which end the attribute of a tooltip early. The site's catalogue (LOCALE_PATHS,
read before Django's own) gives these sentences a form where the name stands on its own
("Добавление: конференция"). Listed here so that makemessages keeps them; nothing imports this.
"""

from django.utils.translation import gettext_noop

SENTENCES = [
    # Headings and buttons.
    gettext_noop("Add %s"),
    gettext_noop("Change %s"),
    gettext_noop("View %s"),
    gettext_noop("Add %(name)s"),
    gettext_noop("Select %s"),
    gettext_noop("Select %s to change"),
    gettext_noop("Select %s to view"),
    gettext_noop("Add another %(verbose_name)s"),
    # The tooltips of a relation's buttons.
    gettext_noop("Change selected %(model)s"),
    gettext_noop("Add another %(model)s"),
    gettext_noop("Delete selected %(model)s"),
    gettext_noop("View selected %(model)s"),
    # What a save says.
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
    gettext_noop("%(model_name)s with this %(field_label)s already exists."),
    # The history of a record.
    gettext_noop("Added {name} “{object}”."),
    gettext_noop("Changed {fields} for {name} “{object}”."),
    gettext_noop("Deleted {name} “{object}”."),
    # Deleting.
    gettext_noop('Are you sure you want to delete the %(object_name)s "%(escaped_object)s"? All of the following '
                 "related items will be deleted:"),
    gettext_noop("Deleting the %(object_name)s '%(escaped_object)s' would result in deleting related objects, but "
                 "your account doesn't have permission to delete the following types of objects:"),
    gettext_noop("Deleting the %(object_name)s '%(escaped_object)s' would require deleting the following protected "
                 "related objects:"),
    gettext_noop("Are you sure you want to delete the selected %(objects_name)s? All of the following objects and "
                 "their related items will be deleted:"),
    gettext_noop("Deleting the selected %(objects_name)s would result in deleting related objects, but your account "
                 "doesn't have permission to delete the following types of objects:"),
    gettext_noop("Deleting the selected %(objects_name)s would require deleting the following protected related "
                 "objects:"),
    gettext_noop("Cannot delete %(name)s"),
    gettext_noop("Successfully deleted %(count)d %(items)s."),
]
