"""The store tablet (/store/): a touch-first interface for store staff on a 10-inch tablet.

An associate opens a customer's cart with the customer's consent (a code, or a standing
consent found by email or phone), sees it priced for the customer, adds and changes lines, or
builds a cart for a walk-in customer and sends it by email. The views are thin: consent and
access in shop.stores.consent, carts in shop.basket.services, walk-in carts in shop.stores.aisle.
Every request for a customer's cart checks the consent again (``current_session``).
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from catalogue import queries as catalogue_queries
from catalogue.models import Product
from catalogue.search import BrowseForm, BrowseParams, browse
from shop.basket import services as cart
from shop.basket.models import Channel
from shop.basket.views import VERSION_FIELD, stated_version, version_response
from shop.partner.strategy import Selector
from shop.stores import aisle, consent, queries
from shop.stores.forms import AisleSendForm, ConsentCodeForm, FindCustomerForm, TabletAddForm, TabletQuantityForm

SEARCH_RESULTS = 12


class StaffOnlyMixin(LoginRequiredMixin):
    """Signed-in store staff of an active store only; anyone else signed in gets a 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.store = consent.store_of(request.user)
        if self.store is None:
            raise PermissionDenied(_("The store tablet is for store staff."))
        return self.dispatch_for_staff(request, *args, **kwargs)

    def dispatch_for_staff(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(store=self.store, **kwargs)


@dataclass
class TabletCart:
    """The cart a tablet page works on: a consented customer's, or a walk-in customer's."""

    kind: str  # "assist" or "aisle"
    pk: int
    basket: object
    customer: object = None  # None for a walk-in customer
    session: object = None
    aisle: object = None

    def url(self, name="cart"):
        return reverse(f"tablet:{name}", kwargs={"kind": self.kind, "pk": self.pk})


class TabletCartMixin(StaffOnlyMixin):
    """Resolves the cart of the URL for this member of staff, checking consent on every request,
    and prices everything for the cart's owner (never the associate)."""

    def dispatch_for_staff(self, request, *args, **kwargs):
        try:
            self.target = self.resolve(kwargs["kind"], kwargs["pk"])
        except consent.AccessRefused as error:
            return self.access_refused(error)
        request.strategy = Selector().strategy(request=request, customer=self.target.customer)
        self.actor = cart.Actor(user=request.user, channel=Channel.TABLET, store=self.store)
        return super().dispatch_for_staff(request, *args, **kwargs)

    def access_refused(self, error):
        messages.error(self.request, str(error))
        return redirect("tablet:home")

    def resolve(self, kind, pk):
        if kind == "assist":
            session = consent.current_session(self.request, pk, store=self.store)
            basket = cart.open_basket_of(session.customer)
            return TabletCart(kind, pk, basket, customer=session.customer, session=session)
        if kind == "aisle":
            walk_in = aisle.for_staff(self.request, pk)
            return TabletCart(kind, pk, walk_in.basket, aisle=walk_in)
        raise Http404

    def priced_basket(self):
        return cart.price_for_owner(self.target.basket, self.request)


class HomeView(StaffOnlyMixin, TemplateView):
    template_name = "tablet/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            code_form=kwargs.pop("code_form", None) or ConsentCodeForm(initial={"code": self.request.GET.get("code")}),
            find_form=kwargs.pop("find_form", None) or FindCustomerForm(),
            sessions=queries.open_sessions(self.request.user),
            aisle_carts=queries.open_aisle_carts(self.store),
            **kwargs,
        )


class LookupView(StaffOnlyMixin, View):
    """Open a customer's cart: with the code they show, or by their email or phone number when
    they gave a standing consent. A refusal shows the home page again with the reason."""

    form_class = field = form_name = lookup = None

    def post(self, request):
        form = self.form_class(request.POST)
        status = 400
        if form.is_valid():
            try:
                session = type(self).lookup(request, form.cleaned_data[self.field])
            except consent.ConsentError as error:
                form.add_error(self.field, str(error))
                status = 429 if isinstance(error, consent.TooManyLookups) else 400
            else:
                return redirect("tablet:cart", kind="assist", pk=session.pk)
        home = HomeView(request=request, kwargs={})
        home.store = self.store
        return home.render_to_response(home.get_context_data(**{self.form_name: form}), status=status)


class OpenByCodeView(LookupView):
    form_class, field, form_name, lookup = ConsentCodeForm, "code", "code_form", consent.open_by_code

    def get(self, request):
        # The QR code on the customer's account page links here with the code filled in.
        return HomeView.as_view()(request)


class FindView(LookupView):
    form_class, field, form_name = FindCustomerForm, "email_or_phone", "find_form"
    lookup = consent.open_by_standing_consent


class NewAisleCartView(StaffOnlyMixin, View):
    def post(self, request):
        walk_in = aisle.start(request)
        return redirect("tablet:cart", kind="aisle", pk=walk_in.pk)


