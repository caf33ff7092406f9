from django.urls import path
from oscar.apps.basket import apps


class BasketConfig(apps.BasketConfig):
    """Oscar's basket, forked for the one cart of every channel (its lines remember who added
    them where, every change goes through shop.basket.services, and the web views call it) and
    for its voucher form's limit on failed codes."""

    name = "shop.basket"

    def get_urls(self):
        from shop.basket import views

        return super().get_urls() + self.post_process_urls(
            [
                path("version/", views.cart_version, name="version"),
                path("from-store/<str:token>/", views.FromStoreView.as_view(), name="from-store"),
            ]
        )
