from django.apps import AppConfig


class OutboxConfig(AppConfig):
    """Work that must follow a commit (emails, reindexing): recorded in the transaction that makes
    it necessary, sent to Celery once that commits, sent again by a sweep until it succeeds."""

    name = "shop.outbox"
    label = "outbox"
    verbose_name = "Pending background tasks"

    def ready(self):
        from shop.outbox import receivers  # noqa: F401  (marks a task done when it succeeds)
