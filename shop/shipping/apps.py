import oscar.apps.shipping.apps as apps


class ShippingConfig(apps.ShippingConfig):
    """Oscar's shipping app, forked for its Repository (shop.shipping.repository): the delivery
    options and the rules on their charges, such as free delivery for members."""

    name = "shop.shipping"
