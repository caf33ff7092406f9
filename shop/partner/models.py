"""Oscar's partner app (a partner is a stock location: a store or the online warehouse), with
stock records that know what is reserved for shoppers who are paying right now.

``num_reserved`` is the sum of the live reservations of the record (``checkout.StockReservation``),
kept by shop.checkout.stock under the record's row lock, so that every reader of
``net_stock_level`` (product pages, the tablet, carts, listings) sees reserved units as gone
without a query of its own. The checkout's own decisions recount the live reservations under
the lock, so an expired reservation the sweep has not yet removed never blocks a sale.
"""

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractStockRecord


class StockRecordQuerySet(models.QuerySet):
    def available(self):
        """Records with at least one unit neither allocated to an order nor reserved."""
        return self.filter(Q(num_in_stock__gt=Coalesce("num_allocated", 0) + F("num_reserved")))


class StockRecord(AbstractStockRecord):
    num_reserved = models.PositiveIntegerField(
        _("Number reserved"), default=0, help_text=_("Held for shoppers who are paying now")
    )

    objects = StockRecordQuerySet.as_manager()

    class Meta(AbstractStockRecord.Meta):
        pass

    @property
    def net_stock_level(self):
        """What can still be sold: in stock, less what orders hold and what is reserved."""
        return super().net_stock_level - self.num_reserved


from oscar.apps.partner.models import *  # noqa: E402, F403
