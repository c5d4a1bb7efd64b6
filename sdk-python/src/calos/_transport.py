"""The one place the SDK talks HTTP (urllib, so nothing to install): builds the URL, sends the
credential, turns error bodies into CalOSError subclasses, and retries what is safe to retry. A call
that may be retried gets one Idempotency-Key, reused on every attempt, so the server applies it once.

Retried: 429 RATE_LIMITED (after Retry-After, at most ``max_retry_after_seconds``), 409
IDEMPOTENCY_KEY_IN_USE, and, where repeating cannot apply a change twice (GET, PUT, or a write with
an Idempotency-Key), network failures and 502/503/504. Never: COOLDOWN, DAILY_LIMIT, SCHEDULE_CLOSED.
"""
import asyncio
import email.utils
import json
import random
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from ._errors import CalOSError, error_for

__all__ = ["Transport", "AsyncTransport", "RequestOptions", "UNSET", "parse_retry_after"]

VERSION = "1.0.0"


class _Unset:
    """A parameter the caller did not pass (``None`` may be a value: JSON null)."""

    _instance: Optional["_Unset"] = None

    def __new__(cls) -> "_Unset":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


#: Typed as Any so that ``param: str = UNSET`` type-checks; compare with ``is UNSET``.
UNSET: Any = _Unset()


@dataclass(frozen=True)
class RequestOptions:
    """Per-call options, the ``options=`` argument of every method."""

    #: For writes that accept one: your own Idempotency-Key (default: a new UUID per call).
    idempotency_key: Optional[str] = None
    #: Seconds per attempt (default: the client's).
    timeout: Optional[float] = None
    #: Extra headers for this call.
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass
class _Prepared:
    method: str
    url: str
    headers: Dict[str, str]
    data: Optional[bytes]
    safe_to_repeat: bool
    timeout: float


@dataclass
class _Answer:
    status: int
    headers: Mapping[str, str]
    body: bytes


_RETRYABLE_STATUS = {502, 503, 504}


