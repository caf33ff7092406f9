from django.apps import AppConfig


class StoresConfig(AppConfig):
    """Physical stores and the online warehouse: fulfilment locations, their staff and hours."""

    name = "shop.stores"
    label = "stores"
    verbose_name = "Stores"
