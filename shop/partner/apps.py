import oscar.apps.partner.apps as apps


class PartnerConfig(apps.PartnerConfig):
    """Oscar's partner app, forked for its pricing strategy (shop.partner.strategy)."""

    name = "shop.partner"
