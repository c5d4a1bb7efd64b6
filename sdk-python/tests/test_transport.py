"""Retries, idempotency keys and timeouts, against a local stub server that answers what each test scripts."""
import json
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Tuple

import calos

Scripted = Tuple[int, Dict[str, str], Any]


class Stub:
    """Answers each request with the next scripted (status, headers, body), and records what came in."""

    def __init__(self, answers: List[Scripted], delay: float = 0.0) -> None:
        self.answers = list(answers)
        self.requests: List[Dict[str, Any]] = []
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def handle_any(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                stub.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers.items()), "body": body})
                if delay:
                    time.sleep(delay)
                status, headers, payload = stub.answers.pop(0) if stub.answers else (200, {}, {"ok": True})
                data = json.dumps(payload).encode() if payload is not None else b""
                self.send_response(status)
                for name, value in {"content-type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def error(code: str, **details: Any) -> Dict[str, Any]:
    return {"error": {"code": code, "message": code.lower(), "details": details, "requestId": "req-1"}}


class TransportTest(unittest.TestCase):
    def stub(self, answers: List[Scripted], delay: float = 0.0) -> Stub:
        stub = Stub(answers, delay)
        self.addCleanup(stub.close)
        return stub

    def test_rate_limited_is_retried_after_retry_after_with_one_idempotency_key(self) -> None:
        stub = self.stub([(429, {"retry-after": "0"}, error("RATE_LIMITED")), (503, {}, error("UNAVAILABLE")), (200, {}, {"xpAwarded": 5})])
        client = calos.CalOS(api_key="calos_sk_test", endpoint=stub.endpoint)
        result = client.skills.award_xp("00000000-0000-4000-8000-000000000001", "development", 5)
        self.assertEqual(result["xpAwarded"], 5)
        self.assertEqual(len(stub.requests), 3)
        keys = {r["headers"].get("idempotency-key") or r["headers"].get("Idempotency-Key") for r in stub.requests}
        self.assertEqual(len(keys), 1)
        self.assertTrue(next(iter(keys)))
        self.assertEqual(stub.requests[0]["path"], "/api/skills/award-xp")
        self.assertEqual(json.loads(stub.requests[0]["body"]), {"userId": "00000000-0000-4000-8000-000000000001", "skill": "development", "xp": 5})
        self.assertEqual(stub.requests[0]["headers"]["Authorization"], "Bearer calos_sk_test")

    def test_at_most_three_retries(self) -> None:
        stub = self.stub([(429, {"retry-after": "0"}, error("RATE_LIMITED"))] * 5)
        with self.assertRaises(calos.RateLimitError):
            calos.CalOS(endpoint=stub.endpoint).skills.list()
        self.assertEqual(len(stub.requests), 4)

    def test_a_long_retry_after_is_reported_not_waited(self) -> None:
        stub = self.stub([(429, {"retry-after": "120"}, error("RATE_LIMITED", retryAfterSeconds=120))])
        started = time.monotonic()
        with self.assertRaises(calos.RateLimitError) as limited:
            calos.CalOS(endpoint=stub.endpoint).skills.list()
        self.assertLess(time.monotonic() - started, 5)
        self.assertEqual(limited.exception.retry_after_seconds, 120)
        self.assertEqual(len(stub.requests), 1)

    def test_cooldowns_and_daily_limits_are_never_retried(self) -> None:
        for code, cls in (("COOLDOWN", calos.CooldownError), ("DAILY_LIMIT", calos.DailyLimitError), ("SCHEDULE_CLOSED", calos.ScheduleClosedError)):
            stub = self.stub([(429, {"retry-after": "0"}, error(code, nextAvailableAt="2026-12-07T10:00:00.000Z"))])
            with self.assertRaises(cls) as refused:
                calos.CalOS(endpoint=stub.endpoint).actions.execute(None, "vote_domain")
            self.assertEqual(refused.exception.next_available_at, "2026-12-07T10:00:00.000Z")
            self.assertEqual(len(stub.requests), 1)

    def test_a_write_without_an_idempotency_key_is_not_repeated_after_a_502(self) -> None:
        # Sign-up takes no Idempotency-Key (it is public): the first attempt may have made the account.
        stub = self.stub([(502, {}, None), (201, {}, {"token": "t"})])
        with self.assertRaises(calos.ServerError):
            calos.CalOS(endpoint=stub.endpoint).auth.register("ada", "ada@example.com", "correct horse battery")
        self.assertEqual(len(stub.requests), 1)
        self.assertNotIn("Idempotency-Key", stub.requests[0]["headers"])

    def test_a_write_with_an_idempotency_key_is_repeated_after_a_502_with_the_same_key(self) -> None:
        stub = self.stub([(502, {}, None), (201, {}, {"endpoint": {"id": "w"}, "secret": "whsec_x"})])
        calos.CalOS(api_key="calos_sk_x", endpoint=stub.endpoint).webhooks.register("https://example.com/hook", ["xp.awarded"])
        self.assertEqual(len(stub.requests), 2)
        self.assertEqual(stub.requests[0]["headers"]["Idempotency-Key"], stub.requests[1]["headers"]["Idempotency-Key"])

    def test_a_read_is_repeated_after_a_504(self) -> None:
        stub = self.stub([(504, {}, None), (200, {}, {"items": []})])
        self.assertEqual(calos.CalOS(endpoint=stub.endpoint).skills.list(), {"items": []})
        self.assertEqual(len(stub.requests), 2)

    def test_timeouts_raise_their_own_class(self) -> None:
        stub = self.stub([(200, {}, {"items": []})] * 5, delay=1.0)
        client = calos.CalOS(endpoint=stub.endpoint, timeout=0.2, max_retries=0)
        with self.assertRaises(calos.APITimeoutError) as timed_out:
            client.skills.list()
        self.assertEqual((timed_out.exception.code, timed_out.exception.status), ("TIMEOUT", 0))

    def test_no_server_is_a_connection_error(self) -> None:
        with self.assertRaises(calos.APIConnectionError) as refused:
            calos.CalOS(endpoint="http://127.0.0.1:9", max_retries=0).skills.list()
        self.assertEqual(refused.exception.code, "NETWORK_ERROR")

    def test_query_path_and_unset_parameters(self) -> None:
        stub = self.stub([(200, {}, {"items": [], "nextCursor": None})])
        calos.CalOS(endpoint=stub.endpoint + "/api/").actions.history(user_id="u/1", limit=5)
        self.assertEqual(stub.requests[0]["path"], "/api/actions/history?userId=u%2F1&limit=5")

    def test_an_html_error_page_is_still_a_calos_error(self) -> None:
        stub = self.stub([(400, {"content-type": "text/html"}, "<html>bad gateway</html>")])
        with self.assertRaises(calos.CalOSError) as failed:
            calos.CalOS(endpoint=stub.endpoint).skills.list()
        self.assertEqual(failed.exception.status, 400)

    def test_retry_after_as_an_http_date(self) -> None:
        self.assertEqual(calos.parse_retry_after("5"), 5)
        self.assertEqual(calos.parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), 0)
        self.assertIsNone(calos.parse_retry_after("soon"))


if __name__ == "__main__":
    unittest.main()
