"""The reads the checkout pages and the checkout API need."""

from collections import defaultdict

from django.conf import settings
from oscar.core.loading import get_model

from catalogue.models import Product
from catalogue.queries import for_listing

ProductRecommendation = get_model("catalogue", "ProductRecommendation")
ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")


def _choice_texts(product_ids):
    """The texts of the choice attributes (option and multi-option) of each product:
    ``{product id: {attribute code: {texts}}}``, in two queries."""
    values = (
        ProductAttributeValue.objects.filter(product_id__in=product_ids, attribute__type__in=("option", "multi_option"))
        .select_related("attribute", "value_option")
        .prefetch_related("value_multi_option")
    )
    texts = defaultdict(lambda: defaultdict(set))
    for value in values:
        options = [value.value_option] if value.value_option_id else list(value.value_multi_option.all())
        texts[value.product_id][value.attribute.code].update(option.option for option in options)
    return texts


def goes_well_with(basket, limit=4):
    """ "Goes well with what you chose": the complementary products the PIM publishes (Oscar's
    recommendations) of the products in the cart, not in the cart already, browsable and
    available online, in the PIM's order. A product that says what it suits (the
    ``SHOP_SUITABILITY_ATTRIBUTE`` choices, e.g. a cleaner suitable for Linen and Cotton) is
    offered only where it suits a choice of the variant in the cart (the sofa's fabric), so the
    linen sofa gets the linen cleaner, not the velvet one. A fixed number of queries."""
    lines = basket.all_lines()
    if not lines:
        return []
    chosen = [line.product for line in lines]
    sources = {product.parent_id or product.pk for product in chosen}
    in_cart = {product.pk for product in chosen} | sources
    recommended = list(
        ProductRecommendation.objects.filter(primary_id__in=sources)
        .exclude(recommendation_id__in=in_cart)
        .order_by("-ranking", "pk")
        .values_list("primary_id", "recommendation_id")
    )
    if not recommended:
        return []
    candidates = {p.pk: p for p in for_listing(Product.objects.browsable().filter(pk__in={r for _p, r in recommended}))}
    texts = _choice_texts([p.pk for p in chosen] + list(candidates))
    # What each source product's variants in the cart were chosen as: every choice text.
    chosen_texts = defaultdict(set)
    for product in chosen:
        for values in texts[product.pk].values():
            chosen_texts[product.parent_id or product.pk] |= values
    suitability = settings.SHOP_SUITABILITY_ATTRIBUTE
    picked = []
    for source, pk in recommended:
        product = candidates.get(pk)
        if product is None or product in picked:
            continue
        suits = texts[pk].get(suitability)
        if suits and not suits & chosen_texts[source]:
            continue
        if not basket.strategy.fetch_for_product(product).availability.is_available_to_buy:
            continue
        picked.append(product)
    return picked[:limit]
