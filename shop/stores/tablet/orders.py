"""The store tablet's orders, returns and sales (/store/orders/, /store/returns/, /store/sales/).

Associates see the click-and-collect orders of their store to prepare and waiting for their
customer, move them on (picking, ready), and hand them over: they find the order by the customer's
pickup code, check it with the customer, and hand it over (the payment is captured). They receive
returns brought to the store by the return code, and see what they sold. Every change goes through
the order-status service (shop.order.services) or the returns service (shop.returns.services).
"""

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from shop.order import queries as order_queries
from shop.order import services as order_services
from shop.order.models import OrderStatus
from shop.returns import services as return_services
from shop.stores.forms import CodeForm
from shop.stores.tablet.views import StaffOnlyMixin

SALES_DAYS = 30


class TabletPage(StaffOnlyMixin, TemplateView):
    def actor(self):
        return order_services.Actor(self.request.user, order_services.Channel.TABLET)

    def refusal(self, form, error, **context):
        """The page again with the service's message on the code field (and Retry-After when the
        associate has to wait)."""
        form.add_error("code", error.message)
        response = self.render_to_response(self.get_context_data(code_form=form, **context), status=error.status_code)
        if isinstance(error, order_services.TooManyTries):
            response["Retry-After"] = str(error.retry_after)
        return response

    def invalid(self, form, **context):
        return self.render_to_response(self.get_context_data(code_form=form, **context), status=400)


class OrdersView(TabletPage):
    """To prepare, and waiting for their customer; the handover starts from the pickup code."""

    template_name = "tablet/orders.html"

    def get_context_data(self, **kwargs):
        orders = order_queries.store_orders(self.store)
        return super().get_context_data(
            to_prepare=[o for o in orders if o.status != OrderStatus.READY],
            waiting=[o for o in orders if o.status == OrderStatus.READY],
            code_form=kwargs.pop("code_form", None) or CodeForm(),
            **kwargs,
        )

    def post(self, request):
        """Find the order waiting for the customer who shows this pickup code."""
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self.invalid(form)
        try:
            order = order_services.find_for_handover(form.cleaned_data["code"], self.actor())
        except order_services.OrderError as error:
            return self.refusal(form, error)
        return redirect("tablet:order", number=order.number)


class OrderView(TabletPage):
    """One order of the store: its lines and customer, what can be done with it next, and the
    handover (the customer's pickup code again, checked by the service)."""

    template_name = "tablet/order.html"

    def order(self):
        order = order_queries.store_order(self.store, self.kwargs["number"])
        if order is None:
            raise Http404
        return order

    def get_context_data(self, **kwargs):
        order = self.order()
        return super().get_context_data(
            order=order,
            lines=list(order.lines.all()),
            steps=order_queries.timeline(order),
            next_statuses=[s for s in order.available_statuses() if s != OrderStatus.COLLECTED],
            code_form=kwargs.pop("code_form", None) or CodeForm(),
            **kwargs,
        )

    def post(self, request, number):
        order = self.order()
        if "status" in request.POST:
            status = request.POST["status"]
            try:
                # A raw field (no form): PostgreSQL cannot store a NUL character.
                reason = request.POST.get("reason", "").replace("\x00", "")
                order_services.change_status(order, status, self.actor(), reason=reason)
            except order_services.OrderError as error:
                messages.error(request, error.message)
            else:
                label = order_services.label(status)
                messages.success(request, _("Order %(number)s: %(status)s.") % {"number": number, "status": label})
            return redirect("tablet:order", number=number)
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self.invalid(form)
        try:
            order_services.hand_over(order, form.cleaned_data["code"], self.actor())
        except order_services.OrderError as error:
            return self.refusal(form, error)
        messages.success(request, _("Order %(number)s was handed over and paid.") % {"number": number})
        return redirect("tablet:orders")


class ReturnsView(TabletPage):
    """Receive a return brought to the store: find it by its code, check the items, receive it
    (its units go on this store's shelf and the refund is made)."""

    template_name = "tablet/returns.html"

    def get_context_data(self, **kwargs):
        found = kwargs.pop("found", None)
        return super().get_context_data(
            found=found,
            lines=list(found.lines.select_related("order_line")) if found else [],
            code_form=kwargs.pop("code_form", None) or CodeForm(initial={"code": found.code if found else ""}),
            **kwargs,
        )

    def get(self, request):
        if "code" not in request.GET:
            return super().get(request)
        return self.post(request, data=request.GET)

    def post(self, request, data=None):
        """Find the return by its code (a GET with ?code=, or a POST), and receive it (a POST
        with "receive")."""
        form = CodeForm(data or request.POST)
        if not form.is_valid():
            return self.invalid(form)
        receiving = data is None and "receive" in request.POST
        try:
            found = return_services.find_for_receipt(form.cleaned_data["code"], self.actor())
            if receiving:
                return_services.receive(found, self.actor())
        except order_services.OrderError as error:
            return self.refusal(form, error)
        if receiving:
            messages.success(
                request, _("Return %(code)s was received here; the refund is on its way.") % {"code": found.code}
            )
            return redirect(f"{request.path}?code={found.code}")
        return self.render_to_response(self.get_context_data(found=found))


class SalesView(TabletPage):
    """What the associate sold (lines they added to customers' carts), per day and store; a
    store manager sees every associate of the store."""

    template_name = "tablet/sales.html"

    def get_context_data(self, **kwargs):
        member = self.request.user.staff_member
        whole_store = member.is_manager or self.request.user.is_superuser
        since = timezone.now() - timedelta(days=SALES_DAYS)
        rows = order_queries.staff_sales(self.store, None if whole_store else self.request.user, since)
        return super().get_context_data(
            rows=rows,
            whole_store=whole_store,
            days=SALES_DAYS,
            total=sum((row.net for row in rows), 0),
            **kwargs,
        )
