from oscar.core.loading import get_class

from shop.partner.strategy import Selector

Applicator = get_class("offer.applicator", "Applicator")


def price_for_owner(basket, request=None):
    """Price ``basket`` for its owner: the owner's strategy (member prices or not) and the offers
    the owner qualifies for, whoever makes the request (a member of staff on a store tablet
    prices the customer's cart, not their own)."""
    basket.strategy = Selector().strategy(request=request, customer=basket.owner)
    basket.reset_offer_applications()
    Applicator().apply(basket, basket.owner, request)
    return basket
