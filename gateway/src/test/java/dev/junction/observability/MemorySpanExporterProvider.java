package dev.junction.observability;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The SDK's in-memory exporter as an exporter the autoconfiguration can name ({@code otel.traces.exporter:
 * junction-test-memory}), so a test's gateway builds its tracing exactly as a real one does and the test reads
 * what would have been exported.
 */
public final class MemorySpanExporterProvider implements ConfigurableSpanExporterProvider {
    public static final String NAME = "junction-test-memory";
    /** Every span exported by any gateway of the test JVM configured with this exporter. */
    public static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    @Override
    public SpanExporter createExporter(ConfigProperties config) {
        return new SpanExporter() { // the shared exporter outlives each gateway: shutting one down must not stop it
            @Override
            public io.opentelemetry.sdk.common.CompletableResultCode export(java.util.Collection<io.opentelemetry.sdk.trace.data.SpanData> spans) {
                return SPANS.export(spans);
            }

            @Override
            public io.opentelemetry.sdk.common.CompletableResultCode flush() {
                return SPANS.flush();
            }

            @Override
            public io.opentelemetry.sdk.common.CompletableResultCode shutdown() {
                return io.opentelemetry.sdk.common.CompletableResultCode.ofSuccess();
            }
        };
    }

    @Override
    public String getName() {
        return NAME;
    }
}
