from django.db import models


class ProcessedEvent(models.Model):
    """A Stripe event that has been handled. Its unique id is what makes a redelivered or
    duplicated event change nothing a second time."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=255)
    created = models.DateTimeField(help_text="When Stripe created the event")
    processed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.type} {self.event_id}"
