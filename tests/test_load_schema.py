"""schemathesis against the API's own OpenAPI schema, in process: whatever parameters it makes up
from the schema, no endpoint answers with a server error (5xx).

Bounded by ``BACKCHANNEL_SCHEMA_EXAMPLES`` examples per operation (default 15); the store is a
small generated one (``benchmarks/load.py``'s generator) with clusters, so every endpoint has
records to return.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.schemas import APIOperation, BaseSchema

from backchannel.web import create_app
from test_load_api import load_module

EXAMPLES = int(os.environ.get("BACKCHANNEL_SCHEMA_EXAMPLES") or 15)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "schema.db"
    load_module().populate(path, 500)
    return path


@pytest.fixture
def api_schema(db: Path) -> Iterator[BaseSchema]:
    # One app per test: schemathesis's pytest plugin ends every ASGI lifespan it started when a
    # test ends, and the app's lifespan closes its store on the way out.
    app = create_app(db, allowed_hosts=["testserver"])  # the in-process client's Host
    yield schemathesis.openapi.from_asgi("/api/openapi.json", app)
    app.state.store.close()


def operations(schema: BaseSchema) -> list[APIOperation]:
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.timeout(900)
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_load_schema_no_server_errors(api_schema: BaseSchema, mode: GenerationMode) -> None:
    # schemathesis's own pytest plugin does not run under pytest 9, so each operation's strategy
    # is driven by hypothesis here; NEGATIVE makes parameters the schema does not allow.
    found = operations(api_schema)
    assert {op.path for op in found} >= {"/api/events", "/api/clusters", "/api/search", "/api/weekly"}
    for operation in found:

        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def call(case: Case) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        try:
            call()
        except Unsatisfiable:
            assert mode is GenerationMode.NEGATIVE  # no parameters: nothing invalid to make up
