from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """What the shop keeps about a customer beside their allauth account: the language they read
    (emails are sent in it) and their consent to marketing email, with an unsubscribe link."""

    name = "shop.accounts"
    label = "accounts"
    verbose_name = "Customer preferences"

    def ready(self):
        from shop.accounts import receivers  # noqa: F401  (the language at sign-in)
