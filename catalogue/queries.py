"""The catalogue reads that pages and the API need, written once and without N+1 queries."""

from django.db.models import Prefetch

from catalogue.models import Category, Product
from pim.queries import product_prefetch
from shop.partner.models import StockRecord
from shop.stores.models import Store


def top_categories():
    return Category.get_root_nodes().filter(is_public=True)


def newest_products(limit):
    return Product.objects.browsable().order_by("-date_created", "-id")[:limit]


def for_listing(queryset):
    """Everything a product card needs (image, price and availability through the pricing
    strategy, variants), prefetched so that a page costs the same whatever its length."""
    return queryset.select_related("product_class", "pim").prefetch_related(
        "images",
        "stockrecords",
        Prefetch(
            "children",
            # Variants in the order they were created, which is the order the product team set them up.
            queryset=Product.objects.public()
            .select_related("parent__product_class")
            .prefetch_related("stockrecords")
            .order_by("date_created", "pk"),
            to_attr="_prefetched_public_children",
        ),
    )


def for_detail(queryset):
    return for_listing(queryset).prefetch_related(
        "categories",
        "attribute_values__attribute",
        "attribute_values__value_option",
        "attribute_values__value_multi_option",
        "_prefetched_public_children__images",
        "_prefetched_public_children__attribute_values__attribute",
        "_prefetched_public_children__attribute_values__value_option",
        "_prefetched_public_children__attribute_values__value_multi_option",
        *product_prefetch(),
    )


def stock_by_store(products):
    """Units that can be sold per (product id, store id) for the given sellable products (the
    stock records' ``net_stock_level``: less what orders hold and shoppers paying now have
    reserved), and the active stores in display order: ``(stores, {(product_id, store_id): units})``."""
    if not products:
        return [], {}
    stores = list(Store.objects.active())
    records = StockRecord.objects.filter(product__in=products, partner__store__is_active=True).select_related(
        "partner__store"
    )
    levels = {(r.product_id, r.partner.store.id): max(r.net_stock_level, 0) for r in records}
    return stores, levels


def in_order(products):
    """The browsable ones of ``products``, prefetched for product cards, in the given order."""
    ids = [p.pk for p in products]
    if not ids:
        return []
    found = {p.pk: p for p in for_listing(Product.objects.browsable().filter(pk__in=ids))}
    return [found[pk] for pk in ids if pk in found]
