"""Oscar's order list and order page, with their status changes made by the one order-status service
(through the forked EventHandler, as the dashboard user): a refusal shows the service's message
and changes nothing."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from oscar.apps.dashboard.orders import views

from shop.order import services
from shop.order.models import OrderStatus


def changed_message(old_status, new_status):
    return _("Order status changed from '%(old_status)s' to '%(new_status)s'") % {
        "old_status": services.label(old_status),
        "new_status": services.label(new_status),
    }


class OrderListView(views.OrderListView):
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        # Collected is reached only by the handover on the store tablet, with the pickup code.
        ctx["order_statuses"] = [status for status in ctx["order_statuses"] if status != OrderStatus.COLLECTED]
        return ctx

    def change_order_status(self, request, order):
        """One order of a bulk change: each order is changed or refused on its own, by name."""
        new_status = request.POST.get("new_status", "").strip()
        old_status = order.status
        try:
            self.get_handler(user=request.user).handle_order_status_change(order, new_status)
        except services.OrderError as error:
            message = error.message
            if order.number not in message:
                message = _("Order %(number)s: %(message)s") % {"number": order.number, "message": message}
            messages.error(request, message)
        else:
            message = changed_message(old_status, new_status)
            messages.info(request, _("Order %(number)s: %(message)s") % {"number": order.number, "message": message})

    def change_order_statuses(self, request, orders):
        if not request.POST.get("new_status", "").strip():  # "choose new status"
            messages.error(request, _("Choose the new status."))
            return redirect("dashboard:order-list")
        return super().change_order_statuses(request, orders)


class OrderDetailView(views.OrderDetailView):
    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        changes = list(self.object.status_changes.select_related("by").order_by("date_created", "pk"))
        for change in changes:
            change.old_label, change.new_label = services.label(change.old_status), services.label(change.new_status)
        ctx["status_changes"] = changes
        return ctx

    def change_order_status(self, request, order):
        form = self.get_order_status_form()
        if not form.is_valid():
            errors = [f"{form.fields[name].label}: {' '.join(errs)}" for name, errs in form.errors.items()]
            return self.reload_page(error=" ".join(errors))
        old_status, new_status = order.status, form.cleaned_data["new_status"]
        try:
            self.get_handler(user=request.user).handle_order_status_change(
                order,
                new_status,
                tracking_reference=form.cleaned_data.get("tracking_reference", ""),
                reason=form.cleaned_data.get("reason", ""),
            )
        except services.OrderError as error:
            return self.reload_page(error=error.message)
        messages.info(request, changed_message(old_status, new_status))
        return self.reload_page()
