from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ShopConfig(AppConfig):
    """The project package: settings, URLs, Celery, roles, theme and demo data."""

    name = "shop"
    verbose_name = "Shop"

    def ready(self):
        from shop import roles

        post_migrate.connect(roles.on_post_migrate, sender=self)
