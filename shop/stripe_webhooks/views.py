from datetime import UTC, datetime

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from shop.stripe_webhooks.models import ProcessedEvent
from shop.stripe_webhooks.registry import handlers_for


@csrf_exempt  # Stripe signs the payload instead; the signature is checked below.
@require_POST
def stripe_webhook(request):
    """Verify a Stripe event, handle it once, and answer 200 (also for types nobody handles, so
    that Stripe stops resending them). A bad or stale signature gets a 400."""
    try:
        event = stripe.Webhook.construct_event(
            request.body,
            request.headers.get("Stripe-Signature", ""),
            settings.STRIPE_WEBHOOK_SECRET,
            tolerance=settings.STRIPE_WEBHOOK_TOLERANCE,
        )
    except (ValueError, TypeError, AttributeError, KeyError):
        return JsonResponse({"error": "The payload is not a Stripe event."}, status=400)
    except stripe.SignatureVerificationError as error:
        return JsonResponse({"error": f"Invalid signature: {error.user_message or error}"}, status=400)

    if not all(getattr(event, key, None) for key in ("id", "type", "created")):
        return JsonResponse({"error": "The event has no id, type or created time."}, status=400)

    handlers = handlers_for(event.type)
    if not handlers:
        return JsonResponse({"received": event.id, "handled": False})
    try:
        with transaction.atomic():
            ProcessedEvent.objects.create(
                event_id=event.id, type=event.type, created=datetime.fromtimestamp(event.created, tz=UTC)
            )
            for handler in handlers:
                handler(event)
    except IntegrityError:
        # Recorded by an earlier delivery (or a concurrent one that committed first).
        if ProcessedEvent.objects.filter(event_id=event.id).exists():
            return JsonResponse({"received": event.id, "duplicate": True})
        raise
    return JsonResponse({"received": event.id, "handled": True})
