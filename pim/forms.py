"""Admin forms of the PIM: attribute fields typed by the product's family, for the product and
for each of its variants, and a guard against two admins overwriting each other."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.blocks.base import BlockWidget

from pim import services
from pim.models import AttributeDefinition, FamilyAttribute

ATTRIBUTE_PREFIX = "attr__"
Kind = AttributeDefinition.Kind


def attribute_field(definition):
    """The form field of an attribute; its clean() is also what bulk import validates with.
    Fields are optional: what each channel requires shows as completeness, not as an error."""
    label = f"{definition.name_en} ({definition.unit})" if definition.unit else definition.name_en
    options = {"label": label, "required": False}
    choices = [(c.value, c.value) for c in definition.choices.all()]
    if definition.kind == Kind.NUMBER:
        return forms.DecimalField(max_digits=14, decimal_places=4, **options)
    if definition.kind == Kind.CHOICE:
        return forms.ChoiceField(choices=[("", "---------"), *choices], **options)
    if definition.kind == Kind.MULTI_CHOICE:
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **options)
    if definition.kind == Kind.BOOLEAN:
        return forms.NullBooleanField(widget=forms.NullBooleanSelect, **options)
    return forms.CharField(max_length=255, **options)


def stored_value(value):
    """A cleaned field value as kept in ``attribute_values`` (JSON): numbers as int or float,
    nothing for empty values."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class AttributeValuesFormMixin:
    """Adds one field per attribute (``attribute_definitions`` on the class) and keeps their
    values in the instance's ``attribute_values``."""

    attribute_definitions = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_attribute_fields(self.attribute_definitions)

    def add_attribute_fields(self, definitions):
        self.attribute_definitions = definitions
        values = self.instance.attribute_values or {}
        for definition in definitions:
            name = ATTRIBUTE_PREFIX + definition.code
            self.fields[name] = attribute_field(definition)
            self.fields[name].initial = values.get(definition.code)

    def clean(self):
        cleaned = super().clean()
        values = {}
        for definition in self.attribute_definitions:
            value = stored_value(cleaned.get(ATTRIBUTE_PREFIX + definition.code))
            if value not in (None, "", []):
                values[definition.code] = value
        self.instance.attribute_values = values
        return cleaned


def with_attributes(form_class, definitions):
    return type(form_class.__name__, (AttributeValuesFormMixin, form_class), {"attribute_definitions": definitions})


class GuardedBlockWidget(BlockWidget):
    """Wagtail's content-block editor, which raises on a malformed submission (a truncated or
    hand-made POST); here that becomes a form error instead of a server error."""

    malformed = False

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (KeyError, ValueError, TypeError, IndexError):
            self.malformed = True
            return self.block_def.get_default()


class ProductDataForm(AttributeValuesFormMixin, WagtailAdminModelForm):
    """The product form: the family's product attributes on the product, its variant-axis
    attributes on each variant, and a refusal to save over a version someone else saved
    after this form was opened."""

    base_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_revision"].initial = self.instance.latest_revision_id
        product_definitions, axis_definitions = [], []
        family_id = self._posted_family_id() or self.instance.family_id
        if family_id:
            family_attributes = FamilyAttribute.objects.filter(family_id=family_id).select_related("attribute")
            for family_attribute in family_attributes.prefetch_related("attribute__choices"):
                product_definitions.append(family_attribute.attribute)
                if family_attribute.is_variant_axis:
                    axis_definitions.append(family_attribute.attribute)
        # A product without variants carries the variant-axis attributes itself (a single
        # cushion still has a colour); a product with variants has them on each variant.
        if "content" in self.fields:
            self.fields["content"].widget = GuardedBlockWidget(self.fields["content"].widget.block_def)
        if "priority" in self.fields:
            self.fields["priority"].required = False  # left empty: no priority (0)
        self.add_attribute_fields(product_definitions)
        self.axis_codes = [d.code for d in axis_definitions]
        for code in self.axis_codes:
            self.fields[ATTRIBUTE_PREFIX + code].help_text = _("Only for a product without variants.")
        variants = self.formsets.get("variants")
        if variants is not None and axis_definitions:
            # Before the formset builds its forms, so that every variant form (and the empty
            # one the "Add variant" button copies) carries the axis fields.
            variants.form = with_attributes(variants.form, axis_definitions)

    def clean_priority(self):
        return self.cleaned_data.get("priority") or 0

    def _posted_family_id(self):
        # A new product's attribute fields follow the family chosen in the same submission.
        value = self.data.get(self.add_prefix("family")) if self.is_bound else None
        return int(value) if value and str(value).isdigit() else None

    def clean(self):
        cleaned = super().clean()
        if "content" in self.fields and self.fields["content"].widget.malformed:
            self.add_error("content", _("The content blocks could not be read. Reload the page and try again."))
        variant_skus = self._variant_skus()
        self._check_skus(cleaned.get("sku"), variant_skus)
        if variant_skus:
            for code in self.axis_codes:
                if code in self.instance.attribute_values:
                    self.add_error(
                        ATTRIBUTE_PREFIX + code, _("This product has variants: set this on each variant instead.")
                    )
        self._check_conflict(cleaned.get("base_revision"))
        return cleaned

    def _check_skus(self, sku, variant_skus):
        skus = ([sku] if sku else []) + variant_skus
        repeated = sorted({s for s in skus if skus.count(s) > 1})
        if repeated:
            raise forms.ValidationError(_("Each SKU may appear once: %(skus)s.") % {"skus": ", ".join(repeated)})
        taken = services.skus_taken(skus, self.instance.product_id)
        if taken:
            raise forms.ValidationError(
                _("These SKUs belong to other products: %(skus)s.") % {"skus": ", ".join(taken)}
            )

    def _variant_skus(self):
        """The SKUs of the variants as they will be after this save: the saved ones the form
        leaves out stay (modelcluster only adds and removes what the formset names)."""
        variants = self.formsets.get("variants")
        if variants is None:
            return []
        skus = {v.pk: v.sku for v in self.instance.variants.all()} if self.instance.pk else {}
        for i, form in enumerate(variants.forms):
            if not form.is_valid():
                continue
            key = form.instance.pk or f"new-{i}"
            if form.cleaned_data.get("DELETE"):
                skus.pop(key, None)
            elif form.cleaned_data.get("sku"):
                skus[key] = form.cleaned_data["sku"]
        return list(skus.values())

    def _check_conflict(self, base_revision):
        if not self.instance.pk:
            return
        model = type(self.instance)
        current = model.objects.filter(pk=self.instance.pk).select_related("latest_revision__user").first()
        if current and current.latest_revision_id and current.latest_revision_id != base_revision:
            revision = current.latest_revision
            who = revision.user.get_username() if revision.user else _("someone")
            raise forms.ValidationError(
                _(
                    "%(who)s saved a newer version of this product at %(when)s, after you opened it. "
                    "Your changes were not saved: open the product again to see their version."
                ),
                code="conflict",
                params={"who": who, "when": revision.created_at.strftime("%Y-%m-%d %H:%M")},
            )