def parse_retry_after(value: Optional[str]) -> Optional[float]:
    """Retry-After is delay-seconds or an HTTP date (RFC 9110 section 10.2.3)."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        at = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, float(at.timestamp()) - time.time())


def _backoff(attempt: int) -> float:
    """0.5 s, 1 s, 2 s ... capped at 8 s, with jitter so many clients do not retry in step."""
    return float(min(8.0, 0.5 * 2.0**attempt)) * (0.5 + random.random() / 2)


def _query_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class _Core:
    def __init__(
        self,
        *,
        api_key: Optional[str],
        token: Optional[str],
        endpoint: str,
        max_retries: int,
        max_retry_after_seconds: float,
        timeout: float,
        headers: Optional[Mapping[str, str]],
    ) -> None:
        self.api_key = api_key
        self.token = token
        base = endpoint.rstrip("/")
        self.endpoint = base[: -len("/api")] if base.endswith("/api") else base
        self.max_retries = max_retries
        self.max_retry_after_seconds = max_retry_after_seconds
        self.timeout = timeout
        self.headers = dict(headers or {})

    def url(self, route: str, path: Optional[Mapping[str, Any]], query: Optional[Mapping[str, Any]]) -> str:
        def fill(name: str) -> str:
            value = (path or {}).get(name, UNSET)
            if value is UNSET or value is None or value == "":
                raise TypeError(f"{route}: missing path parameter {name}")
            return urllib.parse.quote(str(value), safe="")

        filled = route
        for name in [part[1:-1] for part in route.split("/") if part.startswith("{") and part.endswith("}")]:
            filled = filled.replace("{" + name + "}", fill(name))
        pairs: List[Tuple[str, str]] = []
        for key, value in (query or {}).items():
            if value is UNSET or value is None:
                continue
            if isinstance(value, (list, tuple)):
                pairs.extend((key, _query_value(v)) for v in value)
            else:
                pairs.append((key, _query_value(value)))
        qs = urllib.parse.urlencode(pairs)
        return f"{self.endpoint}/api{filled}{'?' + qs if qs else ''}"

    def prepare(
        self,
        method: str,
        route: str,
        *,
        path: Optional[Mapping[str, Any]],
        query: Optional[Mapping[str, Any]],
        body: Any,
        nullable: Iterable[str],
        idempotent: bool,
        options: Optional[RequestOptions],
        raw: Optional[Tuple[bytes, str]] = None,
    ) -> _Prepared:
        headers = {"accept": "application/json", "user-agent": f"calos-python/{VERSION}", **self.headers}
        if options is not None:
            headers.update(options.headers)
        credential = self.api_key or self.token
        if credential:
            headers["authorization"] = f"Bearer {credential}"
        data: Optional[bytes] = None
        if raw is not None:
            # Bytes as they are (an image upload), with their media type.
            data, headers["content-type"] = bytes(raw[0]), raw[1]
        elif body is not UNSET and body is not None:
            if isinstance(body, Mapping):
                keep = set(nullable)
                body = {k: v for k, v in body.items() if v is not UNSET and (v is not None or k in keep)}
            headers["content-type"] = "application/json"
            data = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        if idempotent:
            # One key per logical call, made before the first attempt and reused on every retry.
            headers["idempotency-key"] = (options and options.idempotency_key) or str(uuid.uuid4())
        timeout = options.timeout if options is not None and options.timeout is not None else self.timeout
        safe = method in ("GET", "PUT") or idempotent
        return _Prepared(method, self.url(route, path, query), headers, data, safe, timeout)

    def send(self, prepared: _Prepared) -> _Answer:
        """One attempt, blocking. Raises APIConnectionError / APITimeoutError when no answer comes back."""
        request = urllib.request.Request(prepared.url, data=prepared.data, headers=prepared.headers, method=prepared.method)
        try:
            with urllib.request.urlopen(request, timeout=prepared.timeout) as response:
                return _Answer(response.status, dict(response.headers.items()), response.read())
        except urllib.error.HTTPError as error:
            with error:
                return _Answer(error.code, dict(error.headers.items()), error.read())
        except (socket.timeout, TimeoutError) as error:
            raise self._no_answer("TIMEOUT", prepared, "no answer in time") from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, (socket.timeout, TimeoutError)):
                raise self._no_answer("TIMEOUT", prepared, "no answer in time") from error
            raise self._no_answer("NETWORK_ERROR", prepared, f"request failed ({error.reason})") from error
        except (ConnectionError, OSError) as error:
            raise self._no_answer("NETWORK_ERROR", prepared, f"request failed ({error})") from error

    @staticmethod
    def _no_answer(code: str, prepared: _Prepared, what: str) -> CalOSError:
        return error_for(code, 0)(f"{prepared.method} {prepared.url}: {what}", code=code, status=0)

    def outcome(self, prepared: _Prepared, answer: _Answer) -> Tuple[Any, Optional[CalOSError]]:
        """The answer's value, or the error it carries."""
        headers = {k.lower(): v for k, v in answer.headers.items()}
        if 200 <= answer.status < 300:
            if answer.status == 204 or not answer.body:
                return None, None
            try:
                return json.loads(answer.body.decode("utf-8")), None
            except ValueError:
                return None, error_for("INVALID_RESPONSE", answer.status)(
                    f"Expected JSON, got {headers.get('content-type', 'no content type')}",
                    code="INVALID_RESPONSE",
                    status=answer.status,
                    request_id=headers.get("x-request-id"),
                )
        parsed: Any = None
        try:
            parsed = json.loads(answer.body.decode("utf-8")) if answer.body else None
        except ValueError:
            parsed = None  # a proxy's HTML error page, say
        error: Dict[str, Any] = parsed["error"] if isinstance(parsed, dict) and isinstance(parsed.get("error"), dict) else {}
        details: Dict[str, Any] = error["details"] if isinstance(error.get("details"), dict) else {}
        raw_code = error.get("code")
        code = raw_code if isinstance(raw_code, str) else ("INTERNAL" if answer.status >= 500 else "INVALID_RESPONSE")
        retry_after = parse_retry_after(headers.get("retry-after"))
        if retry_after is None and isinstance(details.get("retryAfterSeconds"), (int, float)):
            retry_after = float(details["retryAfterSeconds"])
        text = answer.body[:200].decode("utf-8", "replace")
        raw_message = error.get("message")
        message = raw_message if isinstance(raw_message, str) else f"HTTP {answer.status}{': ' + text if text else ''}"
        request_id = error.get("requestId")
        return None, error_for(code, answer.status)(
            message,
            code=code,
            status=answer.status,
            details=details,
            request_id=request_id if isinstance(request_id, str) else headers.get("x-request-id"),
            retry_after_seconds=retry_after,
        )

    def retry_delay(self, error: CalOSError, attempt: int, safe_to_repeat: bool) -> Optional[float]:
        """Seconds to wait before retrying this failure, or None when it must not be retried."""
        if attempt >= self.max_retries:
            return None
        if error.status == 0:
            return _backoff(attempt) if safe_to_repeat else None
        # RATE_LIMITED means the request was refused before it ran, so any call may repeat it. COOLDOWN,
        # DAILY_LIMIT and SCHEDULE_CLOSED are the action's own rules: waiting them out is the caller's call.
        if error.status == 429 and error.code == "RATE_LIMITED":
            seconds = error.retry_after_seconds if error.retry_after_seconds is not None else 1.0
            return seconds if seconds <= self.max_retry_after_seconds else None
        # The same key's first request is still running (e.g. after a timeout): ask again shortly.
        if error.status == 409 and error.reason == "IDEMPOTENCY_KEY_IN_USE":
            return _backoff(attempt)
        if error.status in _RETRYABLE_STATUS and safe_to_repeat:
            return _backoff(attempt)
        return None

    def settle_token(self, token: Optional[str], result: Any) -> None:
        """A client without an API key acts as the user who signs in through it."""
        if self.api_key:
            return
        if token == "adopt" and isinstance(result, dict) and isinstance(result.get("token"), str):
            self.token = result["token"]
        elif token == "forget":
            self.token = None


