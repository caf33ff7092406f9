import oscar.apps.basket.apps as apps


class BasketConfig(apps.BasketConfig):
    """Oscar's basket app, forked for its voucher form's limit on failed codes (shop.basket.views)."""

    name = "shop.basket"
