from celery import shared_task

from catalogue.search import index_products


@shared_task
def reindex_products(product_ids):
    """Refresh the browse/search rows of these products (idempotent, safe to retry)."""
    return index_products(product_ids)
