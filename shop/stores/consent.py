"""Customers' consent for store staff to open their cart, and the staff's sessions under it.

The one place consent changes and the one place a member of staff is let into a customer's
cart: the account pages, the store tablet and the API all call these functions. Every request a
tablet makes for a customer passes ``current_session``, which checks the consent again, so a
revocation ends access at the next request.

Guessing a code: codes are 8 characters from a 30-character alphabet (30^8 = 6.6e11 codes),
live for ``SHOP_CONSENT_CODE_MINUTES`` and single use; failed lookups (by code, email or phone)
are limited per member of staff and per store (``SHOP_CART_LOOKUP_FAILURE_LIMITS``: 10 in 5
minutes per associate, 100 an hour per store; then every lookup is refused until the window
ends). At the store's limit, with as many as 1,000 codes live at once, a store guessing all day
finds one with a probability below 1 in 250,000. Only a keyed digest of a code is stored.
"""

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.ratelimits import FailureLimit
from shop.stores.models import AssistSession, CartConsent, StaffMember

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/O, 1/I/L or U: read aloud without doubt
CODE_LENGTH = 8
lookup_failures = FailureLimit("cart-lookup", "SHOP_CART_LOOKUP_FAILURE_LIMITS")

Kind = CartConsent.Kind


class ConsentError(Exception):
    """A request the customer or the member of staff can understand; the message says why."""


class AccessRefused(ConsentError):
    """The member of staff may not (or may no longer) open this cart."""


class TooManyLookups(ConsentError):
    """The lookup limit of the member of staff or their store is reached for ``wait`` seconds."""

    def __init__(self, message, wait):
        super().__init__(message)
        self.wait = wait


# --- Codes ----------------------------------------------------------------------------------


def normalise_code(raw):
    return re.sub(r"[^0-9A-Z]", "", (raw or "").upper())


def code_digest(code):
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, normalise_code(code).encode(), hashlib.sha256).hexdigest()


def format_code(code):
    """A code as shown to the customer: two groups of four (``K7QM-3XPD``)."""
    return f"{code[:4]}-{code[4:]}"


