"""Oscar's basket pages, changing the cart only through the cart service (shop.basket.services),
so that the web shop records its changes and refuses stale ones like every other channel.

The basket form carries the cart's version (a hidden field); a change made on a page that was
open while the cart changed elsewhere (a store tablet, the app) is refused with a message
instead of overwriting, unless it only adds.
"""

import math

from django.contrib import messages
from django.http import HttpResponseNotModified, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from oscar.apps.basket import views
from oscar.core.loading import get_class
from oscar.core.utils import is_ajax, redirect_to_referrer

from shop.basket import queries, services
from shop.basket.models import Basket, Channel
from shop.client_ip import client_ip
from shop.ratelimits import FailureLimit
from shop.stores import aisle

BasketMessageGenerator = get_class("basket.utils", "BasketMessageGenerator")
VERSION_FIELD = "cart_version"
voucher_failures = FailureLimit("voucher", "SHOP_VOUCHER_FAILURE_LIMITS")


def stated_version(request):
    """The cart version a posted form was rendered with (None if absent or garbled)."""
    value = request.POST.get(VERSION_FIELD, "")
    return int(value) if value.isdigit() else None


def version_etag(version):
    return f'W/"cart-v{version}"'


def version_response(request, basket_or_version):
    """The cart's version as JSON with an ETag, or 304 when the client has it already."""
    version = getattr(basket_or_version, "version", basket_or_version)
    etag = version_etag(version)
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = JsonResponse({"version": version})
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    return response


def web_actor(request):
    return services.Actor.for_request(request, Channel.WEB)


def refuse(request, error):
    """Put a refused change on the page as a message."""
    if isinstance(error, services.StaleCart):
        messages.error(request, str(error))
    elif isinstance(error, services.LineNotFound):
        messages.error(request, _("That line is no longer in your cart."))
    else:
        for text in error.messages:
            messages.error(request, text)


class BasketView(views.BasketView):
    def formset_valid(self, formset):
        basket = self.request.basket
        offers_before = basket.applied_offers()
        actor, version = web_actor(self.request), stated_version(self.request)
        try:
            for form in formset:
                line_id = form.instance.pk
                if form.cleaned_data.get("save_for_later") and self.request.user.is_authenticated:
                    services.save_for_later(basket, line_id, actor, expected_version=version)
                    message = _("“%(item)s” is saved for later.") % {"item": form.instance.description}
                    messages.info(self.request, message)
                elif formset._should_delete_form(form):
                    services.remove_line(basket, line_id, actor, expected_version=version)
                elif form.has_changed():
                    services.set_quantity(
                        basket, line_id, form.cleaned_data["quantity"] or 0, actor, expected_version=version
                    )
        except (services.StaleCart, services.LineNotFound, services.CartError) as error:
            refuse(self.request, error)
        services.price_for_owner(basket, self.request)
        BasketMessageGenerator().apply_messages(self.request, offers_before)
        if is_ajax(self.request):
            return self.content_response()
        return redirect(self.get_success_url())

    def formset_invalid(self, formset):
        # Removing a line needs no valid quantity elsewhere: Oscar's own handling, via our service.
        if any(formset._should_delete_form(form) for form in formset.forms):
            return self.formset_valid(formset)
        return super().formset_invalid(formset)

    def content_response(self):
        """The basket content for Oscar's AJAX form and the live refresh, with the messages."""
        formset = self.get_formset()(queryset=self.get_queryset(), strategy=self.request.strategy)
        context = self.get_context_data(formset=formset, basket=self.request.basket)
        html = render_to_string("oscar/basket/partials/basket_content.html", context=context, request=self.request)
        flash = {}
        for message in messages.get_messages(self.request):
            flash.setdefault(message.level_tag or "info", []).append(str(message))
        return JsonResponse({"content_html": html, "messages": flash})


class BasketAddView(views.BasketAddView):
    def form_valid(self, form):
        offers_before = self.request.basket.applied_offers()
        try:
            services.add_product(
                self.request.basket,
                form.product,
                form.cleaned_data["quantity"],
                web_actor(self.request),
                options=form.cleaned_options(),
                request=self.request,
            )
        except services.CartError as error:
            refuse(self.request, error)
            return redirect(self.get_success_url())
        messages.success(self.request, self.get_success_message(form), extra_tags="safe noicon")
        BasketMessageGenerator().apply_messages(self.request, offers_before)
        return redirect(self.get_success_url())


