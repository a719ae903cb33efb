from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from catalog import demo


class Command(BaseCommand):
    help = "Create or update the demo catalog (treatments, families, specs, devices, illustrations). Idempotent."

    def handle(self, *args, **options):
        try:
            counts = demo.demo_catalog_load()
        except ValidationError as exc:
            raise CommandError(f"The demo data does not validate, nothing was loaded: {exc}") from exc
        self.stdout.write(
            "Demo catalog: {treatments} treatments, {families} families, {spec_definitions} spec definitions, "
            "{devices} devices, {spec_values} spec values, {options} options, {price_tiers} price tiers, "
            "{certifications} certifications, {images} images; {changed} rows created or changed.".format(**counts)
        )
