import oscar.apps.checkout.apps as apps


class CheckoutConfig(apps.CheckoutConfig):
    """Oscar's checkout, forked so that the order confirmation email is sent by a Celery task."""

    name = "shop.checkout"
