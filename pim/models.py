"""Product data as the product team edits it: attribute definitions, families, and one
versioned product record per catalogue product.

The product record (``ProductData``) is a Wagtail snippet with drafts, revisions, locking and
a moderation workflow. Its database row always holds the *published* data (Wagtail keeps
drafts in revisions), and publishing copies that data onto Oscar's catalogue product
(pim.services.publish_to_catalogue). The storefront therefore never sees a draft.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from pim import blocks

LANGUAGES = [code for code, _name in settings.LANGUAGES]
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE


def localised(obj, field, language=None):
    """``obj.<field>_<language>``, falling back to the default language, then to any language
    that has a value, so that a missing translation never shows an empty title."""
    language = (language or get_language() or DEFAULT_LANGUAGE)[:2]
    order = [language, DEFAULT_LANGUAGE, *LANGUAGES]
    for code in order:
        value = getattr(obj, f"{field}_{code}", "") if code in LANGUAGES else ""
        if value:
            return value
    return ""


class Channel(models.TextChoices):
    WEB = "web", _("Web shop")
    TABLET = "tablet", _("Store tablet")
    DISPLAY = "display", _("Store display")


class AttributeDefinition(ClusterableModel):
    """A typed product attribute, shared by the families that use it."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        NUMBER = "number", _("Number")
        CHOICE = "choice", _("Choice")
        MULTI_CHOICE = "multi_choice", _("Multiple choice")
        BOOLEAN = "boolean", _("Yes / no")

    code = models.SlugField(_("code"), max_length=64, unique=True, help_text=_("Used in imports, exports and URLs."))
    name_en = models.CharField(_("name (English)"), max_length=128)
    name_fi = models.CharField(_("name (Finnish)"), max_length=128, blank=True)
    name_sv = models.CharField(_("name (Swedish)"), max_length=128, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    unit = models.CharField(_("unit"), max_length=16, blank=True, help_text=_("For numbers, e.g. cm or kg."))

    search_fields = [index.AutocompleteField("code"), index.AutocompleteField("name_en")]

    class Meta:
        ordering = ["code"]
        verbose_name = _("attribute")

    def __str__(self):
        return f"{self.name_en} ({self.code})"

    def clean(self):
        if self.unit and self.kind != self.Kind.NUMBER:
            raise ValidationError({"unit": _("Only numbers have a unit.")})

    @property
    def name(self):
        return localised(self, "name")

    @property
    def has_choices(self):
        return self.kind in (self.Kind.CHOICE, self.Kind.MULTI_CHOICE)


class AttributeChoice(Orderable):
    """One allowed value of a choice attribute: ``value`` is stored and imported; the labels
    are what shoppers read."""

    attribute = ParentalKey(AttributeDefinition, on_delete=models.CASCADE, related_name="choices")
    value = models.CharField(_("value"), max_length=128)
    label_fi = models.CharField(_("label (Finnish)"), max_length=128, blank=True)
    label_sv = models.CharField(_("label (Swedish)"), max_length=128, blank=True)

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["attribute", "value"], name="unique_attribute_choice")]

    def __str__(self):
        return self.value

    @property
    def label_en(self):
        return self.value

    @property
    def label(self):
        return localised(self, "label")


