"""Browse and search of the catalogue, on SQLite and PostgreSQL alike, without a search server.

Each browsable product (a standalone product or a parent with variants) carries a
denormalised ``search_document`` and ``listing_price``, and one ``ProductFacet`` row per choice
attribute value of itself or its variants. ``index_products`` writes them; ``browse`` reads
them with plain indexed queries. On PostgreSQL a trigram index makes the substring match on
``search_document`` an index scan (migration catalogue 0034).

The web pages (catalogue.views) and the API (catalogue.api) both call ``browse``.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.db import transaction
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from catalogue.models import Category, Product, ProductAttribute, ProductCategory, ProductFacet
from pim.models import LANGUAGES
from shop.partner.models import StockRecord
from shop.stores.models import Store

FACET_TYPES = (ProductAttribute.OPTION, ProductAttribute.MULTI_OPTION)
SORTS = {
    "relevance": ("-rating", "-priority", "title"),
    "newest": ("-date_created", "-id"),
    "price-asc": (F("listing_price").asc(nulls_last=True), "title"),
    "price-desc": (F("listing_price").desc(nulls_last=True), "title"),
    "title": ("title",),
}
SORT_CHOICES = [
    ("relevance", _("Recommended")),
    ("newest", _("Newest")),
    ("price-asc", _("Price: low to high")),
    ("price-desc", _("Price: high to low")),
    ("title", _("Name")),
]
TOKEN_RE = re.compile(r"\w+", re.UNICODE)
MAX_TOKENS = 8


# --- Indexing ---------------------------------------------------------------------------------


def _browsable_roots(product_ids):
    """The browsable products whose index rows depend on the given products."""
    rows = Product.objects.filter(pk__in=product_ids).values_list("pk", "parent_id")
    return {parent_id or pk for pk, parent_id in rows}


def _attribute_texts(product):
    # In a fixed order, so that reindexing an unchanged product writes the same document.
    for value in sorted(product.attribute_values.all(), key=lambda v: v.attribute.code):
        text = value.value_as_text
        if text:
            yield value.attribute, str(text)


def index_products(product_ids=None):
    """Rewrite the search document, listing price and facets of the browsable products that
    the given products belong to (all products when ``product_ids`` is None). Returns how many
    browsable products were indexed."""
    roots = Product.objects.filter(parent=None)
    if product_ids is not None:
        roots = roots.filter(pk__in=_browsable_roots(product_ids))
    roots = (
        roots.select_related("pim")
        .prefetch_related(
            "categories",
            "attribute_values__attribute",
            "attribute_values__value_option",
            "attribute_values__value_multi_option",
            "children__attribute_values__attribute",
            "children__attribute_values__value_option",
            "children__attribute_values__value_multi_option",
        )
        .order_by("pk")
    )
    count = 0
    batch = []
    for product in roots.iterator(chunk_size=500):
        batch.append(product)
        if len(batch) == 500:
            count += _write_index(batch)
            batch = []
    if batch:
        count += _write_index(batch)
    return count


def _write_index(products):
    facets = []
    for product in products:
        variants = [child for child in product.children.all() if child.is_public]
        words = [product.title, product.upc or "", strip_tags(product.description or "")]
        record = getattr(product, "pim", None)
        if record is not None and record.live:  # published translations are searchable too
            words += [getattr(record, f"title_{code}") for code in LANGUAGES]
            words += [strip_tags(getattr(record, f"description_{code}")) for code in LANGUAGES]
        words += [category.name for category in product.categories.all()]
        prices = [p.price for p in [product, *variants] if p.price is not None]
        for item in [product, *variants]:
            if item is not product:
                words += [item.title, item.upc or ""]
            for attribute, text in _attribute_texts(item):
                words.append(text)
                if attribute.type in FACET_TYPES:
                    values = text.split(", ") if attribute.type == ProductAttribute.MULTI_OPTION else [text]
                    facets += [(product.pk, attribute.code, v) for v in values]
        product.search_document = " ".join(w for w in words if w).lower()
        product.listing_price = min(prices) if prices else None
    with transaction.atomic():
        Product.objects.bulk_update(products, ["search_document", "listing_price"])
        ProductFacet.objects.filter(product__in=products).delete()
        ProductFacet.objects.bulk_create(
            [ProductFacet(product_id=pk, code=code, value=value[:255]) for pk, code, value in set(facets)]
        )
    return len(products)


# --- Querying ---------------------------------------------------------------------------------


class FacetField(forms.Field):
    """Facet filters sent as repeated "code:value" parameters (``facet=colour:Sand``), cleaned
    to ``{code: [values]}``. Any well-formed pair is accepted: an unknown value matches nothing."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        pairs = {}
        for raw in value or []:
            code, sep, choice = raw.partition(":")
            if not sep or not re.fullmatch(r"[\w-]{1,128}", code) or not choice or len(choice) > 255:
                raise forms.ValidationError(
                    _("'%(raw)s' is not a filter of the form attribute:value."), params={"raw": raw}
                )
            pairs.setdefault(code, []).append(choice)
        return pairs


