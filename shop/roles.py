"""The shop's roles as Django groups with permissions, kept in sync after every migrate.

Shoppers are plain signed-in users and superusers carry Django's own flag, so only the two
staff roles need groups. Store staff also carry a stores.StaffMember row naming their store.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from wagtail.snippets.models import create_extra_permissions

STORE_STAFF = "Store staff"
PRODUCT_ADMINS = "Product admins"

ROLE_PERMISSIONS = {
    STORE_STAFF: [
        "stores.view_store",
        "partner.view_stockrecord",
        "catalogue.view_product",
        "order.view_order",
    ],
    # Product data has one way in, the PIM (Wagtail): product admins change pim records and
    # only read the catalogue rows that publishing writes.
    PRODUCT_ADMINS: [
        "wagtailadmin.access_admin",
        *(f"pim.{action}_productdata" for action in ("add", "change", "delete", "view", "publish", "lock", "unlock")),
        *(f"pim.{action}_family" for action in ("add", "change", "view")),
        *(f"pim.{action}_attributedefinition" for action in ("add", "change", "view")),
        "pim.view_importrun",
        "catalogue.view_product",
        "partner.view_stockrecord",
        "stores.view_store",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        # Membership plans and perks (loyalty), edited as Wagtail snippets.
        "loyalty.add_plan",
        "loyalty.change_plan",
        "loyalty.view_plan",
        "loyalty.add_perk",
        "loyalty.change_perk",
        "loyalty.delete_perk",
        "loyalty.view_perk",
        # Delivery planning (shop.shipping), as Wagtail snippets: windows, slots, pickup points.
        *(f"shipping.{action}_deliverywindow" for action in ("add", "change", "delete", "view")),
        *(f"shipping.{action}_deliveryslot" for action in ("add", "change", "view")),
        *(f"shipping.{action}_pickuppoint" for action in ("add", "change", "view")),
    ],
}


def sync_roles(apps=global_apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)


def on_post_migrate(sender, apps=global_apps, using="default", **kwargs):
    # post_migrate reaches this app before the apps listed after it (Wagtail's among them),
    # so make sure every app's permissions exist first; create_permissions is idempotent.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    # Wagtail adds publish/lock/unlock permissions of snippets in its own (later) handler.
    create_extra_permissions(global_apps.get_app_config("wagtailsnippets"), using=using)
    sync_roles()