class Family(ClusterableModel):
    """A kind of product (sofa, cushion, book): which attributes it has and which of them each
    channel requires. Each family is an Oscar product class, kept in step on save."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=128)
    product_class = models.OneToOneField(
        "catalogue.ProductClass", on_delete=models.PROTECT, related_name="family", editable=False, null=True
    )

    search_fields = [index.AutocompleteField("name"), index.AutocompleteField("code")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("family")
        verbose_name_plural = _("families")

    def __str__(self):
        return self.name


class FamilyAttribute(Orderable):
    family = ParentalKey(Family, on_delete=models.CASCADE, related_name="family_attributes")
    attribute = models.ForeignKey(AttributeDefinition, on_delete=models.PROTECT, related_name="+")
    is_variant_axis = models.BooleanField(
        _("variants differ by it"), default=False, help_text=_("Set per variant (e.g. colour), not per product.")
    )
    required_for_web = models.BooleanField(_("required on the web shop"), default=False)
    required_for_tablet = models.BooleanField(_("required on tablets"), default=False)
    required_for_display = models.BooleanField(_("required on store displays"), default=False)

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["family", "attribute"], name="unique_family_attribute")]

    def __str__(self):
        return f"{self.family} / {self.attribute.code}"

    def required_for(self, channel):
        return getattr(self, f"required_for_{channel}")


class ProductDataQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live=True)


class ProductData(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A product as the product team edits it, in every language, with its variants."""

    sku = models.CharField(
        _("SKU"),
        max_length=64,
        unique=True,
        help_text=_("The product code; also the UPC of a product without variants."),
    )
    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="products", verbose_name=_("family"))
    # Set by the first publish: a product that was never published does not exist in the shop.
    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="pim"
    )
    title_en = models.CharField(_("title (English)"), max_length=255)
    title_fi = models.CharField(_("title (Finnish)"), max_length=255, blank=True)
    title_sv = models.CharField(_("title (Swedish)"), max_length=255, blank=True)
    description_en = RichTextField(_("description (English)"), blank=True, features=["bold", "italic", "ol", "ul"])
    description_fi = RichTextField(_("description (Finnish)"), blank=True, features=["bold", "italic", "ol", "ul"])
    description_sv = RichTextField(_("description (Swedish)"), blank=True, features=["bold", "italic", "ol", "ul"])
    categories = ParentalManyToManyField("catalogue.Category", blank=True, verbose_name=_("categories"))
    # For a product without variants; a product with variants has prices per variant.
    price = models.DecimalField(
        _("price incl. VAT (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    member_price = models.DecimalField(
        _("member price incl. VAT (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    # attribute code -> value (str, number, bool or list of choice values), typed by the family.
    attribute_values = models.JSONField(default=dict, blank=True)
    priority = models.IntegerField(
        _("listing priority"), default=0,
        help_text=_("Products with a higher priority come first in the recommended order of listings."),
    )  # fmt: skip
    content = StreamField(blocks.ContentBlocks(), blank=True, verbose_name=_("content blocks"))

    objects = ProductDataQuerySet.as_manager()

    search_fields = [
        index.AutocompleteField("sku"),
        index.AutocompleteField("title_en"),
        index.AutocompleteField("title_fi"),
        index.AutocompleteField("title_sv"),
        index.FilterField("family"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["title_en"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self):
        return self.title_en

    @property
    def title(self):
        return localised(self, "title")

    @property
    def description(self):
        return localised(self, "description")

    def with_content_json(self, content):
        # The link to the catalogue product is set by the first publish and belongs to the
        # record, not to a version: restoring an older revision must not unset it.
        obj = super().with_content_json(content)
        obj.product_id = self.product_id
        return obj

    def clean(self):
        errors = {}
        if self.price is not None and self.member_price is not None and self.member_price > self.price:
            errors["member_price"] = _("The member price cannot be higher than the price.")
        if errors:
            raise ValidationError(errors)


class Variant(Orderable):
    """A sellable version of a product (e.g. one fabric and colour), with its own price."""

    product_data = ParentalKey(ProductData, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(_("SKU"), max_length=64)
    price = models.DecimalField(
        _("price incl. VAT (EUR)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    member_price = models.DecimalField(
        _("member price incl. VAT (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )  # fmt: skip
    # The variant-axis attributes of the family: code -> value.
    attribute_values = models.JSONField(default=dict, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        help_text=_("Shown when a shopper picks this variant."),
    )  # fmt: skip

    def __str__(self):
        return self.sku

    def clean(self):
        if self.member_price is not None and self.price is not None and self.member_price > self.price:
            raise ValidationError({"member_price": _("The member price cannot be higher than the price.")})


class GalleryImage(Orderable):
    product_data = ParentalKey(ProductData, on_delete=models.CASCADE, related_name="gallery")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.PROTECT, related_name="+")
    alt_text = models.CharField(
        _("alt text (English)"), max_length=255, help_text=_("What the picture shows, for people who cannot see it.")
    )
    alt_text_fi = models.CharField(_("alt text (Finnish)"), max_length=255, blank=True)
    alt_text_sv = models.CharField(_("alt text (Swedish)"), max_length=255, blank=True)

    def __str__(self):
        return self.alt_text

    @property
    def alt_text_en(self):  # for localised()
        return self.alt_text


class ProductLink(Orderable):
    """A complementary ("goes well with") or related ("you may also like") product."""

    class Kind(models.TextChoices):
        COMPLEMENTARY = "complementary", _("Goes well with")
        RELATED = "related", _("Related")

    product_data = ParentalKey(ProductData, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.COMPLEMENTARY)
    target = models.ForeignKey(ProductData, on_delete=models.CASCADE, related_name="+", verbose_name=_("product"))

    def __str__(self):
        return f"{self.get_kind_display()}: {self.target}"


class Completeness(models.Model):
    """How complete a product's latest version is for one channel and language, kept by
    pim.completeness whenever a revision is saved, so that the listing can filter on it."""

    product_data = models.ForeignKey(ProductData, on_delete=models.CASCADE, related_name="completeness")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    percent = models.PositiveSmallIntegerField()
    missing = models.JSONField(default=list)
    missing_translation = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["product_data", "channel", "language"], name="unique_completeness")
        ]
        ordering = ["channel", "language"]

    def __str__(self):
        return f"{self.product_data_id} {self.channel}/{self.language}: {self.percent}%"


class ImportRun(models.Model):
    """Who imported which file, when, and what it changed (or, for a dry run, what it found)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    filename = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    dry_run = models.BooleanField(default=True)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    # [{"row": 3, "column": "price", "message": "..."}]; empty when the file was valid.
    errors = models.JSONField(default=list)
    skus = models.JSONField(default=list, help_text="SKUs of the products the import created or changed.")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def succeeded(self):
        return not self.errors
