package dev.junction.config;

import java.util.Map;
import java.util.Optional;

/**
 * OpenTelemetry traces, off by default. Each value is a default the standard {@code OTEL_*} environment variables
 * (and {@code otel.*} system properties) override.
 *
 * @param enabled        whether requests are traced at all
 * @param exporter       {@code otel.traces.exporter}: {@code otlp}, {@code console}, {@code none}
 * @param endpoint       {@code otel.exporter.otlp.endpoint}, e.g. {@code http://127.0.0.1:4318}
 * @param protocol       {@code otel.exporter.otlp.protocol}: {@code http/protobuf} or {@code grpc}
 * @param serviceName    {@code otel.service.name}
 * @param sampleRatio    the share of traces started here that are kept (a client's sampled flag is followed)
 * @param captureContent whether spans carry the prompt and the answer ({@code gen_ai.input.messages},
 *                       {@code gen_ai.output.messages}); off, since they may be personal data
 * @param properties     any other {@code otel.*} property, as the SDK's autoconfiguration names it
 */
public record TracingConfig(boolean enabled, String exporter, Optional<String> endpoint, String protocol,
                            String serviceName, double sampleRatio, boolean captureContent,
                            Map<String, String> properties) {}
