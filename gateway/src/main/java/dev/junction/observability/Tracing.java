package dev.junction.observability;

import dev.junction.config.TracingConfig;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The OpenTelemetry SDK, when tracing is on: built by the SDK's own autoconfiguration, so the standard
 * {@code OTEL_*} environment variables and {@code otel.*} system properties configure it as they configure any
 * service; the {@code tracing} section of the configuration file only supplies their defaults. Only traces are
 * exported (metrics are Prometheus', logs are stderr's).
 */
public final class Tracing implements AutoCloseable {
    private final OpenTelemetrySdk sdk;

    private Tracing(OpenTelemetrySdk sdk) {
        this.sdk = sdk;
    }

    public static Tracing start(TracingConfig config) {
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults(config))
                .disableShutdownHook() // the gateway's clean stop flushes the spans (close)
                .build()
                .getOpenTelemetrySdk();
        return new Tracing(sdk);
    }

    /** The file's settings as {@code otel.*} properties: what the environment does not set. */
    static Map<String, String> defaults(TracingConfig config) {
        Map<String, String> p = new HashMap<>();
        p.put("otel.service.name", config.serviceName());
        p.put("otel.traces.exporter", config.exporter());
        p.put("otel.metrics.exporter", "none");
        p.put("otel.logs.exporter", "none");
        p.put("otel.propagators", "tracecontext");
        p.put("otel.exporter.otlp.protocol", config.protocol());
        config.endpoint().ifPresent(e -> p.put("otel.exporter.otlp.endpoint", e));
        p.put("otel.traces.sampler", "parentbased_traceidratio");
        p.put("otel.traces.sampler.arg", Double.toString(config.sampleRatio()));
        p.putAll(config.properties());
        return p;
    }

    Tracer tracer() {
        return sdk.getTracer("dev.junction.gateway");
    }

    @Override
    public void close() {
        sdk.shutdown().join(10, TimeUnit.SECONDS);
    }
}
