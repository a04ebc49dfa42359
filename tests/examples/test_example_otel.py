"""data/examples/otel_tracing.py: export spans to an in-memory exporter."""

import importlib.util
from collections.abc import Iterator

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter


@pytest.fixture(scope="module")
def traced(example_path) -> Iterator[tuple[object, TracerProvider, InMemorySpanExporter]]:
    # The global tracer provider can be set once per process, so this module sets it once.
    path = example_path("otel_tracing.py")
    spec = importlib.util.spec_from_file_location("guide_example_otel", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    exporter = InMemorySpanExporter()
    provider = module.configure_tracing("guide-test-service", exporter=exporter)
    yield module, provider, exporter
    provider.shutdown()


def test_provider_is_installed_globally(traced):
    _, provider, _ = traced
    assert trace.get_tracer_provider() is provider
    assert provider.resource.attributes["service.name"] == "guide-test-service"


def test_span_is_exported_with_its_name_and_attributes(traced):
    module, provider, exporter = traced
    exporter.clear()

    assert module.process_data([1, 2, 3]) == 6
    assert provider.force_flush()

    spans = exporter.get_finished_spans()
    assert [span.name for span in spans] == ["process_data"]
    assert spans[0].attributes["items.count"] == 3
    assert spans[0].resource.attributes["service.name"] == "guide-test-service"
    assert spans[0].instrumentation_scope.name == "guide_example_otel"
