"""Set up OpenTelemetry tracing: a named service, a span processor and an exporter.

pip install opentelemetry-api opentelemetry-sdk
"""

from opentelemetry import trace
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter, SpanExporter

# Safe at import time: until configure_tracing() runs, this tracer records nothing.
tracer = trace.get_tracer(__name__)


def configure_tracing(
    service_name: str = "my-service", exporter: SpanExporter | None = None
) -> TracerProvider:
    """Call once at startup. Without a span processor and exporter, spans go nowhere.

    ConsoleSpanExporter prints spans; in production pass an OTLPSpanExporter
    (package opentelemetry-exporter-otlp) pointing at your collector.
    """
    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: service_name}))
    provider.add_span_processor(BatchSpanProcessor(exporter or ConsoleSpanExporter()))
    trace.set_tracer_provider(provider)
    return provider


def process_data(items: list[int]) -> int:
    with tracer.start_as_current_span("process_data") as span:
        span.set_attribute("items.count", len(items))
        return sum(items)
