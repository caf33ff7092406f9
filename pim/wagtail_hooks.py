"""The PIM in the Wagtail admin: products (with variants, gallery, content and completeness),
families and attributes, the import history, and the import/export page."""

import django_filters
from django import forms
from django.conf import settings
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
)
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from catalogue.models import Category
from pim import services, views
from pim.forms import ProductDataForm
from pim.models import AttributeDefinition, Channel, Family, ImportRun, ProductData
from pim.panels import AttributesPanel, CompletenessPanel, ProductEditHandler, VariantsPanel


class ProductDataFilterSet(WagtailFilterSet):
    family = django_filters.ModelChoiceFilter(queryset=Family.objects.all(), label=_("Family"))
    category = django_filters.ModelChoiceFilter(
        field_name="categories", queryset=Category.objects.all(), label=_("Category")
    )
    live = django_filters.BooleanFilter(label=_("Published"))
    incomplete_for = django_filters.ChoiceFilter(
        choices=Channel.choices, method="filter_incomplete", label=_("Incomplete for channel")
    )
    missing_translation = django_filters.ChoiceFilter(
        choices=settings.LANGUAGES, method="filter_missing_translation", label=_("Missing translation")
    )

    class Meta:
        model = ProductData
        fields = ["family", "category", "live"]

    def filter_incomplete(self, queryset, name, value):
        return queryset.filter(completeness__channel=value, completeness__percent__lt=100).distinct()

    def filter_missing_translation(self, queryset, name, value):
        return queryset.filter(completeness__language=value, completeness__missing_translation=True).distinct()


class CompletenessColumn(Column):
    """The lowest completeness over the languages, per channel: "Web 100% · Tablet 83% ..."."""

    def get_value(self, instance):
        lowest = {}
        for row in instance.completeness.all():
            lowest[row.channel] = min(row.percent, lowest.get(row.channel, 100))
        labels = dict(Channel.choices)
        return " · ".join(f"{labels[c]} {lowest[c]}%" for c in Channel.values if c in lowest) or "—"


class ProductDataViewSet(SnippetViewSet):
    model = ProductData
    icon = "tag"
    menu_label = _("Products")
    list_display = ["title_en", "sku", "family", CompletenessColumn("completeness", label=_("Completeness"))]
    list_per_page = 50
    filterset_class = ProductDataFilterSet
    copy_view_enabled = False

    edit_handler = ProductEditHandler(
        [
            ObjectList(
                [
                    FieldRowPanel([FieldPanel("sku"), FieldPanel("family")]),
                    FieldPanel("title_en"),
                    FieldPanel("description_en"),
                    FieldPanel("categories", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("priority"),
                    FieldRowPanel([FieldPanel("price"), FieldPanel("member_price")], heading=_("Price")),
                    MultiFieldPanel([AttributesPanel()], heading=_("Attributes")),
                    VariantsPanel(
                        "variants",
                        heading=_("Variants"),
                        label=_("Variant"),
                        panels=[
                            FieldRowPanel([FieldPanel("sku"), FieldPanel("price"), FieldPanel("member_price")]),
                            AttributesPanel(),
                            FieldPanel("image"),
                        ],
                    ),
                ],
                heading=_("Product"),
            ),
            ObjectList([FieldPanel("title_fi"), FieldPanel("description_fi")], heading=_("Suomi")),
            ObjectList([FieldPanel("title_sv"), FieldPanel("description_sv")], heading=_("Svenska")),
            ObjectList(
                [
                    InlinePanel(
                        "gallery",
                        heading=_("Gallery"),
                        label=_("Image"),
                        panels=[
                            FieldPanel("image"),
                            FieldPanel("alt_text"),
                            FieldRowPanel([FieldPanel("alt_text_fi"), FieldPanel("alt_text_sv")]),
                        ],
                    ),
                    FieldPanel("content"),
                ],
                heading=_("Images and content"),
            ),
            ObjectList([InlinePanel("links", heading=_("Linked products"), label=_("Link"))], heading=_("Related")),
            ObjectList([CompletenessPanel(heading=_("Completeness"))], heading=_("Completeness")),
            ObjectList([PublishingPanel()], heading=_("Publishing")),
        ],
        base_form_class=ProductDataForm,
    )

    def get_queryset(self, request):
        return ProductData.objects.select_related("family").prefetch_related("completeness")


class FamilyViewSet(SnippetViewSet):
    model = Family
    icon = "folder-open-1"
    menu_label = _("Families")
    list_display = ["name", "code"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
        InlinePanel(
            "family_attributes",
            heading=_("Attributes"),
            label=_("Attribute"),
            panels=[
                FieldPanel("attribute"),
                FieldRowPanel(
                    [
                        FieldPanel("is_variant_axis"),
                        FieldPanel("required_for_web"),
                        FieldPanel("required_for_tablet"),
                        FieldPanel("required_for_display"),
                    ]
                ),
            ],
        ),
    ]


class AttributeDefinitionViewSet(SnippetViewSet):
    model = AttributeDefinition
    icon = "list-ul"
    menu_label = _("Attributes")
    list_display = ["name_en", "code", "kind", "unit"]
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("kind"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("name_en"), FieldPanel("name_fi"), FieldPanel("name_sv")]),
        InlinePanel(
            "choices",
            heading=_("Choices"),
            label=_("Choice"),
            panels=[FieldRowPanel([FieldPanel("value"), FieldPanel("label_fi"), FieldPanel("label_sv")])],
        ),
    ]


class ImportRunViewSet(SnippetViewSet):
    """The import history: read it here; imports are made on the import/export page."""

    model = ImportRun
    icon = "history"
    menu_label = _("Import history")
    list_display = ["filename", "user", "created_at", "dry_run", "rows", "created", "updated", "unchanged"]
    inspect_view_enabled = True
    copy_view_enabled = False


class PimGroup(SnippetViewSetGroup):
    menu_label = _("Product information")
    menu_icon = "tag"
    menu_order = 100
    items = (ProductDataViewSet, FamilyViewSet, AttributeDefinitionViewSet, ImportRunViewSet)


register_snippet(PimGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def keep_family_in_step(request, instance):
    # After the inline attributes are saved (post_save fires before them).
    if isinstance(instance, Family):
        services.sync_family(instance)


@hooks.register("register_admin_urls")
def register_import_export_urls():
    return [
        path("pim/import/", views.ImportView.as_view(), name="pim_import"),
        path("pim/export/", views.ExportView.as_view(), name="pim_export"),
    ]


class ImportExportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("pim.add_productdata")


@hooks.register("register_admin_menu_item")
def register_import_export_menu_item():
    return ImportExportMenuItem(_("Import / export"), reverse("pim_import"), icon_name="download", order=101)
