from django.apps import AppConfig
from django.db.models.signals import post_migrate


class QuotesConfig(AppConfig):
    name = "quotes"
    verbose_name = "Sales"

    def ready(self):
        from quotes import roles

        post_migrate.connect(roles.roles_ensure_from_signal, sender=self)
