"""Oscar's EventHandler, forked so that every status change it makes (Oscar's dashboard calls it)
goes through the one order-status service, recorded with the staff user who made it."""

from oscar.apps.order import processing

from shop.order import services


class EventHandler(processing.EventHandler):
    def handle_order_status_change(self, order, new_status, note_msg=None, tracking_reference="", reason=""):
        actor = services.Actor(self.user, services.Channel.DASHBOARD)
        services.change_status(order, new_status, actor, tracking_reference=tracking_reference, reason=reason)
        if note_msg:
            self.create_note(order, note_msg)
