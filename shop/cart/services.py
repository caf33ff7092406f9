"""Changes to a cart from the API, through Oscar's own basket forms (the same checks as the web
pages: price known, stock, quantity limits), and the cart priced for its owner."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from oscar.core.loading import get_class

from shop.partner.strategy import Selector

Applicator = get_class("offer.applicator", "Applicator")
AddToBasketForm = get_class("basket.forms", "AddToBasketForm")
BasketLineForm = get_class("basket.forms", "BasketLineForm")
basket_addition = get_class("basket.signals", "basket_addition")


class CartError(ValidationError):
    """A change the cart refuses; the messages say why (by field)."""


def price_for_owner(basket, request=None):
    """Price ``basket`` for its owner: the owner's strategy (member prices or not) and the offers
    the owner qualifies for, whoever makes the request (a member of staff on a store tablet
    prices the customer's cart, not their own)."""
    basket.strategy = Selector().strategy(request=request, customer=basket.owner)
    basket.reset_offer_applications()
    Applicator().apply(basket, basket.owner, request)
    return basket


def add_product(basket, product, quantity, request=None):
    """Add ``quantity`` of a sellable product (a variant or a standalone product)."""
    if product.is_parent:
        raise CartError({"product": [gettext("Choose one of this product's variants.")]})
    form = AddToBasketForm(basket, product, data={"quantity": quantity})
    if not form.is_valid():
        raise CartError(form.errors)
    line, _ = basket.add_product(form.product, form.cleaned_data["quantity"], form.cleaned_options())
    basket_addition.send(sender=add_product, product=form.product, user=basket.owner, request=request)
    return line


def set_quantity(basket, line, quantity):
    """Set a line's quantity; 0 removes the line."""
    if quantity == 0:
        line.delete()
        return None
    form = BasketLineForm(basket.strategy, data={"quantity": quantity}, instance=line)
    if not form.is_valid():
        raise CartError(form.errors)
    return form.save()
