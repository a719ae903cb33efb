import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from catalog import roles


class Command(BaseCommand):
    help = "Create or refresh the demo staff login (catalog editor + sales) and print it. Development only."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="demo")
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off.")

    def handle(self, *args, username, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Refusing to create a demo login with DEBUG off; pass --force if you mean it.")
        # A fresh random password each time unless one is given: nothing to leak from the repository.
        password = os.environ.get("DEMO_STAFF_PASSWORD") or secrets.token_urlsafe(9)
        # The demo salesperson writes from the demo seller's domain: their address is printed on quotes.
        domain = settings.QUOTE_SELLER["email"].rpartition("@")[2] or "example.com"
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@{domain}", "first_name": "Demo", "last_name": "Staff"}
        )
        user.is_staff = True
        user.is_superuser = False
        user.set_password(password)
        user.save()
        user.groups.set(Group.objects.filter(name__in=[roles.CATALOG_EDITORS, roles.SALES]))
        self.stdout.write(self.style.SUCCESS(f"  Demo staff login: {username} / {password}"))
