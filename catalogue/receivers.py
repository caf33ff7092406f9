"""Keep the browse/search index fresh: any change to a product, its attribute values or its
categories adds the product to the one reindex task of its transaction (through the outbox, so
the reindex is recorded with the change and survives a broker that is down)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalogue.models import Product, ProductAttributeValue, ProductCategory
from shop.outbox.services import enqueue_item


def schedule_reindex(product_id):
    from catalogue.tasks import reindex_products  # the tasks module imports the indexer and models

    enqueue_item(reindex_products, product_id)


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
