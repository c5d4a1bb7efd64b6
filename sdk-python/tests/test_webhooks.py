"""Standard Webhooks verification, checked against the specification's published example."""
import json
import unittest

import calos

# The example of the Standard Webhooks specification (and Svix's libraries' tests).
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
MESSAGE_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
TIMESTAMP = 1614265330
PAYLOAD = '{"test": 2432232314}'
SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


class WebhookTest(unittest.TestCase):
    def headers(self, signature: str = SIGNATURE, timestamp: int = TIMESTAMP) -> dict:  # type: ignore[type-arg]
        return {"Webhook-Id": MESSAGE_ID, "Webhook-Timestamp": str(timestamp), "Webhook-Signature": signature}

    def test_the_specifications_example_verifies(self) -> None:
        event = calos.verify_webhook(PAYLOAD, self.headers(), SECRET, now=TIMESTAMP)
        self.assertEqual(event, {"test": 2432232314})
        self.assertEqual(calos.verify_webhook(PAYLOAD.encode(), self.headers("v1,bm90LWl0 " + SIGNATURE), SECRET, now=TIMESTAMP + 299), event)

    def test_sign_matches_the_example(self) -> None:
        self.assertEqual(calos.sign_webhook(PAYLOAD, SECRET, MESSAGE_ID, TIMESTAMP)["webhook-signature"], SIGNATURE)

    def test_tampering_staleness_and_missing_headers_are_refused(self) -> None:
        cases = [
            (PAYLOAD.replace("2432232314", "2432232315"), self.headers(), TIMESTAMP, "No matching signature"),
            (PAYLOAD, self.headers(), TIMESTAMP + 301, "too old"),
            (PAYLOAD, self.headers(), TIMESTAMP - 301, "too new"),
            (PAYLOAD, {"webhook-id": MESSAGE_ID}, TIMESTAMP, "Missing"),
            (PAYLOAD, self.headers("v2," + SIGNATURE[3:]), TIMESTAMP, "No matching signature"),
            (PAYLOAD, self.headers(timestamp=-1), TIMESTAMP, "Invalid webhook-timestamp"),
        ]
        for payload, headers, now, message in cases:
            with self.assertRaises(calos.WebhookVerificationError) as refused:
                calos.verify_webhook(payload, headers, SECRET, now=now)
            self.assertIn(message, str(refused.exception))

    def test_a_calos_shaped_delivery_round_trips(self) -> None:
        body = json.dumps({"type": "xp.awarded", "timestamp": "2026-12-07T00:00:00.000Z", "data": {"xp": 5}})
        headers = calos.sign_webhook(body, SECRET, "evt_1")
        self.assertEqual(calos.verify_webhook(body, headers, SECRET)["type"], "xp.awarded")


if __name__ == "__main__":
    unittest.main()
