"""CalOSError and one subclass per kind of failure, so callers catch what they mean:
``except calos.CooldownError as e: retry_at = e.next_available_at``."""
from typing import Any, Dict, List, Mapping, Optional, Type


class CalOSError(Exception):
    """Every failure the SDK reports: the server's error body (the contract's shape), or no answer at all."""

    def __init__(
        self,
        message: str,
        *,
        code: str,
        status: int,
        details: Optional[Mapping[str, Any]] = None,
        request_id: Optional[str] = None,
        retry_after_seconds: Optional[float] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        #: The contract's code (``VALIDATION_FAILED``, ``FORBIDDEN``, ``COOLDOWN`` ...), or
        #: ``NETWORK_ERROR``, ``TIMEOUT``, ``INVALID_RESPONSE`` when no usable answer came back.
        self.code = code
        #: The HTTP status; 0 when no answer came back.
        self.status = status
        #: The error body's details: ``issues``, ``requiredScope``, ``resource``, ``reason`` ...
        self.details: Dict[str, Any] = dict(details or {})
        #: The server's request id: quote it when reporting a problem.
        self.request_id = request_id
        #: From Retry-After (or ``details.retryAfterSeconds``) on a 429.
        self.retry_after_seconds = retry_after_seconds

    @property
    def issues(self) -> List[Dict[str, str]]:
        """VALIDATION_FAILED: one entry per bad field, e.g. ``{"path": "body.xp", "message": ...}``."""
        issues = self.details.get("issues")
        return list(issues) if isinstance(issues, list) else []

    @property
    def required_scope(self) -> Optional[str]:
        """FORBIDDEN: the scope the API key lacks."""
        value = self.details.get("requiredScope")
        return value if isinstance(value, str) else None

    @property
    def reason(self) -> Optional[str]:
        """CONFLICT and others: the machine-readable reason, e.g. ``ALREADY_REDEEMED``."""
        value = self.details.get("reason")
        return value if isinstance(value, str) else None

    @property
    def next_available_at(self) -> Optional[str]:
        """COOLDOWN, DAILY_LIMIT, SCHEDULE_CLOSED: when the action may run again (ISO 8601)."""
        value = self.details.get("nextAvailableAt")
        return value if isinstance(value, str) else None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, status={self.status}, message={self.message!r})"


class ValidationError(CalOSError):
    """400 VALIDATION_FAILED: see ``issues``."""


class AuthenticationError(CalOSError):
    """401 UNAUTHENTICATED (no or a bad credential) or INVALID_CREDENTIALS (a wrong password)."""


class PermissionDeniedError(CalOSError):
    """403 FORBIDDEN: see ``required_scope``."""


class NotFoundError(CalOSError):
    """404 NOT_FOUND."""


class MethodNotAllowedError(CalOSError):
    """405 METHOD_NOT_ALLOWED."""


class ConflictError(CalOSError):
    """409 CONFLICT: see ``reason``."""


class GoneError(CalOSError):
    """410 GONE."""


class PayloadTooLargeError(CalOSError):
    """413 PAYLOAD_TOO_LARGE."""


class UnsupportedMediaTypeError(CalOSError):
    """415 UNSUPPORTED_MEDIA_TYPE."""


class UnprocessableError(CalOSError):
    """422 UNPROCESSABLE, e.g. an Idempotency-Key reused with another body."""


class RateLimitError(CalOSError):
    """429 RATE_LIMITED: refused before it ran; retried automatically up to the client's limits."""


class ActionUnavailableError(CalOSError):
    """429 refusals that are the action's own rules: see ``next_available_at``. Never retried by the SDK."""


class CooldownError(ActionUnavailableError):
    """429 COOLDOWN."""


class DailyLimitError(ActionUnavailableError):
    """429 DAILY_LIMIT."""


class ScheduleClosedError(ActionUnavailableError):
    """429 SCHEDULE_CLOSED."""


class ServerError(CalOSError):
    """5xx INTERNAL or UNAVAILABLE."""


class APIConnectionError(CalOSError):
    """NETWORK_ERROR: the request got no answer (refused, reset, DNS ...)."""


class APITimeoutError(APIConnectionError):
    """TIMEOUT: no answer within the timeout."""


class InvalidResponseError(CalOSError):
    """INVALID_RESPONSE: an answer that is not the JSON the route promises (a proxy's error page, say)."""


_BY_CODE: Dict[str, Type[CalOSError]] = {
    "VALIDATION_FAILED": ValidationError,
    "UNAUTHENTICATED": AuthenticationError,
    "INVALID_CREDENTIALS": AuthenticationError,
    "FORBIDDEN": PermissionDeniedError,
    "NOT_FOUND": NotFoundError,
    "METHOD_NOT_ALLOWED": MethodNotAllowedError,
    "CONFLICT": ConflictError,
    "GONE": GoneError,
    "PAYLOAD_TOO_LARGE": PayloadTooLargeError,
    "UNSUPPORTED_MEDIA_TYPE": UnsupportedMediaTypeError,
    "UNPROCESSABLE": UnprocessableError,
    "RATE_LIMITED": RateLimitError,
    "COOLDOWN": CooldownError,
    "DAILY_LIMIT": DailyLimitError,
    "SCHEDULE_CLOSED": ScheduleClosedError,
    "INTERNAL": ServerError,
    "UNAVAILABLE": ServerError,
    "NETWORK_ERROR": APIConnectionError,
    "TIMEOUT": APITimeoutError,
    "INVALID_RESPONSE": InvalidResponseError,
}


def error_for(code: str, status: int) -> Type[CalOSError]:
    """The class for a code; an unknown code falls back on its status."""
    if code in _BY_CODE:
        return _BY_CODE[code]
    return ServerError if status >= 500 else CalOSError
