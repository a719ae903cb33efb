from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from quotes import demo


class Command(BaseCommand):
    help = "Create demo consultation requests, leads and a draft quote (development only). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")

    def handle(self, *args, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Refusing to load demo leads with DEBUG off; pass --force if you mean it.")
        counts = demo.demo_sales_load()
        self.stdout.write(f"Demo sales: {counts['requests']} requests, {counts['quotes']} quotes created.")
