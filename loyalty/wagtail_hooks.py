"""Membership plans and perks are edited by product admins in the Wagtail admin (/cms/)."""

from django import forms
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from loyalty.models import Perk, Plan


class PlanViewSet(SnippetViewSet):
    model = Plan
    icon = "pick"
    menu_label = "Plans"
    list_display = ["name", "interval", "fee", "points_per_euro", "is_active"]
    list_filter = ["interval", "is_active"]
    panels = [
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("interval"),
        FieldPanel("fee", help_text="A new fee applies to members who join from now on."),
        FieldPanel("points_per_euro"),
        FieldPanel("perks", widget=forms.CheckboxSelectMultiple),
        FieldPanel("is_active"),
        FieldPanel("sort_order"),
    ]


class PerkViewSet(SnippetViewSet):
    model = Perk
    icon = "tick-inverse"
    menu_label = "Perks"
    list_display = ["title", "sort_order"]
    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("sort_order")]


class MembershipGroup(SnippetViewSetGroup):
    menu_label = "Membership"
    menu_icon = "group"
    items = (PlanViewSet, PerkViewSet)


register_snippet(MembershipGroup)
