"""calos: the Python client of the CalOS REST API, and Standard Webhooks verification.

    import calos
    client = calos.CalOS(api_key="calos_sk_...", endpoint="http://localhost:5001")
    client.skills.award_xp(user_id, "development", 100)
"""
from ._client import DEFAULT_ENDPOINT, AsyncCalOS, CalOS
from ._errors import (
    ActionUnavailableError,
    APIConnectionError,
    APITimeoutError,
    AuthenticationError,
    CalOSError,
    ConflictError,
    CooldownError,
    DailyLimitError,
    GoneError,
    InvalidResponseError,
    MethodNotAllowedError,
    NotFoundError,
    PayloadTooLargeError,
    PermissionDeniedError,
    RateLimitError,
    ScheduleClosedError,
    ServerError,
    UnprocessableError,
    UnsupportedMediaTypeError,
    ValidationError,
)
from ._operations import OPERATIONS, Operation
from ._transport import UNSET, VERSION, RequestOptions, parse_retry_after
from ._webhooks import WebhookVerificationError, sign_webhook, verify_webhook

__version__ = VERSION

__all__ = [
    "CalOS",
    "AsyncCalOS",
    "DEFAULT_ENDPOINT",
    "RequestOptions",
    "UNSET",
    "OPERATIONS",
    "Operation",
    "parse_retry_after",
    "verify_webhook",
    "sign_webhook",
    "WebhookVerificationError",
    "CalOSError",
    "ValidationError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "MethodNotAllowedError",
    "ConflictError",
    "GoneError",
    "PayloadTooLargeError",
    "UnsupportedMediaTypeError",
    "UnprocessableError",
    "RateLimitError",
    "ActionUnavailableError",
    "CooldownError",
    "DailyLimitError",
    "ScheduleClosedError",
    "ServerError",
    "APIConnectionError",
    "APITimeoutError",
    "InvalidResponseError",
]