class SavedView(views.SavedView):
    def formset_valid(self, formset):
        offers_before = self.request.basket.applied_offers()
        actor = web_actor(self.request)
        for form in formset:
            try:
                if form.cleaned_data.get("move_to_basket"):
                    services.restore_saved(self.request.basket, form.instance.pk, actor, request=self.request)
                    message = _("“%(item)s” is back in your cart.") % {"item": form.instance.description}
                    messages.info(self.request, message)
                elif formset._should_delete_form(form):
                    services.forget_saved(self.request.user, form.instance.pk)
            except (services.LineNotFound, services.CartError) as error:
                refuse(self.request, error)
        BasketMessageGenerator().apply_messages(self.request, offers_before)
        return redirect(self.get_success_url())


def cart_version(request):
    """GET /basket/version/: what the cart page polls to show changes made elsewhere."""
    return version_response(request, queries.open_cart_version(request))


class FromStoreView(TemplateView):
    """The link an associate sent to a walk-in customer: GET shows the products, POST takes them
    into the visitor's own cart (signed in or not)."""

    template_name = "oscar/basket/from_store.html"

    def get(self, request, token):
        try:
            walk_in = aisle.from_token(token)
        except aisle.AisleError as error:
            return self.render_to_response({"error": str(error)}, status=400)
        lines = walk_in.basket.lines.select_related("product__parent")
        return self.render_to_response({"cart": walk_in, "lines": lines, "token": token})

    def post(self, request, token):
        try:
            added, refused = aisle.claim(token, request.basket, web_actor(request), request=request)
        except aisle.AisleError as error:
            return self.render_to_response({"error": str(error)}, status=400)
        if added:
            messages.success(request, _("The products the store chose for you are in your cart."))
        for product, reason in refused:
            messages.warning(
                request, _("%(item)s could not be added: %(reason)s") % {"item": product.get_title(), "reason": reason}
            )
        return redirect("basket:summary")


class VoucherAddView(views.VoucherAddView):
    """Oscar's voucher form, with a limit on failed codes per cart or customer and per client IP,
    so that codes cannot be guessed by trying them. A voucher that goes in changes the cart's
    totals, so the cart's version moves (other channels see it)."""

    def form_valid(self, form):
        request, basket = self.request, self.request.basket
        if not basket.id:  # Oscar ignores codes for an empty basket
            return super().form_valid(form)
        if basket.status == Basket.FROZEN:
            return refuse_while_paid_for(request, basket)
        customer = f"user:{request.user.pk}" if request.user.is_authenticated else f"basket:{basket.id}"
        identities = {"customer": customer, "ip": client_ip(request)}
        wait = voucher_failures.retry_after(identities)
        if wait:
            minutes = math.ceil(wait / 60)
            messages.error(
                request,
                ngettext(
                    "You have tried too many codes that did not work. Please try again in %(minutes)d minute.",
                    "You have tried too many codes that did not work. Please try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            return redirect_to_referrer(request, "basket:summary")
        code = form.cleaned_data["code"]
        already_added = basket.contains_voucher(code)
        response = super().form_valid(form)
        if basket.contains_voucher(code):
            if not already_added:
                services.vouchers_changed(basket)
        else:
            voucher_failures.record_failure(identities)
        return response


def refuse_while_paid_for(request, basket):
    """A voucher of a cart being paid for cannot change (Oscar's voucher views write it before
    the cart service is asked): the cart page says why."""
    messages.error(request, services.CartFrozen(basket.version).messages[0])
    return redirect("basket:summary")


class VoucherRemoveView(views.VoucherRemoveView):
    def post(self, request, *args, **kwargs):
        if request.basket.status == Basket.FROZEN:
            return refuse_while_paid_for(request, request.basket)
        response = super().post(request, *args, **kwargs)
        if request.basket.id:
            services.vouchers_changed(request.basket)
        return response
