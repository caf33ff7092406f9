"""Oscar's sales analytics (product and customer counters), recorded for an order in a fixed
number of statements. Oscar's own receiver updates a counter per line, and its insert of a first
counter can collide with a concurrent one (IntegrityError), which breaks the order's transaction;
an upsert neither grows with the lines nor collides."""

from collections import Counter

from django.db import connection
from django.dispatch import receiver
from oscar.apps.analytics import receivers as oscar_analytics
from oscar.apps.order.signals import order_placed
from oscar.core.loading import get_model

ProductRecord = get_model("analytics", "ProductRecord")
UserRecord = get_model("analytics", "UserRecord")

order_placed.disconnect(oscar_analytics.receive_order_placed)


@receiver(order_placed, dispatch_uid="shop.order.record_sales")
def record_sales(sender, order, user=None, **kwargs):
    """Add the order to the counters of its products and of its customer: two upserts (one
    statement each; PostgreSQL and SQLite share the syntax), whatever the number of lines."""
    lines = list(order.lines.values_list("product_id", "quantity"))
    purchases = Counter()
    for product_id, quantity in lines:
        if product_id is not None:
            purchases[product_id] += quantity
    with connection.cursor() as cursor:
        if purchases:
            table = ProductRecord._meta.db_table
            cursor.execute(
                f"INSERT INTO {table} (product_id, num_views, num_basket_additions, num_purchases, score) "
                f"VALUES {', '.join(['(%s, 0, 0, %s, 0)'] * len(purchases))} "
                f"ON CONFLICT (product_id) DO UPDATE "
                f"SET num_purchases = {table}.num_purchases + excluded.num_purchases",
                [value for item in purchases.items() for value in item],
            )
        if user is not None and user.is_authenticated:
            table = UserRecord._meta.db_table
            added = ("num_orders", "num_order_lines", "num_order_items", "total_spent")
            cursor.execute(
                f"INSERT INTO {table} (user_id, num_product_views, num_basket_additions, {', '.join(added)}, "
                "date_last_order) VALUES (%s, 0, 0, 1, %s, %s, %s, %s) ON CONFLICT (user_id) DO UPDATE SET "
                + ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in added)
                + ", date_last_order = excluded.date_last_order",
                [user.pk, len(lines), sum(q for _p, q in lines), order.total_incl_tax, order.date_placed],
            )