class Transport(_Core):
    """Synchronous: each attempt blocks the calling thread."""

    def request(
        self,
        method: str,
        route: str,
        *,
        path: Optional[Mapping[str, Any]] = None,
        query: Optional[Mapping[str, Any]] = None,
        body: Any = UNSET,
        nullable: Iterable[str] = (),
        idempotent: bool = False,
        token: Optional[str] = None,
        options: Optional[RequestOptions] = None,
        raw: Optional[Tuple[bytes, str]] = None,
    ) -> Any:
        prepared = self.prepare(method, route, path=path, query=query, body=body, nullable=nullable, idempotent=idempotent, options=options, raw=raw)
        attempt = 0
        while True:
            try:
                result, error = self.outcome(prepared, self.send(prepared))
            except CalOSError as failure:
                result, error = None, failure
            if error is None:
                self.settle_token(token, result)
                return result
            wait = self.retry_delay(error, attempt, prepared.safe_to_repeat)
            if wait is None:
                raise error
            time.sleep(wait)
            attempt += 1


class AsyncTransport(_Core):
    """For asyncio: each attempt runs in a worker thread (urllib blocks), waits use asyncio.sleep, and
    cancelling the awaiting task stops the call (an attempt already sent finishes in its thread, unread)."""

    async def request(
        self,
        method: str,
        route: str,
        *,
        path: Optional[Mapping[str, Any]] = None,
        query: Optional[Mapping[str, Any]] = None,
        body: Any = UNSET,
        nullable: Iterable[str] = (),
        idempotent: bool = False,
        token: Optional[str] = None,
        options: Optional[RequestOptions] = None,
        raw: Optional[Tuple[bytes, str]] = None,
    ) -> Any:
        prepared = self.prepare(method, route, path=path, query=query, body=body, nullable=nullable, idempotent=idempotent, options=options, raw=raw)
        attempt = 0
        while True:
            try:
                answer = await asyncio.get_running_loop().run_in_executor(None, self.send, prepared)
                result, error = self.outcome(prepared, answer)
            except CalOSError as failure:
                result, error = None, failure
            if error is None:
                self.settle_token(token, result)
                return result
            wait = self.retry_delay(error, attempt, prepared.safe_to_repeat)
            if wait is None:
                raise error
            await asyncio.sleep(wait)
            attempt += 1
