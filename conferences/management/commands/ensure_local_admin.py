from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

# Local demo accounts: (username and password, group). The superuser has every right.
ACCOUNTS = [("admin", None), ("editor", "Editors"), ("publisher", "Publishers")]


class Command(BaseCommand):
    help = (
        "Create the local demo accounts admin/admin (superuser), editor/editor and publisher/publisher, where "
        "they do not exist yet; existing accounts are left as they are. Refuses to run unless DJANGO_DEBUG is on."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/admin/", help="Where the admin will be served.")

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("ensure_local_admin only runs with DJANGO_DEBUG=1 (a local demo).")
        kept = []
        for username, group in ACCOUNTS:
            user, created = get_user_model().objects.get_or_create(
                username=username, defaults={"is_staff": True, "is_superuser": group is None}
            )
            if not created:
                kept.append(username)
                continue
            user.set_password(username)
            user.save()
            if group:
                user.groups.set([Group.objects.get(name=group)])
        self.stdout.write(self.style.SUCCESS(
            f"Log in to the admin at {options['url']} as admin (password admin) to do anything, "
            "or as editor (password editor) or publisher (password publisher) to try the two roles."
        ))
        if kept:
            self.stdout.write(f"These accounts already existed and keep their passwords: {', '.join(kept)}.")
