from django.db import transaction
from oscar.apps.checkout import mixins

from shop.checkout.tasks import send_order_confirmation
from shop.outbox.services import enqueue


class OrderPlacementMixin(mixins.OrderPlacementMixin):
    def place_order(self, *args, **kwargs):
        # The order and the promise to confirm it commit together (the outbox): a broker that is
        # down delays the email, never loses it, and never turns a placed order into an error page.
        with transaction.atomic():
            order = super().place_order(*args, **kwargs)
            enqueue(send_order_confirmation, order.pk)
        return order

    def send_order_placed_email(self, order):
        """Queued with the order in place_order, sent by the Celery task: a slow mail server never
        holds up the checkout and a failed send is retried without placing the order again."""
