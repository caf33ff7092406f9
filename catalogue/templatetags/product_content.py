"""Published product data in the shopper's language, for templates (see pim.queries)."""

from django import template

from pim.queries import display_title

register = template.Library()


@register.filter
def product_title(product):
    return display_title(product)
