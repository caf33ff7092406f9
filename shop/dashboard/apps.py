import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    """Oscar's dashboard for superusers only. It shows shop-wide sales, customers and orders;
    product admins work in the Wagtail PIM and store staff get their own store tablet, so
    neither role's staff flag or model permissions may open it. The root dashboard app's URL
    decorator wraps every dashboard page, its sub-apps' included."""

    name = "shop.dashboard"
    default_permissions = ["is_superuser"]

    def configure_permissions(self):
        self.permissions_map = {}
