"""What the test run hands the Python tests: a live CalOS (started by sdk-python/test/python-sdk.int.test.ts
on this run's database), an administrator's session token and an API key, through the environment."""
import os
import unittest
import uuid
from typing import Dict

ENDPOINT = os.environ.get("CALOS_TEST_ENDPOINT", "")
ADMIN_TOKEN = os.environ.get("CALOS_TEST_ADMIN_TOKEN", "")
API_KEY = os.environ.get("CALOS_TEST_API_KEY", "")


def require_live(case: unittest.TestCase) -> None:
    if not ENDPOINT:
        raise unittest.SkipTest("needs a live CalOS: run through `npx vitest run sdk-python` (it starts one)")


def new_account() -> Dict[str, str]:
    tag = uuid.uuid4().hex[:12]
    return {"username": f"py_{tag}", "email": f"py_{tag}@example.com", "password": f"Py-{tag}-correct-horse"}
