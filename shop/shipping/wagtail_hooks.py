"""Delivery is planned in the Wagtail admin (/cms/ > Delivery): the weekly home-delivery windows
and their capacity, the slots of the days ahead (one can be made bigger, smaller, or closed with a
capacity of 0), and the pickup points."""

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet, SnippetViewSetGroup

from shop.shipping.models import DeliverySlot, DeliveryWindow, PickupPoint


class DeleteUnlessInUse(DeleteView):
    """Wagtail's delete, refused with a message when orders or checkouts use the object (their
    foreign keys protect it) instead of a server error."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _("%(object)s cannot be deleted: orders or checkouts use it. Close it instead.")
                % {"object": self.object},
            )
            return redirect(self.get_success_url())


class SlotsAreClosedNotDeleted(DeleteView):
    """A slot is closed (a capacity of 0), never deleted: its window would make it again."""

    def form_valid(self, form):
        messages.error(
            self.request,
            _("A slot is closed, not deleted (its window would make it again): set its capacity to 0."),
        )
        return redirect(self.get_success_url())


class DeliveryWindowViewSet(SnippetViewSet):
    model = DeliveryWindow
    icon = "time"
    menu_label = "Weekly windows"
    list_display = ["__str__", "capacity", "is_active"]
    list_filter = ["weekday", "is_active"]
    panels = [
        FieldPanel("weekday"),
        FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")]),
        FieldPanel("capacity", help_text="Slots made from now on take this capacity; existing slots keep theirs."),
        FieldPanel("is_active"),
    ]


class DeliverySlotViewSet(SnippetViewSet):
    model = DeliverySlot
    delete_view_class = SlotsAreClosedNotDeleted
    icon = "date"
    menu_label = "Slots"
    list_display = ["__str__", "capacity", "booked"]
    list_filter = ["date"]
    ordering = ["date", "starts"]
    panels = [
        FieldPanel("date"),
        FieldRowPanel([FieldPanel("starts"), FieldPanel("ends")]),
        FieldPanel("capacity", help_text="0 closes the slot; orders already booked in it stay."),
    ]


class PickupPointViewSet(SnippetViewSet):
    model = PickupPoint
    delete_view_class = DeleteUnlessInUse
    icon = "site"
    menu_label = "Pickup points"
    list_display = ["name", "kind", "postcode", "city", "is_active"]
    list_filter = ["kind", "is_active", "city"]
    search_fields = ["name", "city", "postcode"]
    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
        FieldPanel("opening_hours"),
        FieldPanel("is_active"),
    ]


class DeliveryGroup(SnippetViewSetGroup):
    menu_label = "Delivery"
    menu_icon = "calendar"
    items = (DeliveryWindowViewSet, DeliverySlotViewSet, PickupPointViewSet)


register_snippet(DeliveryGroup)
