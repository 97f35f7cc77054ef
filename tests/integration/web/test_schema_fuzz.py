"""A bounded schemathesis run over the OpenAPI schema: no generated request may make the
server fail (5xx), whatever the parameters and bodies."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from tests.integration.web.harness import Harness

EXAMPLES = int(os.environ.get("QARINA_FUZZ_EXAMPLES", "12"))
SKIPPED = {
    ("POST", "/api/logout"),  # would revoke the token the run uses
    ("POST", "/api/token"),  # throttling would lock the address; covered by test_api
}
SLOW = {("POST", "/api/verify"), ("POST", "/api/items"), ("POST", "/api/judgements")}


@pytest.mark.slow
def test_no_generated_request_makes_the_server_fail(web: Harness) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", web.client.app)
    headers = web.bearer("admin")
    tried = []
    for result in schema.get_all_operations():
        operation = result.ok()
        key = (operation.method.upper(), operation.path)
        if key in SKIPPED:
            continue
        tried.append(key)
        examples = 3 if key in SLOW else EXAMPLES

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        run()
    assert len(tried) >= 15
