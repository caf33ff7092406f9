"""Published product data in the shopper's language, for templates (see pim.queries)."""

from django import template

from pim.queries import display_title

register = template.Library()


@register.filter
def product_title(product):
    return display_title(product)


@register.simple_tag
def attribute_name(content, attribute):
    """An Oscar attribute's name in the shopper's language (``content``: pim.queries.ProductContent)."""
    return content.labels.name(attribute.code, attribute.name)


@register.simple_tag
def attribute_value(content, attribute_value):
    """An Oscar attribute value (a variant's colour) as the shopper reads it."""
    return content.labels.value(attribute_value.attribute.code, str(attribute_value.value_as_text))