def normalise_phone(raw):
    """Digits with a leading + in international form; a Finnish 0-prefixed number gets +358."""
    digits = re.sub(r"[^\d+]", "", raw or "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+358" + digits[1:]
    return digits if re.fullmatch(r"\+\d{6,15}", digits) else ""


# --- The customer's side ------------------------------------------------------------------------


@transaction.atomic
def issue_code(customer):
    """A new single-use code for ``customer``; codes issued before that were not used yet stop
    working (one code at a time). Returns (code, consent)."""
    now = timezone.now()
    CartConsent.objects.filter(customer=customer, kind=Kind.CODE, redeemed_at=None, revoked_at=None).update(
        revoked_at=now
    )
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    consent = CartConsent.objects.create(
        customer=customer,
        kind=Kind.CODE,
        code_digest=code_digest(code),
        code_expires_at=now + timedelta(minutes=settings.SHOP_CONSENT_CODE_MINUTES),
    )
    return code, consent


@transaction.atomic
def grant_standing(customer, phone, days):
    """Opt in to the standing in-store consent for ``days`` days (replacing an earlier one)."""
    if not 1 <= days <= settings.SHOP_STANDING_CONSENT_MAX_DAYS:
        raise ConsentError(_("Choose between 1 and %(max)s days.") % {"max": settings.SHOP_STANDING_CONSENT_MAX_DAYS})
    normalised = normalise_phone(phone) if phone else ""
    if phone and not normalised:
        raise ConsentError(_("Enter the phone number with its area code, e.g. 040 123 4567 or +358 40 123 4567."))
    now = timezone.now()
    _end(CartConsent.objects.filter(customer=customer, kind=Kind.STANDING, revoked_at=None), now)
    return CartConsent.objects.create(
        customer=customer, kind=Kind.STANDING, phone=normalised, expires_at=now + timedelta(days=days)
    )


@transaction.atomic
def revoke(customer, consent_id):
    """End a consent of ``customer`` (and every session opened under it) now."""
    consents = CartConsent.objects.filter(customer=customer, pk=consent_id, revoked_at=None)
    if not _end(consents, timezone.now()):
        raise ConsentError(_("That consent has already ended."))


def _end(consents, now):
    ids = list(consents.select_for_update().values_list("pk", flat=True))
    CartConsent.objects.filter(pk__in=ids).update(revoked_at=now)
    AssistSession.objects.filter(consent__in=ids, ended_at=None).update(ended_at=now)
    return len(ids)


# --- The staff's side ---------------------------------------------------------------------------


def store_of(user):
    """The store a member of staff works in (None for anyone else)."""
    if not user.is_authenticated:
        return None
    member = StaffMember.objects.select_related("store").filter(user=user, store__is_active=True).first()
    return member.store if member else None


def _lookup_identities(request, store):
    return {"staff": request.user.pk, "store": store.pk}


def _check_lookups(request, store):
    wait = lookup_failures.retry_after(_lookup_identities(request, store))
    if wait:
        raise TooManyLookups(_("Too many lookups from this tablet or store. Wait a few minutes and try again."), wait)


def _refuse_lookup(request, store, message):
    lookup_failures.record_failure(_lookup_identities(request, store))
    raise AccessRefused(message)


def _staff_store(request):
    store = store_of(request.user)
    if store is None:
        raise AccessRefused(_("Only store staff can open a customer's cart."))
    return store


@transaction.atomic
def open_by_code(request, code):
    """Open the cart of the customer who showed ``code``: the code is used up and the store of
    the member of staff gets access for the visit. Returns the new AssistSession."""
    store = _staff_store(request)
    _check_lookups(request, store)
    now = timezone.now()
    consent = (
        CartConsent.objects.select_for_update()
        .filter(kind=Kind.CODE, code_digest=code_digest(code))
        .select_related("customer")
        .first()
    )
    if consent is None or consent.revoked_at is not None or consent.code_expires_at <= now:
        _refuse_lookup(request, store, _("This code is not valid. Ask the customer to show a new one."))
    if consent.redeemed_at is not None:
        _refuse_lookup(request, store, _("This code has already been used. Ask the customer to show a new one."))
    consent.redeemed_at, consent.redeemed_by, consent.store = now, request.user, store
    consent.expires_at = now + timedelta(minutes=settings.SHOP_CONSENT_VISIT_MINUTES)
    consent.save(update_fields=["redeemed_at", "redeemed_by", "store", "expires_at"])
    return AssistSession.objects.create(consent=consent, staff=request.user, store=store)


@transaction.atomic
def open_by_standing_consent(request, email_or_phone):
    """Open the cart of a customer with a standing in-store consent, found by their exact
    email address or phone number. Whether the customer exists is not revealed."""
    store = _staff_store(request)
    _check_lookups(request, store)
    now = timezone.now()
    wanted = (email_or_phone or "").strip()
    standing = CartConsent.objects.filter(kind=Kind.STANDING, revoked_at=None, expires_at__gt=now)
    if "@" in wanted:
        customers = get_user_model().objects.filter(email__iexact=wanted)
        consent = standing.filter(customer__in=customers).select_related("customer").first()
    else:
        phone = normalise_phone(wanted)
        consent = standing.filter(phone=phone).select_related("customer").first() if phone else None
    if consent is None:
        _refuse_lookup(
            request, store, _("No customer with a standing in-store consent matches. Ask for a code instead.")
        )
    return AssistSession.objects.create(consent=consent, staff=request.user, store=store)


def current_session(request, session_id, store=None):
    """The open session ``session_id`` of this member of staff (of ``store``, found when not
    given), checked again now: their store, and the customer's consent. A session whose consent
    has ended is ended and refused."""
    store = store or _staff_store(request)
    session = (
        AssistSession.objects.select_related("consent__customer", "store")
        .filter(pk=session_id, staff=request.user)
        .first()
    )
    if session is None:
        raise AccessRefused(_("This session has ended."))
    if session.store_id != store.pk or not session.consent.grants_access(store, timezone.now()):
        end_session(session)
        raise AccessRefused(_("The customer's consent has ended: you no longer have access to their cart."))
    if session.ended_at is not None:
        raise AccessRefused(_("This session has ended."))
    return session


def end_session(session):
    if session.ended_at is None:
        session.ended_at = timezone.now()
        AssistSession.objects.filter(pk=session.pk, ended_at=None).update(ended_at=session.ended_at)
