"""The asyncio client: the same resources, awaitable, concurrent, and cancellable."""
import asyncio
import unittest

import calos
from _live import API_KEY, ENDPOINT, new_account, require_live
from test_transport import Stub


class AsyncClientTest(unittest.IsolatedAsyncioTestCase):
    async def test_register_award_and_read_concurrently(self) -> None:
        require_live(self)
        async with calos.AsyncCalOS(endpoint=ENDPOINT) as client:
            account = new_account()
            registered = await client.auth.register(account["username"], account["email"], account["password"])
            user_id = registered["user"]["id"]
            self.assertEqual((await client.auth.session())["user"]["id"], user_id)
        key = calos.AsyncCalOS(api_key=API_KEY, endpoint=ENDPOINT)
        awards = await asyncio.gather(*(key.skills.award_xp(user_id, "development", 10) for _ in range(5)))
        self.assertEqual([a["xpAwarded"] for a in awards], [10] * 5)
        skills = await key.skills.user(user_id)
        self.assertEqual(next(s for s in skills["skills"] if s["code"] == "development")["xp"], 50)
        rows = [row async for row in key.paginate(key.skills.leaderboard, skill="development", limit=1)]
        self.assertIn(user_id, [row["userId"] for row in rows])
        with self.assertRaises(calos.ValidationError):
            await key.skills.award_xp(user_id, "development", 0)

    async def test_cancelling_the_task_stops_the_call(self) -> None:
        stub = Stub([(200, {}, {"items": []})], delay=2.0)
        self.addCleanup(stub.close)
        client = calos.AsyncCalOS(endpoint=stub.endpoint)
        task = asyncio.ensure_future(client.skills.list())
        await asyncio.sleep(0.2)
        task.cancel()
        with self.assertRaises(asyncio.CancelledError):
            await task

    async def test_retries_wait_without_blocking_the_loop(self) -> None:
        stub = Stub([(429, {"retry-after": "1"}, {"error": {"code": "RATE_LIMITED", "message": "slow down", "details": {}}})])
        self.addCleanup(stub.close)
        client = calos.AsyncCalOS(endpoint=stub.endpoint)
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.05)

        beat = asyncio.ensure_future(ticker())
        self.assertEqual(await client.skills.list(), {"ok": True})
        beat.cancel()
        self.assertGreater(ticks, 10)
        self.assertEqual(len(stub.requests), 2)


if __name__ == "__main__":
    unittest.main()
