"""Keep the browse/search index fresh: any change to a product, its attribute values or its
categories queues one reindex task for the products touched, once the transaction commits."""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalogue.models import Product, ProductAttributeValue, ProductCategory

_pending = threading.local()


class _Reindex:
    """The on-commit callback of one transaction, collecting the products it touched."""

    def __init__(self, product_id):
        self.product_ids = {product_id}
        self.done = False

    def __call__(self):
        from catalogue.tasks import reindex_products

        self.done = True
        reindex_products.delay(sorted(self.product_ids))


def schedule_reindex(product_id):
    # The thread's last callback is reused only while the current transaction still holds it
    # and it has not run: a rollback drops it, and without a transaction it runs at once.
    connection = transaction.get_connection()
    callback = getattr(_pending, "callback", None)
    if callback and not callback.done and any(entry[1] is callback for entry in connection.run_on_commit):
        callback.product_ids.add(product_id)
    else:
        _pending.callback = _Reindex(product_id)
        transaction.on_commit(_pending.callback)


@receiver(post_save, sender=Product)
def product_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # The indexer's own bulk_update does not send signals; raw saves are fixture loads.
    if not raw:
        schedule_reindex(instance.pk)


@receiver([post_save, post_delete], sender=ProductAttributeValue)
@receiver([post_save, post_delete], sender=ProductCategory)
def product_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_reindex(instance.product_id)
