"""Edit-screen panels of the PIM that Wagtail does not have: the family's attribute fields
(added to the form at run time by pim.forms) and the completeness table."""

from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from wagtail.admin.panels import InlinePanel, MultiFieldPanel, Panel, TabbedInterface

from pim.forms import ATTRIBUTE_PREFIX


class AttributesPanel(Panel):
    """Renders the attribute fields the form added for the family (product or variant)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "pim/panels/attributes.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["fields"] = [self.form[name] for name in self.form.fields if name.startswith(ATTRIBUTE_PREFIX)]
            context["has_family"] = bool(self.instance and self.instance.pk) or bool(context["fields"])
            return context


class CompletenessPanel(Panel):
    """Completeness of the latest version per channel and language, with what is missing."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "pim/panels/completeness.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["rows"] = list(self.instance.completeness.all()) if self.instance.pk else []
            return context


class AttributeFieldsAware:
    """Wagtail renders the form fields no panel declared once more after the panels (meant for
    hidden fields). The attribute fields are added at run time, so no panel can declare them,
    and a second copy would be posted after the one the admin edited and win."""

    def render_missing_fields(self):
        declared = self.panel.get_form_options().get("fields", [])
        return mark_safe(  # noqa: S308 - form widgets render escaped HTML
            "".join(
                str(self.form[name])
                for name in self.form.fields
                if name not in declared and not name.startswith(ATTRIBUTE_PREFIX)
            )
        )


class ProductEditHandler(TabbedInterface):
    class BoundPanel(AttributeFieldsAware, TabbedInterface.BoundPanel):
        pass


class VariantPanel(MultiFieldPanel):
    class BoundPanel(AttributeFieldsAware, MultiFieldPanel.BoundPanel):
        pass


class VariantsPanel(InlinePanel):
    """The variants, each with its family's variant-axis attribute fields."""

    @cached_property
    def child_edit_handler(self):
        return VariantPanel(self.panel_definitions, heading=self.heading).bind_to_model(self.db_field.related_model)
