"""The CalOS clients: one object per credential (an application's API key, or a user's session
token), with one attribute per part of the REST API (``client.skills``, ``client.actions`` ...)."""
from typing import Any, AsyncIterator, Awaitable, Callable, Dict, Iterator, Mapping, Optional

from ._async_resources import AsyncResources
from ._resources import Resources
from ._transport import AsyncTransport, RequestOptions, Transport
from ._types import SystemPingResult

__all__ = ["CalOS", "AsyncCalOS", "DEFAULT_ENDPOINT"]

DEFAULT_ENDPOINT = "http://localhost:5001"


class CalOS(Resources):
    """The synchronous client.

    ``client = calos.CalOS(api_key="calos_sk_...", endpoint="https://calos.example.com")``, then
    ``client.skills.award_xp(user_id, "development", 100)``. Without an API key the client acts as the
    user who signs in through it: ``client.auth.login(...)`` keeps the session token for the next calls.
    """

    def __init__(
        self,
        api_key: Optional[str] = None,
        endpoint: str = DEFAULT_ENDPOINT,
        *,
        token: Optional[str] = None,
        max_retries: int = 3,
        max_retry_after_seconds: float = 60,
        timeout: float = 30,
        headers: Optional[Mapping[str, str]] = None,
    ) -> None:
        self._settings: Dict[str, Any] = dict(
            endpoint=endpoint, max_retries=max_retries, max_retry_after_seconds=max_retry_after_seconds, timeout=timeout, headers=headers
        )
        self.http = Transport(api_key=api_key, token=token, **self._settings)
        super().__init__(self.http)

    @property
    def token(self) -> Optional[str]:
        """The session token this client sends, if it acts as a user."""
        return self.http.token

    def with_token(self, token: str) -> "CalOS":
        """A client with the same settings acting as the user with this session token."""
        return CalOS(token=token, **self._settings)

    def ping(self, options: Optional[RequestOptions] = None) -> SystemPingResult:
        """Liveness of the REST door (``client.system.ping()``)."""
        return self.system.ping(options=options)

    def paginate(self, method: Callable[..., Mapping[str, Any]], *args: Any, **kwargs: Any) -> Iterator[Any]:
        """Every item of a list operation, page after page:
        ``for row in client.paginate(client.skills.leaderboard, skill="total"): ...``"""
        cursor: Optional[str] = kwargs.pop("cursor", None)
        while True:
            page = method(*args, **kwargs, **({"cursor": cursor} if cursor else {}))
            yield from page["items"]
            cursor = page.get("nextCursor")
            if not cursor:
                return


class AsyncCalOS(AsyncResources):
    """The asyncio client: the same resources and methods as CalOS, awaitable.

    ``async with calos.AsyncCalOS(api_key=...) as client: await client.skills.list()``
    """

    def __init__(
        self,
        api_key: Optional[str] = None,
        endpoint: str = DEFAULT_ENDPOINT,
        *,
        token: Optional[str] = None,
        max_retries: int = 3,
        max_retry_after_seconds: float = 60,
        timeout: float = 30,
        headers: Optional[Mapping[str, str]] = None,
    ) -> None:
        self._settings: Dict[str, Any] = dict(
            endpoint=endpoint, max_retries=max_retries, max_retry_after_seconds=max_retry_after_seconds, timeout=timeout, headers=headers
        )
        self.http = AsyncTransport(api_key=api_key, token=token, **self._settings)
        super().__init__(self.http)

    async def __aenter__(self) -> "AsyncCalOS":
        return self

    async def __aexit__(self, *exc: Any) -> None:
        return None

    @property
    def token(self) -> Optional[str]:
        return self.http.token

    def with_token(self, token: str) -> "AsyncCalOS":
        return AsyncCalOS(token=token, **self._settings)

    async def ping(self, options: Optional[RequestOptions] = None) -> SystemPingResult:
        """Liveness of the REST door (``await client.system.ping()``)."""
        return await self.system.ping(options=options)

    async def paginate(self, method: Callable[..., Awaitable[Mapping[str, Any]]], *args: Any, **kwargs: Any) -> AsyncIterator[Any]:
        """``async for row in client.paginate(client.skills.leaderboard, skill="total"): ...``"""
        cursor: Optional[str] = kwargs.pop("cursor", None)
        while True:
            page = await method(*args, **kwargs, **({"cursor": cursor} if cursor else {}))
            for item in page["items"]:
                yield item
            cursor = page.get("nextCursor")
            if not cursor:
                return
