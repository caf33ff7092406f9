from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct


class Product(AbstractProduct):
    """Oscar's product with its price and the denormalised fields that browse and search read.

    One price per sellable product (a variant or a standalone product), the same in every
    store and channel; stock stays per store in partner.StockRecord.
    """

    price = models.DecimalField(_("Price incl. VAT (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True)
    # The members' price (VAT incl.); empty means members pay the regular price.
    member_price = models.DecimalField(
        _("Member price incl. VAT (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # Written by catalogue.search.index_products(), never by hand.
    search_document = models.TextField(editable=False, blank=True, default="")
    listing_price = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, editable=False, db_index=True
    )

    class Meta(AbstractProduct.Meta):
        indexes = [
            # The default browse order (catalogue.search.SORTS["relevance"]) and "newest", so
            # that the first page of a large listing is read from an index instead of sorted.
            models.Index(F("rating").desc(), F("priority").desc(), "title", name="product_relevance_order"),
            models.Index(F("date_created").desc(), F("id").desc(), name="product_newest_order"),
        ]

    def update_rating(self):
        # Oscar saves the whole row here, from whatever copy the review was loaded with: a
        # copy older than the last publish would undo it. Write the rating alone.
        self.rating = self.calculate_rating()
        self.save(update_fields=["rating"])

    update_rating.alters_data = True


class ProductFacet(models.Model):
    """One choice attribute value of a browsable product (its own or one of its variants'),
    written by the search indexer so that facet filters and counts are plain indexed queries."""

    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="facets")
    code = models.SlugField(max_length=128)
    value = models.CharField(max_length=255)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["product", "code", "value"], name="unique_product_facet")]
        indexes = [models.Index(fields=["code", "value"])]

    def __str__(self):
        return f"{self.code}={self.value}"


from oscar.apps.catalogue.models import *  # noqa: E402, F403
