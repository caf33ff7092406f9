"""The customer's order pages: tracking by number and email for guests, the link from the emails,
and the order's page with its timeline (the account's orders lead here too)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView, View

from shop.client_ip import client_ip
from shop.order import queries
from shop.order.forms import TrackOrderForm
from shop.order.models import OrderStatus
from shop.ratelimits import FailureLimit
from shop.returns import queries as return_queries
from shop.returns import services as return_services

lookup_failures = FailureLimit("order-lookup", "SHOP_ORDER_LOOKUP_FAILURE_LIMITS")


def find_order(request, number, email):
    """The order with this number and email for this client, or a (status, message) refusal: 404
    whether the number or the email is wrong (nothing tells which), 429 after too many failures."""
    identities = {"ip": client_ip(request)}
    wait = lookup_failures.retry_after(identities)
    if wait:
        message = _("Too many orders were not found. Try again in %(minutes)s minutes.")
        return None, (429, message % {"minutes": max(1, round(wait / 60))}, wait)
    order = queries.guest_order(number, email)
    if order is None:
        lookup_failures.record_failure(identities)
        return None, (404, _("We found no order with that number and email address."), 0)
    return order, None


class TrackView(View):
    template_name = "order/track.html"

    def get(self, request):
        return render(request, self.template_name, {"form": TrackOrderForm()})

    def post(self, request):
        form = TrackOrderForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        order, refusal = find_order(request, form.cleaned_data["number"], form.cleaned_data["email"])
        if refusal:
            status, message, wait = refusal
            form.add_error(None, message)
            response = render(request, self.template_name, {"form": form}, status=status)
            if wait:
                response["Retry-After"] = str(wait)
            return response
        queries.grant(request, order)
        return redirect("orders:detail", number=order.number)


def link_view(request, number, hash):
    """The link in the order's emails: the signature proves the email was received."""
    order = queries.order_by_link(number, hash)
    if order is None:
        raise Http404
    queries.grant(request, order)
    return redirect("orders:detail", number=order.number)


@method_decorator(never_cache, name="dispatch")
class OrderView(TemplateView):
    template_name = "order/order.html"

    def get_context_data(self, **kwargs):
        order = queries.visible_order(self.request, self.kwargs["number"])
        if order is None:
            raise Http404
        return super().get_context_data(
            order=order,
            steps=queries.timeline(order),
            lines=list(order.lines.all()),
            points_earned=queries.points_earned_on(order),
            points_due=0 if order.status == OrderStatus.CANCELLED else queries.points_due_on(order),
            returns=return_queries.returns_of(order),
            return_refusal=return_services.refusal(order),
            return_deadline=return_services.return_deadline(order),
            **kwargs,
        )


def account_order(request, order_number):
    """Oscar's order page of the account leads to the order's page."""
    return redirect("orders:detail", number=order_number)


def oscar_anonymous_order(request, order_number, hash):
    return link_view(request, order_number, hash)
