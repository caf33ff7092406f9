"""The one place a cart changes: the web shop's basket views, the API and the store tablets all
call these functions.

Every change locks the basket row (so concurrent changes from several channels queue up
instead of losing each other), checks what Oscar's basket forms check (price known, stock,
quantity limits), bumps the cart's ``version``, records the change in ``CartChange`` (who,
which channel, which store) and keeps each line's attribution. A change to a line states the
version it was made against; if the line changed after that version the change is refused
(``StaleCart``) instead of overwriting. Adding never conflicts: an addition is never lost.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from oscar.core.loading import get_class

from shop.basket.models import Basket, CartChange, Channel, Line
from shop.partner.strategy import Selector

Applicator = get_class("offer.applicator", "Applicator")
AddToBasketForm = get_class("basket.forms", "AddToBasketForm")
BasketLineForm = get_class("basket.forms", "BasketLineForm")
basket_addition = get_class("basket.signals", "basket_addition")

Action = CartChange.Action


class CartError(ValidationError):
    """A change the cart refuses; the messages say why (by field)."""


class StaleCart(Exception):
    """The change was made against an older version of the cart, and the line it touches has
    changed since: the client must look at the cart again."""

    def __init__(self, version):
        super().__init__(gettext("The cart has changed since you saw it. Check it and try again."))
        self.version = version


class LineNotFound(Exception):
    """No such line in this cart."""


class CartFrozen(CartError):
    """The cart is being paid for (shop.checkout): no channel may change it until the payment
    is finished or cancelled."""

    def __init__(self, version):
        super().__init__(
            {
                "__all__": [
                    gettext(
                        "This cart is being paid for right now. It can be changed again once the payment "
                        "is finished or cancelled."
                    )
                ]
            }
        )
        self.version = version


@dataclass(frozen=True)
class Actor:
    """Who changes a cart, through which channel, and in which store (staff only)."""

    user: object = None  # a signed-in user, or None for an anonymous shopper
    channel: str = Channel.WEB
    store: object = None

    @classmethod
    def for_request(cls, request, channel):
        user = request.user if request.user.is_authenticated else None
        return cls(user=user, channel=channel)

    @property
    def attribution(self):
        """What a line this actor adds remembers."""
        return {"added_by": self.user, "channel": self.channel, "store": self.store}


def price_for_owner(basket, request=None):
    """Price ``basket`` for its owner: the owner's strategy (member prices or not) and the offers
    the owner qualifies for, whoever makes the request (a member of staff on a store tablet
    prices the customer's cart, not their own)."""
    basket.strategy = Selector().strategy(request=request, customer=basket.owner)
    basket.reset_offer_applications()
    Applicator().apply(basket, basket.owner, request)
    return basket


# --- Finding a customer's cart ------------------------------------------------------------------


def open_basket_of(user):
    """The customer's one cart (open, or frozen while it is being paid for), created on first use
    (a unique constraint makes two concurrent first uses end with the same cart)."""
    basket = Basket.current.filter(owner=user).first()
    if basket is None:
        try:
            with transaction.atomic():
                basket = Basket.open.create(owner=user)
        except IntegrityError:
            basket = Basket.current.get(owner=user)
    basket.owner = user
    return basket


# --- Changes ------------------------------------------------------------------------------------


def _lock(basket):
    """Lock the basket row for this transaction and load its current version; a new cart is
    saved first."""
    if basket.id is None:
        basket.save()
    locked = Basket.objects.select_for_update().only("version", "status").get(pk=basket.pk)
    if locked.status == Basket.FROZEN:
        raise CartFrozen(locked.version)
    if not locked.can_be_edited:
        raise CartError({"__all__": [gettext("This cart can no longer be changed.")]})
    basket.version, basket.status = locked.version, locked.status
    basket.reset_offer_applications()


def _bump(basket):
    basket.version += 1
    Basket.objects.filter(pk=basket.pk).update(version=basket.version)
    basket.reset_offer_applications()


def _record(basket, action, actor, product, before, after):
    CartChange.objects.create(
        basket=basket,
        version=basket.version,
        action=action,
        actor=actor.user,
        channel=actor.channel,
        store=actor.store,
        product=product,
        quantity_before=before,
        quantity_after=after,
    )


def _check_fresh(basket, line, expected_version):
    if expected_version is not None and line.version > expected_version:
        raise StaleCart(basket.version)


def _line_reference(basket, product, stockrecord, options, attribution):
    reference = basket._create_line_reference(product, stockrecord, options)
    # Lines added by a member of staff (in a store) keep a line per associate (see Line).
    if attribution["store"] is not None and attribution["added_by"] is not None:
        return f"{reference}_s{attribution['added_by'].pk}"
    return reference


def add_product(basket, product, quantity, actor, options=None, request=None):
    """Add ``quantity`` of a product (a variant or a standalone product). Returns the line."""
    with transaction.atomic():
        _lock(basket)
        price_for_owner(basket, request)
        line = _checked_add(basket, product, quantity, actor, options or [])
    # After the commit: Oscar's analytics receiver inserts outside any transaction of ours.
    transaction.on_commit(
        lambda: basket_addition.send(sender=add_product, product=line.product, user=basket.owner, request=request)
    )
    return line


def _checked_add(basket, product, quantity, actor, options, action=Action.ADD, attribution=None):
    """Add after Oscar's checks (price, stock, quantity limits); raises CartError."""
    if product.is_parent:
        raise CartError({"product": [gettext("Choose one of this product's variants.")]})
    form = AddToBasketForm(basket, product, data={"quantity": quantity})
    if not form.is_valid():
        raise CartError(form.errors)
    return _add_line(basket, product, form.cleaned_data["quantity"], options, actor, action, attribution)


def _add_line(basket, product, quantity, options, actor, action, attribution=None):
    """Add to the line of this product and attribution, or start one; bumps the version.
    ``attribution`` defaults to the actor's (a claimed cart's lines keep their own)."""
    info = basket.strategy.fetch_for_product(product)
    if info.stockrecord is None or not info.price.exists:
        raise CartError({"product": [gettext("This product cannot be bought online.")]})
    attribution = attribution or actor.attribution
    reference = _line_reference(basket, product, info.stockrecord, options, attribution)
    _bump(basket)
    line = basket.lines.filter(line_reference=reference).first()
    before = line.quantity if line else 0
    if line is None:
        line = Line.objects.create(
            basket=basket,
            line_reference=reference,
            product=product,
            stockrecord=info.stockrecord,
            quantity=quantity,
            price_currency=info.price.currency,
            price_excl_tax=info.price.excl_tax,
            price_incl_tax=info.price.incl_tax if info.price.is_tax_known else None,
            tax_code=info.price.tax_code,
            version=basket.version,
            **attribution,
        )
        for option in options:
            line.attributes.create(option=option["option"], value=option["value"])
    else:
        line.quantity += quantity
        line.version = basket.version
        line.save(update_fields=["quantity", "version", "date_updated"])
    _record(basket, action, actor, product, before, line.quantity)
    return line


def claim(basket, source, actor, request=None):
    """Copy the lines of ``source`` (a cart a member of staff built and sent) into ``basket``,
    each keeping who added it, through which channel and in which store. A line that can no
    longer be bought is left out and reported. Returns (added lines, [(product, reason)])."""
    added, refused = [], []
    with transaction.atomic():
        _lock(basket)
        price_for_owner(basket, request)
        for line in source.lines.select_related("product", "added_by", "store"):
            attribution = {"added_by": line.added_by, "channel": line.channel, "store": line.store}
            try:
                added.append(_checked_add(basket, line.product, line.quantity, actor, [], Action.CLAIM, attribution))
            except CartError as error:  # refused before anything was written
                refused.append((line.product, " ".join(error.messages)))
    return added, refused


def set_quantity(basket, line_id, quantity, actor, expected_version=None, request=None):
    """Set a line's quantity (0 removes it) as seen at ``expected_version`` (None: unchecked,
    for Oscar's own forms that carry no version). Returns the line, or None when removed."""
    with transaction.atomic():
        _lock(basket)
        price_for_owner(basket, request)
        line = basket.lines.select_related("product", "stockrecord").filter(pk=line_id).first()
        if line is None:
            if expected_version is not None and expected_version < basket.version:
                raise StaleCart(basket.version)  # removed since the client saw it
            raise LineNotFound(line_id)
        _check_fresh(basket, line, expected_version)
        before = line.quantity
        if quantity == 0:
            _bump(basket)
            line.delete()
            _record(basket, Action.REMOVE, actor, line.product, before, 0)
            return None
        line.basket = basket  # the priced basket: the form checks stock through its strategy
        form = BasketLineForm(basket.strategy, data={"quantity": quantity}, instance=line)
        if not form.is_valid():
            raise CartError(form.errors)
        if quantity == before:
            return line
        _bump(basket)
        line.quantity = quantity
        line.version = basket.version
        line.save(update_fields=["quantity", "version", "date_updated"])
        _record(basket, Action.QUANTITY, actor, line.product, before, quantity)
        return line


def remove_line(basket, line_id, actor, expected_version=None):
    return set_quantity(basket, line_id, 0, actor, expected_version=expected_version)


def merge(basket, other, actor):
    """Merge the cart ``other`` (an anonymous cart, on sign-in) into ``basket``: quantities are
    added, every line keeps its attribution, nothing is dropped. Returns the merged
    (product, quantity) pairs, to tell the customer."""
    merged = []
    with transaction.atomic():
        _lock(basket)
        other = Basket.objects.select_for_update().filter(pk=other.pk, status=Basket.OPEN).first()
        if other is None:
            return merged  # merged already by a concurrent request
        _bump(basket)
        existing = {line.line_reference: line for line in basket.lines.all()}
        for line in other.lines.select_related("product"):
            mine = existing.get(line.line_reference)
            before = mine.quantity if mine else 0
            if mine is None:
                line.basket = basket
                line.version = basket.version
                line.save(update_fields=["basket", "version"])
                mine = line
            else:
                mine.quantity += line.quantity
                mine.version = basket.version
                mine.save(update_fields=["quantity", "version", "date_updated"])
                line.delete()
            _record(basket, Action.MERGE, actor, line.product, before, mine.quantity)
            merged.append((line.product, line.quantity))
        for voucher in other.vouchers.all():
            basket.vouchers.add(voucher)
        other.vouchers.clear()
        Basket.objects.filter(pk=other.pk).update(status=Basket.MERGED, date_merged=timezone.now())
    return merged


def freeze(basket):
    """Freeze the cart for a payment (the checkout's): every channel still shows it, none may
    change it. The version moves, so that pages showing the cart refresh. Inside the caller's
    transaction, with the cart already locked by it."""
    basket.version += 1
    basket.status = Basket.FROZEN
    Basket.objects.filter(pk=basket.pk).update(status=Basket.FROZEN, version=basket.version)


def thaw(basket_id):
    """Open a frozen cart again (its payment was declined, cancelled or expired)."""
    with transaction.atomic():
        locked = Basket.objects.select_for_update().only("version", "status").get(pk=basket_id)
        if locked.status == Basket.FROZEN:
            Basket.objects.filter(pk=basket_id).update(status=Basket.OPEN, version=locked.version + 1)


def vouchers_changed(basket):
    """Oscar's voucher views changed the cart's vouchers: the totals changed, so the version moves
    and every channel showing the cart refreshes. (Vouchers are not line changes: no change log.)"""
    with transaction.atomic():
        _lock(basket)
        _bump(basket)


def _move_line(line, target, version):
    """Move ``line`` into ``target``, adding to a line of the same reference there; returns the
    line that holds it now."""
    existing = target.lines.filter(line_reference=line.line_reference).first()
    if existing is None:
        line.basket = target
        line.version = version
        line.save(update_fields=["basket", "version"])
        return line
    existing.quantity += line.quantity
    existing.version = version
    existing.save(update_fields=["quantity", "version", "date_updated"])
    line.delete()
    return existing


def save_for_later(basket, line_id, actor, expected_version=None):
    """Move a line of the cart to the owner's saved items."""
    with transaction.atomic():
        _lock(basket)
        line = basket.lines.select_related("product").filter(pk=line_id).first()
        if line is None:
            raise LineNotFound(line_id)
        _check_fresh(basket, line, expected_version)
        saved, _created = Basket.saved.get_or_create(owner=basket.owner)
        _bump(basket)
        quantity = line.quantity
        _move_line(line, saved, saved.version)
        _record(basket, Action.SAVE, actor, line.product, quantity, 0)


def restore_saved(basket, saved_line_id, actor, request=None):
    """Move one of the owner's saved items back into the cart (stock checked like an addition)."""
    with transaction.atomic():
        _lock(basket)
        price_for_owner(basket, request)
        line = (
            Line.objects.select_related("product")
            .filter(pk=saved_line_id, basket__owner=basket.owner, basket__status=Basket.SAVED)
            .first()
        )
        if line is None:
            raise LineNotFound(saved_line_id)
        wanted = basket.product_quantity(line.product) + line.quantity
        permitted, reason = basket.strategy.fetch_for_product(line.product).availability.is_purchase_permitted(wanted)
        if not permitted:
            raise CartError({"quantity": [reason]})
        _bump(basket)
        before = basket.lines.filter(line_reference=line.line_reference).values_list("quantity", flat=True).first()
        moved = _move_line(line, basket, basket.version)
        _record(basket, Action.RESTORE, actor, line.product, before or 0, moved.quantity)


def forget_saved(user, saved_line_id):
    """Delete one of a customer's saved items."""
    deleted, _rows = Line.objects.filter(pk=saved_line_id, basket__owner=user, basket__status=Basket.SAVED).delete()
    if not deleted:
        raise LineNotFound(saved_line_id)
