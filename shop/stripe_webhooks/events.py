"""A Stripe event as the handlers see it: verified, its envelope checked once here, and its object
read field by field, so that a correctly signed but malformed event is refused with a 400 that
names the field instead of failing half-way in a handler."""

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime

import stripe
from django.conf import settings

MAX_ID_LENGTH = 255  # the longest id the database keeps (ProcessedEvent, Membership, payments)


class MalformedEvent(ValueError):
    """An event that cannot be handled as sent; the endpoint answers 400 with this message and
    writes nothing. Handlers raise it (through Payload) for objects they cannot read."""


class Payload:
    """A Stripe object (a dict) read by field. Each reader checks the type it promises and raises
    MalformedEvent naming the field; a field that is absent or null reads as None (or as an empty
    object / list), which is how Stripe leaves out what does not apply."""

    def __init__(self, values, path):
        self.values, self.path = values, path

    def _value(self, key, kinds, description, required):
        value = self.values.get(key)
        if value is None:
            if required:
                raise MalformedEvent(f"{self.path}.{key} is missing.")
            return None
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            raise MalformedEvent(f"{self.path}.{key} must be {description}.")
        return value

    def id(self, key="id", required=True):
        """A Stripe id. An empty one is refused, never looked up: it would match every row whose
        Stripe id is not set."""
        description = f"a Stripe id (a string of 1 to {MAX_ID_LENGTH} characters)"
        value = self._value(key, (str,), description, required)
        if value is not None and not 0 < len(value) <= MAX_ID_LENGTH:
            raise MalformedEvent(f"{self.path}.{key} must be {description}.")
        return value

    def string(self, key, required=False):
        return self._value(key, (str,), "a string", required)

    def integer(self, key, required=False):
        """A whole number of zero or more (amounts in cents, Unix times)."""
        value = self._value(key, (int,), "a whole number", required)
        if value is not None and value < 0:
            raise MalformedEvent(f"{self.path}.{key} must not be negative.")
        return value

    def timestamp(self, key, required=False):
        value = self.integer(key, required)
        if value is None:
            return None
        try:
            return datetime.fromtimestamp(value, tz=UTC)
        except (OverflowError, OSError, ValueError):
            raise MalformedEvent(f"{self.path}.{key} is not a time.")

    def flag(self, key):
        return bool(self._value(key, (bool,), "true or false", required=False))

    def object(self, key):
        return Payload(self._value(key, (dict,), "an object", required=False) or {}, f"{self.path}.{key}")

    def objects(self, key):
        items = self._value(key, (list,), "a list", required=False) or []
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                raise MalformedEvent(f"{self.path}.{key}[{index}] must be an object.")
        return [Payload(item, f"{self.path}.{key}[{index}]") for index, item in enumerate(items)]


@dataclass(frozen=True)
class Event:
    id: str
    type: str
    created: datetime
    object: Payload  # data.object


def signed_at(header):
    """The signing time of a verified Stripe-Signature header (its first ``t=``, as Stripe reads it)."""
    return int(next(item.split("=", 1)[1] for item in header.split(",") if item.startswith("t=")))


def verified_event(body, signature):
    """The event in ``body`` once its signature, its signing time and its envelope are checked.

    Stripe's own check refuses a signature older than the tolerance; one dated later than the
    tolerance ahead is refused here too, so that a captured payload cannot be signed for later.
    """
    tolerance = settings.STRIPE_WEBHOOK_TOLERANCE
    try:
        payload = body.decode("utf-8")
        stripe.WebhookSignature.verify_header(payload, signature, settings.STRIPE_WEBHOOK_SECRET, tolerance)
    except UnicodeDecodeError:
        raise MalformedEvent("The payload is not UTF-8 text.")
    except stripe.SignatureVerificationError as error:
        raise MalformedEvent(f"Invalid signature: {error.user_message or error}")
    now = time.time()
    if signed_at(signature) > now + tolerance:
        raise MalformedEvent("Invalid signature: its timestamp is in the future.")
    try:
        data = json.loads(payload)
    except ValueError:
        raise MalformedEvent("The payload is not a Stripe event.")
    if not isinstance(data, dict):
        raise MalformedEvent("The payload is not a Stripe event.")
    envelope = Payload(data, "event")
    event_id, event_type = envelope.id(), envelope.string("type", required=True)
    if not 0 < len(event_type) <= MAX_ID_LENGTH:
        raise MalformedEvent("event.type must name an event type, such as invoice.paid.")
    created = envelope.timestamp("created", required=True)
    if created.timestamp() > now + tolerance:
        # A later "created" would make every real event after it look out of date.
        raise MalformedEvent("event.created is in the future.")
    body_data = envelope.object("data")
    if not isinstance(body_data.values.get("object"), dict):
        raise MalformedEvent("event.data.object must be an object.")
    return Event(event_id, event_type, created, body_data.object("object"))
