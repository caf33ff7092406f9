import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    """Oscar's basket, forked for the one cart of every channel: its lines remember who added
    them where, every change goes through shop.basket.services, and the web views call it."""

    name = "shop.basket"
