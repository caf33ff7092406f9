from django.apps import AppConfig


class PimConfig(AppConfig):
    """The Wagtail side of product data: admin menus and panels for the product team."""

    name = "pim"
    verbose_name = "Product information"
