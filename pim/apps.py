from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PimConfig(AppConfig):
    """The Wagtail side of product data: families, attributes, versioned product records,
    completeness, import/export, and publishing to the catalogue."""

    name = "pim"
    verbose_name = "Product information"

    def ready(self):
        from pim import (
            receivers,  # noqa: F401  (publishing reaches the catalogue)
            workflow,
        )

        # After shop's post_migrate (INSTALLED_APPS order), which creates the roles' groups.
        post_migrate.connect(workflow.on_post_migrate, sender=self)