class BrowseForm(forms.Form):
    """The browse parameters a client may send, validated for web pages and the API alike."""

    q = forms.CharField(required=False, max_length=200, label=_("Search"))
    category = forms.ModelChoiceField(
        queryset=Category.objects.browsable(), required=False, to_field_name="slug", label=_("Category")
    )
    facet = FacetField(required=False, label=_("Filters"))
    price_min = forms.DecimalField(required=False, min_value=0, max_digits=12, decimal_places=2, label=_("Min price"))
    price_max = forms.DecimalField(required=False, min_value=0, max_digits=12, decimal_places=2, label=_("Max price"))
    store = forms.ModelChoiceField(
        queryset=Store.objects.active(), required=False, to_field_name="slug", label=_("In stock at")
    )
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False, label=_("Sort by"))

    def clean(self):
        data = super().clean()
        low, high = data.get("price_min"), data.get("price_max")
        if low is not None and high is not None and low > high:
            raise forms.ValidationError(_("The minimum price is higher than the maximum price."))
        return data


@dataclass
class BrowseParams:
    q: str = ""
    category: Category | None = None
    facets: dict = field(default_factory=dict)
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    store: Store | None = None
    sort: str = "relevance"

    @classmethod
    def from_form(cls, form, category=None):
        data = form.cleaned_data
        return cls(
            q=data.get("q") or "",
            category=category or data.get("category"),
            facets=data.get("facet") or {},
            price_min=data.get("price_min"),
            price_max=data.get("price_max"),
            store=data.get("store"),
            sort=data.get("sort") or "relevance",
        )

    @property
    def tokens(self):
        return [t.lower() for t in TOKEN_RE.findall(self.q)][:MAX_TOKENS]


@dataclass
class FacetValue:
    value: str
    count: int
    selected: bool
    param: str  # the "code:value" a client sends to select it


@dataclass
class Facet:
    code: str
    label: str
    values: list


@dataclass
class BrowseResult:
    products: object  # a queryset, to be paginated by the caller
    facets: list
    stores: list  # (store, count) pairs
    price_range: tuple


def in_stock_at(partner_id):
    """Products with stock at a location, counting a parent's variants as the parent."""
    return Exists(
        StockRecord.objects.available()
        .filter(partner_id=partner_id)
        .filter(Q(product_id=OuterRef("pk")) | Q(product__parent_id=OuterRef("pk")))
    )


def _filtered(params, skip_facet=None):
    qs = Product.objects.browsable()
    if params.category is not None:
        qs = qs.filter(
            Exists(
                ProductCategory.objects.filter(
                    product_id=OuterRef("pk"), category__path__startswith=params.category.path
                )
            )
        )
    for token in params.tokens:
        qs = qs.filter(search_document__contains=token)
    if params.price_min is not None:
        qs = qs.filter(listing_price__gte=params.price_min)
    if params.price_max is not None:
        qs = qs.filter(listing_price__lte=params.price_max)
    if params.store is not None:
        qs = qs.filter(in_stock_at(params.store.partner_id))
    for code, values in params.facets.items():
        if code != skip_facet:
            qs = qs.filter(Exists(ProductFacet.objects.filter(product_id=OuterRef("pk"), code=code, value__in=values)))
    return qs


def _facet_counts(params, results):
    """Counts per facet value. A selected facet counts against the results without its own
    filter, so that a shopper can widen a choice (colour: sand OR grey)."""
    counts = {}
    rows = ProductFacet.objects.filter(product__in=results.values("pk")).exclude(code__in=params.facets)
    for row in rows.values("code", "value").annotate(n=Count("product_id")).order_by("code", "value"):
        counts.setdefault(row["code"], []).append((row["value"], row["n"]))
    for code in params.facets:
        own = ProductFacet.objects.filter(product__in=_filtered(params, skip_facet=code).values("pk"), code=code)
        counts[code] = [
            (r["value"], r["n"]) for r in own.values("value").annotate(n=Count("product_id")).order_by("value")
        ]
    labels = dict(
        ProductAttribute.objects.filter(code__in=counts).order_by("code", "pk").values_list("code", "name").distinct()
    )
    facets = []
    for code in sorted(counts, key=lambda c: labels.get(c, c)):
        chosen = set(params.facets.get(code, []))
        values = [FacetValue(value, n, value in chosen, f"{code}:{value}") for value, n in counts[code]]
        facets.append(Facet(code=code, label=labels.get(code, code), values=values))
    return facets


def _store_counts(results):
    rows = (
        StockRecord.objects.available()
        .annotate(root=Coalesce("product__parent_id", "product_id"))
        .filter(root__in=results.values("pk"))
        .values("partner_id")
        .annotate(n=Count("root", distinct=True))
    )
    by_partner = {row["partner_id"]: row["n"] for row in rows}
    return [(store, by_partner.get(store.partner_id, 0)) for store in Store.objects.active()]


def browse(params):
    """The products matching ``params`` with facet counts, store counts and the price range."""
    results = _filtered(params)
    bounds = results.aggregate(low=Min("listing_price"), high=Max("listing_price"))
    ordered = results.order_by(*SORTS.get(params.sort, SORTS["relevance"]))
    return BrowseResult(
        products=ordered,
        facets=_facet_counts(params, results),
        stores=_store_counts(results),
        price_range=(bounds["low"], bounds["high"]),
    )
