from django.db import migrations

PROXY_CLASS = "loyalty.models.MemberCondition"


def create_condition(apps, schema_editor):
    # Oscar's offers dashboard offers the custom conditions that exist as rows.
    Condition = apps.get_model("offer", "Condition")
    if not Condition.objects.filter(proxy_class=PROXY_CLASS).exists():
        Condition.objects.create(proxy_class=PROXY_CLASS)


def remove_condition(apps, schema_editor):
    apps.get_model("offer", "Condition").objects.filter(proxy_class=PROXY_CLASS, offers__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("loyalty", "0001_initial")]

    operations = [migrations.RunPython(create_condition, remove_condition)]
