"""Standard Webhooks verification (https://www.standardwebhooks.com): HMAC-SHA256 over
``id.timestamp.body`` with the endpoint's ``whsec_`` secret, a timestamp tolerance against replays,
and a constant-time comparison."""
import base64
import binascii
import hashlib
import hmac
import json
import time
from typing import Any, Dict, Mapping, Optional, Union

__all__ = ["verify_webhook", "sign_webhook", "WebhookVerificationError"]


class WebhookVerificationError(Exception):
    """A delivery that is not provably from CalOS: a missing header, a stale timestamp, no matching signature."""


def _header(headers: Mapping[str, Any], name: str) -> Optional[str]:
    for key, value in headers.items():
        if key.lower() == name:
            return " ".join(value) if isinstance(value, (list, tuple)) else str(value)
    return None


def _key(secret: str) -> bytes:
    try:
        return base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret, validate=True)
    except (binascii.Error, ValueError) as error:
        raise WebhookVerificationError("The secret is not a whsec_<base64> secret") from error


def _content(message_id: str, timestamp: str, payload: Union[str, bytes]) -> bytes:
    body = payload.encode("utf-8") if isinstance(payload, str) else payload
    return f"{message_id}.{timestamp}.".encode("utf-8") + body


def verify_webhook(
    payload: Union[str, bytes],
    headers: Mapping[str, Any],
    secret: str,
    *,
    tolerance_seconds: int = 300,
    now: Optional[float] = None,
) -> Dict[str, Any]:
    """Checks a delivery and returns its parsed body ``{"type", "timestamp", "data"}``.

    ``payload`` must be the raw body exactly as received (not re-serialised JSON); ``headers`` any
    mapping (a framework's request headers, or a dict). Raises WebhookVerificationError.
    """
    message_id = _header(headers, "webhook-id")
    timestamp = _header(headers, "webhook-timestamp")
    signatures = _header(headers, "webhook-signature")
    if not message_id or not timestamp or not signatures:
        raise WebhookVerificationError("Missing webhook-id, webhook-timestamp or webhook-signature")
    if not timestamp.isdigit():
        raise WebhookVerificationError("Invalid webhook-timestamp")
    current = int(now if now is not None else time.time())
    if int(timestamp) < current - tolerance_seconds:
        raise WebhookVerificationError("Message timestamp too old")
    if int(timestamp) > current + tolerance_seconds:
        raise WebhookVerificationError("Message timestamp too new")
    expected = hmac.new(_key(secret), _content(message_id, timestamp, payload), hashlib.sha256).digest()
    for entry in signatures.split(" "):
        version, _, signature = entry.partition(",")
        if version != "v1" or not signature:
            continue
        try:
            candidate = base64.b64decode(signature, validate=True)
        except (binascii.Error, ValueError):
            continue
        if hmac.compare_digest(candidate, expected):
            try:
                event = json.loads(payload)
            except ValueError as error:
                raise WebhookVerificationError("The payload is not JSON") from error
            if not isinstance(event, dict):
                raise WebhookVerificationError("The payload is not a JSON object")
            return event
    raise WebhookVerificationError("No matching signature found")


def sign_webhook(payload: str, secret: str, message_id: str, timestamp: Optional[int] = None) -> Dict[str, str]:
    """Signs a payload as CalOS does, for testing your receiver: returns the three headers."""
    sent_at = str(int(timestamp if timestamp is not None else time.time()))
    mac = hmac.new(_key(secret), _content(message_id, sent_at, payload), hashlib.sha256).digest()
    return {
        "webhook-id": message_id,
        "webhook-timestamp": sent_at,
        "webhook-signature": "v1," + base64.b64encode(mac).decode("ascii"),
    }
