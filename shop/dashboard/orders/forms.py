from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.orders import forms as oscar_forms
from oscar.core.loading import get_model

from shop.order.models import OrderStatus
from shop.order.services import label

Order = get_model("order", "Order")
OrderStatusChange = get_model("order", "OrderStatusChange")


class StatusField(forms.ChoiceField):
    """Offers the order's next statuses; any known status is let through, so that the service
    answers why an order cannot take it (in its own words) rather than a form error."""

    def valid_value(self, value):
        return value in OrderStatus.values


class OrderStatusForm(oscar_forms.OrderStatusForm):
    new_status = StatusField(label=oscar_forms.OrderStatusForm.base_fields["new_status"].label, choices=())
    tracking_reference = forms.CharField(
        label=_("Tracking reference (to mark shipped)"),
        required=False,
        max_length=Order._meta.get_field("tracking_reference").max_length,
    )
    reason = forms.CharField(
        label=_("Reason (to cancel)"), required=False, max_length=OrderStatusChange._meta.get_field("note").max_length
    )

    def __init__(self, order, *args, **kwargs):
        super().__init__(order, *args, **kwargs)
        following = order.available_statuses()
        # Collected is reached only by the handover on the store tablet, with the pickup code.
        offered = [status for status in following if status != OrderStatus.COLLECTED]
        self.fields["new_status"].choices = [(status, label(status)) for status in offered]
        if OrderStatus.COLLECTED in following:
            self.fields["new_status"].help_text = _(
                "An order is collected by handing it over with the customer's pickup code."
            )
        if OrderStatus.SHIPPED not in offered:
            del self.fields["tracking_reference"]
        if OrderStatus.CANCELLED not in offered:
            del self.fields["reason"]
