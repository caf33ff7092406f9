"""Publishing in Wagtail reaches the shop: a published version is copied onto the catalogue
product, an unpublished one is withdrawn, and every saved version refreshes completeness."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Revision
from wagtail.signals import published, unpublished

from pim import completeness, services
from pim.models import ProductData


@receiver(published, sender=ProductData)
def product_data_published(sender, instance, **kwargs):
    # Wagtail also sends this when it only schedules a first publish (go-live in the future).
    if instance.live:
        services.publish_to_catalogue(instance)


@receiver(unpublished, sender=ProductData)
def product_data_unpublished(sender, instance, **kwargs):
    services.withdraw_from_catalogue(instance)


@receiver(post_save, sender=Revision)
def revision_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.content_object.__class__ is ProductData:
        completeness.refresh(instance.content_object)
