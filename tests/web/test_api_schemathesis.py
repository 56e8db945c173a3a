"""The API against its own OpenAPI document, by Schemathesis, over the live test server:
every read operation, with generated valid and invalid parameters, answers without a
server error, with a documented status, content type and body (errors as problem details).

Only GET operations run here: the shared server must not be written to, and the writes'
refusals (401 without a session) are covered by the write tests. Each operation is run as
a Hypothesis test of its own, so one report lists every operation that failed. A request
the schema allows may still be refused for what it means (a year outside the plan's
period, a plan that does not exist): that check is left out, every other one runs.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

EXAMPLES = 5
"""Generated cases per operation, mode and database: every parameter varied, while the
whole run stays well under a minute."""
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


def _check(operation, mode: GenerationMode) -> None:
    @SETTINGS
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:
        case.call_and_validate(timeout=30, excluded_checks=[positive_data_acceptance])

    run()


def test_the_api_keeps_to_its_openapi_document(read_server):
    schema = schemathesis.openapi.from_url(f"{read_server.url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.include(method="GET").get_all_operations()]
    assert len(operations) > 20
    failures = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _check(operation, mode)
            except BaseException as failure:  # every operation's failure, reported
                if isinstance(failure, KeyboardInterrupt):
                    raise
                failures.append(f"{operation.label} ({mode.value}):\n{failure}")
    assert not failures, "\n\n".join(failures)
