"""Which function handles which Stripe event type. Apps register their handlers when they load
(in AppConfig.ready), e.g.::

    @handles("invoice.payment_succeeded")
    def activate(event): ...

A handler receives the verified event (shop.stripe_webhooks.events.Event: id, type, created as
a datetime, and its object as a Payload to read field by field) and runs inside the transaction
that records the event as processed, so a handler that fails leaves no trace and Stripe's retry
starts over. A handler refuses an object it cannot read by raising MalformedEvent (the Payload
readers do): the endpoint answers 400 with the message.
"""

from collections import defaultdict

_handlers = defaultdict(list)


def handles(*event_types):
    def register(func):
        for event_type in event_types:
            if func not in _handlers[event_type]:
                _handlers[event_type].append(func)
        return func

    return register


def handlers_for(event_type):
    return list(_handlers.get(event_type, ()))
