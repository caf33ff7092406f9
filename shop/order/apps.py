import oscar.apps.order.apps as apps


class OrderConfig(apps.OrderConfig):
    """Oscar's order app, forked so that an order carries how it is delivered (the slot, the store
    it is collected from, the pickup point, when it is ready) and each line who sold it."""

    name = "shop.order"

    def ready(self):
        super().ready()
        from shop.order import receivers  # noqa: F401  (sales analytics in a fixed number of statements)
