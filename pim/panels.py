"""Edit-screen panels of the PIM that Wagtail does not have: the family's attribute fields
(added to the form at run time by pim.forms) and the completeness table."""

from wagtail.admin.panels import Panel

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
