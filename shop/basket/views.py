import math

from django.contrib import messages
from django.utils.translation import ngettext
from oscar.apps.basket import views
from oscar.core.utils import redirect_to_referrer

from shop.client_ip import client_ip
from shop.ratelimits import FailureLimit

voucher_failures = FailureLimit("voucher", "SHOP_VOUCHER_FAILURE_LIMITS")


class VoucherAddView(views.VoucherAddView):
    """Oscar's voucher form, with a limit on failed codes per cart or customer and per client IP,
    so that codes cannot be guessed by trying them."""

    def form_valid(self, form):
        request, basket = self.request, self.request.basket
        if not basket.id:  # Oscar ignores codes for an empty basket
            return super().form_valid(form)
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
        if not already_added and not basket.contains_voucher(code):
            voucher_failures.record_failure(identities)
        return response
