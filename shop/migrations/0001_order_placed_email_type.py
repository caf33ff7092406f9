"""Register the order confirmation email type, so that each sent confirmation is recorded as
a communication event on the order (which makes the sending task safe to retry)."""

from django.db import migrations


def create(apps, schema_editor):
    CommunicationEventType = apps.get_model("communication", "CommunicationEventType")
    CommunicationEventType.objects.get_or_create(
        code="ORDER_PLACED", defaults={"name": "Order placed", "category": "Order related"}
    )


class Migration(migrations.Migration):
    dependencies = [("communication", "0004_auto_20200801_0817")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