class CartView(TabletCartMixin, TemplateView):
    """The cart exactly as its owner sees it, priced for them, with what they recently viewed
    and their wish list; search to add more."""

    template_name = "tablet/cart.html"

    def get_context_data(self, **kwargs):
        basket = self.priced_basket()
        customer = self.target.customer
        return super().get_context_data(
            target=self.target,
            basket=basket,
            lines=list(basket.all_lines()),
            version_field=VERSION_FIELD,
            recently_viewed=catalogue_queries.in_order(queries.recently_viewed(customer)) if customer else [],
            wish_list=catalogue_queries.in_order(queries.wish_list_products(customer)) if customer else [],
            send_form=kwargs.pop("send_form", None) or AisleSendForm(),
            search_form=BrowseForm(),
            **kwargs,
        )


class VersionView(TabletCartMixin, View):
    """The cart's version for the tablet's live refresh: 304 while it is unchanged, 403 once the
    customer's consent has ended (the page then reloads and says so)."""

    def access_refused(self, error):
        return JsonResponse({"detail": str(error)}, status=403)

    def get(self, request, kind, pk):
        return version_response(request, self.target.basket)


class SearchView(TabletCartMixin, TemplateView):
    """The web shop's search (the same browse()), each sellable item with its stock in this
    store first, then the other stores and online."""

    template_name = "tablet/search.html"

    def get_context_data(self, **kwargs):
        form = BrowseForm(self.request.GET)
        products = []
        if form.is_valid() and form.cleaned_data.get("q"):
            found = browse(BrowseParams.from_form(form)).products
            products = list(catalogue_queries.for_listing(found)[:SEARCH_RESULTS])
        sellable = [item for p in products for item in (p.get_public_children() if p.is_parent else [p])]
        stores, levels = catalogue_queries.stock_by_store(sellable)
        stores = sorted(stores, key=lambda s: (s.pk != self.store.pk, not s.is_physical, s.name))
        rows = [
            {
                "product": product,
                "items": [
                    {
                        "item": item,
                        "label": variant_label(product, item),
                        "stock": [(s, levels.get((item.pk, s.pk), 0)) for s in stores],
                    }
                    for item in (product.get_public_children() if product.is_parent else [product])
                ],
            }
            for product in products
        ]
        return super().get_context_data(
            target=self.target, search_form=form, rows=rows, stores=stores, here=self.store, **kwargs
        )


def variant_label(parent, item):
    """What tells a variant apart: its title without the parent's ("Sand, Linen")."""
    prefix = f"{parent.title}, "
    return item.title[len(prefix) :] if item.is_child and item.title.startswith(prefix) else item.get_title()


class CartChangeView(TabletCartMixin, View):
    """A change posted from the cart or search page: done, it redirects back to the cart; refused,
    the cart page shows again with the reason (400 for bad input, 409 for a stale page)."""

    def refuse(self, reasons, status=400, **context):
        for reason in reasons:
            messages.error(self.request, reason)
        view = CartView(request=self.request, kwargs=self.kwargs)
        view.target, view.store, view.actor = self.target, self.store, self.actor
        return view.render_to_response(view.get_context_data(**context), status=status)


class AddView(CartChangeView):
    def post(self, request, kind, pk):
        form = TabletAddForm(request.POST)
        if not form.is_valid():
            return self.refuse([_("Choose a product and a quantity from 1 to 99.")])
        product = get_object_or_404(Product.objects.public(), pk=form.cleaned_data["product"])
        try:
            line = cart.add_product(
                self.target.basket, product, form.cleaned_data["quantity"], self.actor, request=request
            )
        except cart.CartError as error:
            return self.refuse(error.messages)
        messages.success(request, _("Added %(item)s.") % {"item": line.description})
        return redirect(self.target.url())


class LineView(CartChangeView):
    """Change a line's quantity (0 removes it), as seen at the version the page was rendered with."""

    def post(self, request, kind, pk, line_id):
        form = TabletQuantityForm(request.POST)
        if not form.is_valid():
            return self.refuse([_("Enter a quantity from 0 to 99.")])
        try:
            cart.set_quantity(
                self.target.basket,
                line_id,
                form.cleaned_data["quantity"],
                self.actor,
                expected_version=stated_version(request),
                request=request,
            )
        except cart.CartError as error:
            return self.refuse(error.messages)
        except cart.StaleCart as error:
            return self.refuse([str(error)], status=409)
        except cart.LineNotFound:
            return self.refuse([_("That line is no longer in the cart.")], status=404)
        return redirect(self.target.url())


class SendView(CartChangeView):
    """Send a walk-in customer's cart by email."""

    def post(self, request, kind, pk):
        if self.target.aisle is None:
            raise Http404
        form = AisleSendForm(request.POST)
        if form.is_valid():
            try:
                aisle.send(self.target.aisle, form.cleaned_data["email"], get_language())
            except aisle.AisleError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Sent to %(email)s.") % {"email": form.cleaned_data["email"]})
                return redirect("tablet:home")
        return self.refuse([], send_form=form)


class EndView(TabletCartMixin, View):
    """End the session with one tap: the associate's access to the customer's cart stops."""

    def post(self, request, kind, pk):
        if self.target.session is not None:
            consent.end_session(self.target.session)
            messages.success(request, _("Session ended. You no longer have access to this cart."))
        return redirect("tablet:home")
