"""The synchronous client against a live CalOS: resources, errors as classes, idempotency, pagination."""
import struct
import unittest
import uuid
import zlib

import calos
from _live import ADMIN_TOKEN, API_KEY, ENDPOINT, new_account, require_live


class ClientTest(unittest.TestCase):
    def setUp(self) -> None:
        require_live(self)
        self.admin = calos.CalOS(endpoint=ENDPOINT, token=ADMIN_TOKEN)
        self.key = calos.CalOS(api_key=API_KEY, endpoint=ENDPOINT)

    def new_user(self):  # type: ignore[no-untyped-def]
        client = calos.CalOS(endpoint=ENDPOINT)
        account = new_account()
        registered = client.auth.register(account["username"], account["email"], account["password"])
        return client, account, registered["user"]["id"]

    def test_register_login_session_logout(self) -> None:
        client, account, user_id = self.new_user()
        self.assertTrue(client.token)
        self.assertEqual(client.auth.session()["user"]["id"], user_id)
        other = calos.CalOS(endpoint=ENDPOINT)
        session = other.auth.login(account["username"], account["password"], device={"fingerprint": "python-sdk-device-01"})
        self.assertEqual(other.token, session["token"])
        self.assertEqual(len(other.auth.sessions()["items"]), 2)
        other.auth.logout()
        self.assertIsNone(other.token)
        with self.assertRaises(calos.AuthenticationError) as refused:
            calos.CalOS(endpoint=ENDPOINT, token=session["token"]).auth.session()
        self.assertEqual((refused.exception.status, refused.exception.code), (401, "UNAUTHENTICATED"))

    def test_award_xp_is_applied_once_per_idempotency_key(self) -> None:
        _, _, user_id = self.new_user()
        first = self.key.skills.award_xp(user_id, "development", 100)
        self.assertEqual(first["xpAwarded"], 100)
        options = calos.RequestOptions(idempotency_key=str(uuid.uuid4()))
        self.key.skills.award_xp(user_id, "development", 50, reason="pair", options=options)
        self.key.skills.award_xp(user_id, "development", 50, reason="pair", options=options)
        skills = self.key.skills.user(user_id)
        development = next(s for s in skills["skills"] if s["code"] == "development")
        self.assertEqual(development["xp"], 150)
        with self.assertRaises(calos.UnprocessableError) as reused:
            self.key.skills.award_xp(user_id, "development", 51, reason="pair", options=options)
        self.assertEqual(reused.exception.reason, "IDEMPOTENCY_KEY_REUSED")

    def test_actions_check_execute_and_a_cooldown_as_its_own_class(self) -> None:
        client, _, user_id = self.new_user()
        check = self.key.actions.check(user_id, "vote_domain")
        self.assertTrue(check["available"])
        # vote_domain is the domain portfolio's (system-only: a vote runs it); vote_like has its limits.
        executed = client.actions.execute(None, "vote_like", {})
        self.assertEqual(executed["execution"]["actionCode"], "vote_like")
        with self.assertRaises(calos.CooldownError) as cooldown:
            client.actions.execute(None, "vote_like")
        self.assertIsInstance(cooldown.exception, calos.ActionUnavailableError)
        self.assertEqual(cooldown.exception.status, 429)
        self.assertTrue(cooldown.exception.next_available_at)

    def test_errors_name_the_field_the_scope_and_the_resource(self) -> None:
        _, _, user_id = self.new_user()
        with self.assertRaises(calos.ValidationError) as invalid:
            self.key.skills.award_xp(user_id, "development", -5)
        self.assertTrue(any(issue["path"].endswith("xp") for issue in invalid.exception.issues))
        self.assertTrue(invalid.exception.request_id)
        with self.assertRaises(calos.NotFoundError):
            self.key.skills.get("no-such-skill")
        reader = calos.CalOS(api_key=API_KEY, endpoint=ENDPOINT)
        with self.assertRaises(calos.PermissionDeniedError) as forbidden:
            reader.webhooks.list()
        self.assertEqual(forbidden.exception.required_scope, "webhooks:manage")

    def test_pagination_reads_every_page(self) -> None:
        for _ in range(3):
            self.new_user()
        pages = self.key.skills.leaderboard(skill="total", limit=2)
        self.assertEqual(len(pages["items"]), 2)
        everyone = list(self.key.paginate(self.key.skills.leaderboard, skill="total", limit=2))
        self.assertGreaterEqual(len(everyone), 3)
        self.assertEqual(len({row["userId"] for row in everyone}), len(everyone))
        self.assertEqual([row["rank"] for row in everyone], sorted(row["rank"] for row in everyone))

    def test_an_image_upload_sends_its_bytes_with_their_type(self) -> None:
        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

        # A 2 x 2 red PNG, written with the standard library.
        pixels = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))
        png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b"")
        image_id = "py-" + uuid.uuid4().hex[:10]
        uploaded = self.admin.iiif.upload(image_id, png, "image/png")
        self.assertEqual((uploaded["id"], uploaded["width"], uploaded["height"]), (image_id, 2, 2))
        with self.assertRaises(calos.ConflictError):
            self.admin.iiif.upload(image_id, png, "image/png")

    def test_every_operation_has_a_method(self) -> None:
        for op in calos.OPERATIONS:
            resource = getattr(self.admin, op.resource)
            self.assertTrue(callable(getattr(resource, op.name)), op.operation_id)


if __name__ == "__main__":
    unittest.main()
