"""The web checkout: thin views over the checkout service (shop.checkout.services), the same one
the API and Stripe's webhooks call. The steps: who you are (Oscar's gateway, for guests), the
delivery option, the address or who collects, then review and pay; then the confirmation.

A refusal of the service is shown on the page it came from, with its message and an HTTP status
that says what kind of refusal it is (400 bad input, 402 declined, 409 conflict, 503 Stripe down).
"""

import re

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from oscar.apps.checkout import views as oscar_views

from shop.basket import services as cart
from shop.basket.models import Basket
from shop.checkout import delivery, queries, services
from shop.checkout.forms import GuestForm, PayForm
from shop.checkout.models import Checkout, Method

# Where the session remembers the order it placed, for Oscar's thank-you page (its name) and the
# API's answer to a repeated request.
PLACED_ORDER = "checkout_order_id"
# Where it remembers the checkout it is paying for: Stripe's webhook may place the order (and the
# cart then be gone) before the browser comes back from the bank.
PAYING_CHECKOUT = "checkout_paying"
POSTCODE = re.compile(r"[0-9]{5}")
STEPS = {"email": "checkout:index", "delivery": "checkout:shipping-method", "address": "checkout:shipping-address"}


class IndexView(oscar_views.IndexView):
    """Who is checking out: a signed-in customer goes straight on; a guest gives the email address
    for the confirmation, or signs in (the shop's one sign-in) and comes back here."""

    form_class = GuestForm
    template_name = "checkout/gateway.html"
    success_url = reverse_lazy("checkout:shipping-method")

    def dispatch(self, request, *args, **kwargs):
        # A cart being paid for goes back to its payment (Oscar's checks would count the shopper's
        # own reservation against them and call the lines unavailable).
        if request.basket.status == Basket.FROZEN:
            return redirect("checkout:payment-details")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        if not self.request.user.is_authenticated:  # a customer's confirmation goes to their account
            services.set_email(services.checkout_of(self.request.basket), form.cleaned_data["username"])
        return redirect(self.get_success_url())


class CheckoutStep(TemplateView):
    """A step of the checkout of the request's cart. An empty cart goes back to the cart page; a
    step whose earlier steps are not done goes to the first of them."""

    step = 0
    needs = ()  # the earlier steps this one needs: "email", "delivery", "address"

    @method_decorator(never_cache)  # Back after paying must not show a stale payment page
    def dispatch(self, request, *args, **kwargs):
        basket = request.basket
        if basket.id is None or basket.is_empty:
            paid = self.placed_meanwhile()
            if paid is not None:
                return self.placed(paid)
            messages.info(request, _("Your cart is empty."))
            return redirect("basket:summary")
        self.basket = basket
        self.checkout = services.checkout_of(basket)
        if self.checkout.order_id:
            return self.placed(self.checkout.order)
        missing = [step for step in services.missing_steps(self.checkout) if step in self.needs]
        if missing:
            return redirect(STEPS[missing[0]])
        return super().dispatch(request, *args, **kwargs)

    def placed_meanwhile(self):
        """The order of the checkout this session was paying for, when Stripe's webhook placed it
        (and the cart is gone) before the browser came back from the bank."""
        paying = self.request.session.get(PAYING_CHECKOUT)
        checkout = Checkout.objects.filter(pk=paying, order__isnull=False).select_related("order").first()
        return checkout.order if checkout else None

    def placed(self, order):
        self.request.session[PLACED_ORDER] = order.pk
        self.request.session.pop(PAYING_CHECKOUT, None)
        return redirect("checkout:thank-you")

    def refused(self, error, **context):
        """Show the page again, as the checkout and the cart are now, with the service's refusal."""
        messages.error(self.request, error.message)
        self.refresh()
        return self.render_to_response(self.get_context_data(error=error, **context), status=error.status)

    def refresh(self):
        """Read the checkout and the cart again: a service call may have changed them (a refused
        payment froze the cart and opened it again, a new version)."""
        self.checkout.refresh_from_db()
        self.basket = cart.price_for_owner(Basket.objects.get(pk=self.basket.pk), self.request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            step=self.step,
            checkout=self.checkout,
            basket=self.basket,
            is_paying=self.checkout.status == Checkout.Status.PAYING,
        )
        return context


class DeliveryView(CheckoutStep):
    """Step 1: every delivery option for the cart, with its cost and date; choose one."""

    template_name = "checkout/delivery.html"
    step = 1
    needs = ("email",)

    def postcode(self):
        asked = self.request.GET.get("postcode", "").strip()
        if POSTCODE.fullmatch(asked):
            return asked
        if self.checkout.address.get("postcode"):
            return self.checkout.address["postcode"]
        user = self.request.user
        if user.is_authenticated:
            default = user.addresses.filter(is_default_for_shipping=True).values_list("postcode", flat=True).first()
            return default or ""
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["options"] = delivery.delivery_options(
            self.basket, timezone.now(), self.checkout, postcode=self.postcode()
        )
        context["postcode_asked"] = self.request.GET.get("postcode", "")
        return context

    def post(self, request, *args, **kwargs):
        method, _sep, choice = request.POST.get("option", "").partition(":")
        target = {Method.HOME: "slot", Method.COLLECT: "store", Method.PICKUP_POINT: "pickup_point"}.get(method)
        try:
            services.choose_delivery(self.checkout, method, **({target: choice} if target else {}), request=request)
        except services.CheckoutError as error:
            return self.refused(error)
        return redirect("checkout:shipping-address")


