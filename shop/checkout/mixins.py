from django.db import transaction
from oscar.apps.checkout import mixins

from shop.checkout.tasks import send_order_confirmation


class OrderPlacementMixin(mixins.OrderPlacementMixin):
    def send_order_placed_email(self, order):
        # Sent by a worker once the order is committed, so a slow mail server never holds
        # up the checkout and a failed send is retried without placing the order again.
        transaction.on_commit(lambda: send_order_confirmation.delay(order.pk))
