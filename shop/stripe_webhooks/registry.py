"""Which function handles which Stripe event type. Apps register their handlers when they load
(in AppConfig.ready), e.g.::

    @handles("invoice.payment_succeeded")
    def activate(event): ...

A handler receives the verified stripe.Event and runs inside the transaction that records the
event as processed, so a handler that fails leaves no trace and Stripe's retry starts over.
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