class DetailsView(CheckoutStep):
    """Step 2: the delivery address (home delivery) or who collects the order."""

    template_name = "checkout/details.html"
    step = 2
    needs = ("email", "delivery")

    def initial(self):
        if self.checkout.address:
            return self.checkout.address
        user = self.request.user
        if not user.is_authenticated:
            return {}
        initial = {"first_name": user.first_name, "last_name": user.last_name}
        default = user.addresses.filter(is_default_for_shipping=True).first()
        if default is not None:
            for name in ("first_name", "last_name", "line1", "line2", "line4", "postcode", "phone_number"):
                initial[name] = str(getattr(default, name) or "") or initial.get(name, "")
        return initial

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = form or services.address_form(self.checkout, initial=self.initial())
        context["quote"] = services.quote(self.checkout, self.basket)
        return context

    def post(self, request, *args, **kwargs):
        try:
            services.set_address(self.checkout, request.POST)
        except services.CheckoutError as error:
            form = services.address_form(self.checkout, data=request.POST)
            form.is_valid()
            return self.refused(error, form=form)
        return redirect("checkout:payment-details")


class PaymentView(CheckoutStep):
    """Step 3: the order as it will be (lines, delivery and its date, total with VAT), what goes
    well with it, and the card. Paying starts the payment and confirms it in one request; a card
    that asks for 3-D Secure comes back to this page, where Stripe.js asks the bank."""

    template_name = "checkout/payment.html"
    step = 3
    needs = ("email", "delivery", "address")

    def get_context_data(self, form=None, client_secret="", **kwargs):
        context = super().get_context_data(**kwargs)
        checkout, basket = self.checkout, self.basket
        payment = checkout.payment if checkout.status == Checkout.Status.PAYING else None
        if payment is not None and payment.status == "requires_action":
            client_secret = client_secret or payment.client_secret
        offer = services.quote(checkout, basket)
        context.update(
            quote=offer,
            form=form or PayForm(initial={"cart_version": basket.version, "total": offer.total.incl_tax}),
            client_secret=client_secret,
            suggestions=queries.goes_well_with(basket),
            stripe_publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
            stripe_js_url=settings.STRIPE_JS_URL,
            test_mode=settings.STRIPE_TEST_MODE,
            is_frozen=basket.status == Basket.FROZEN,
        )
        return context

    def post(self, request, *args, **kwargs):
        form = PayForm(data=request.POST)
        if not form.is_valid():
            return self.refused(services.CheckoutError(_("Choose a card to pay with.")))
        try:
            services.start_payment(
                self.checkout,
                expected_version=form.cleaned_data["cart_version"],
                expected_total=form.cleaned_data["total"],
                channel="web",
                request=request,
            )
            request.session[PAYING_CHECKOUT] = self.checkout.pk
            outcome = services.confirm_payment(self.checkout, form.cleaned_data["payment_method"], request=request)
        except services.AlreadyPlaced as placed:
            return self.placed(placed.order)
        except services.CheckoutError as error:
            return self.refused(error)  # a new form: the version and total as they are now, no card
        if outcome.order is not None:
            return self.placed(outcome.order)
        # The bank asks the cardholder to authenticate: the page's Stripe.js takes over.
        self.refresh()
        return self.render_to_response(self.get_context_data(client_secret=outcome.client_secret))


class PaymentReturnView(CheckoutStep):
    """Where the page comes back after the bank's authentication (3-D Secure), or where the
    shopper checks a payment whose answer was lost: Stripe is asked how it stands."""

    http_method_names = ["post"]
    needs = ("email", "delivery", "address")

    def post(self, request, *args, **kwargs):
        try:
            outcome = services.complete_payment(self.checkout, request=request)
        except services.CheckoutError as error:
            messages.error(request, error.message)
            return redirect("checkout:payment-details")
        if outcome.order is not None:
            return self.placed(outcome.order)
        return redirect("checkout:payment-details")


class PaymentCancelView(View):
    """Stop paying, to change the cart or the delivery: the cart opens again."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        basket = request.basket
        checkout = Checkout.objects.filter(basket_id=basket.id).first() if basket.id else None
        if checkout is not None:
            services.cancel_payment(checkout)
            messages.info(request, _("The payment was cancelled and nothing was charged. You can change your cart."))
        # "Use another card" goes back to paying; "change the cart" to the cart.
        return redirect("checkout:payment-details" if request.POST.get("next") == "payment" else "basket:summary")


class ThankYouView(oscar_views.ThankYouView):
    """Oscar's confirmation page: the order, its delivery, what membership saved."""
