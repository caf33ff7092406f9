"""Keep the browse/search index fresh: any change to a product, its attribute values or its
categories queues one reindex task for the products touched, once the transaction commits."""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalogue.models import Product, ProductAttributeValue, ProductCategory

_pending = threading.local()


def schedule_reindex(product_id):
    # Each change registers the flush: the first to run at the commit queues the one task, the
    # others find nothing left. A rollback drops its callbacks but cannot leave the thread unable
    # to schedule; the ids it leaves behind are reindexed, harmlessly, with the next commit.
    _pending.__dict__.setdefault("ids", set()).add(product_id)
    transaction.on_commit(_flush)


def _flush():
    from catalogue.tasks import reindex_products

    ids = _pending.__dict__.pop("ids", set())
    if ids:
        reindex_products.delay(sorted(ids))


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
