from django.core.management.base import BaseCommand

from conferences.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo content. Records that already exist are left untouched, so running it twice changes nothing."

    def handle(self, *args, **options) -> None:
        created = load_demo()
        if not any(created.values()):
            self.stdout.write("Demo content already loaded; nothing changed.")
            return
        summary = ", ".join(f"{count} {name}" for name, count in created.items() if count)
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded: {summary}."))
