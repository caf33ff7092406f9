"""Delivery is planned in the Wagtail admin (/cms/ > Delivery): the weekly home-delivery windows
and their capacity, the slots of the days ahead (one can be made bigger, smaller, or closed with a
capacity of 0), and the pickup points."""

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from shop.shipping.models import DeliverySlot, DeliveryWindow, PickupPoint


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
