package dev.junction.bench.jmh;

import dev.junction.config.ConfigLoader;
import dev.junction.generation.GenerationSummary;
import dev.junction.money.Money;
import dev.junction.observability.AccessRecord;
import dev.junction.observability.RequestMetrics;
import dev.junction.observability.Telemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What observability adds to one request on its event loop. {@code requestMetrics}: a generation request's
 * {@code AccessRecord} counted (requests counter, duration and overhead histograms), as {@code RequestTracker} hands
 * it over at the end of every request. {@code traceSpans}: the span work of a traced generation with one fallback —
 * a request span continuing a client's context, two attempt spans with their attributes, each attempt's
 * {@code traceparent} injected, all ended into the SDK's batch processor (its exporter discards).
 */
@State(Scope.Benchmark)
public class TelemetryBench {
    private static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
    private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    private static final AttributeKey<Long> INPUT = AttributeKey.longKey("gen_ai.usage.input_tokens");
    private static final AttributeKey<Long> OUTPUT = AttributeKey.longKey("gen_ai.usage.output_tokens");
    private static final AttributeKey<Double> COST = AttributeKey.doubleKey("junction.cost_usd");

    private RequestMetrics metrics;
    private AccessRecord record;
    private Tracer tracer;
    private Context client;

    @Setup
    public void setUp() {
        Telemetry telemetry = Telemetry.start(new ConfigLoader(Map.of()).parse("catalog: {bundled: false}", "bench"));
        metrics = telemetry.requests();
        record = new AccessRecord("POST", "/api/v1/chat/completions", "/api/v1/chat/completions", 200, 812_000,
                Optional.of(new GenerationSummary("gen-1700000000-abcdefghijklmnop", "bench/fast", Optional.of("Mock"), 19,
                        21, Money.ofUsd("0.0000153"), GenerationSummary.Outcome.SERVED, "bench", false, 700_000, 650_000,
                        Optional.empty())));
        SpanExporter discard = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        tracer = SdkTracerProvider.builder().addSpanProcessor(BatchSpanProcessor.builder(discard).build()).build()
                .get("bench");
        Map<String, String> headers = Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        client = W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, new io.opentelemetry.context
                .propagation.TextMapGetter<Map<String, String>>() {
            @Override
            public Iterable<String> keys(Map<String, String> carrier) {
                return carrier.keySet();
            }

            @Override
            public String get(Map<String, String> carrier, String key) {
                return carrier == null ? null : carrier.get(key);
            }
        });
    }

    @Benchmark
    public Object requestMetrics() {
        metrics.record(record);
        return record;
    }

    @Benchmark
    public Object traceSpans() {
        Span request = tracer.spanBuilder("chat bench/fast").setSpanKind(SpanKind.SERVER).setParent(client)
                .setAttribute(MODEL, "bench/fast").startSpan();
        Map<String, String> headers = null;
        for (int i = 0; i < 2; i++) {
            Span attempt = tracer.spanBuilder("chat gpt-bench").setSpanKind(SpanKind.CLIENT)
                    .setParent(Context.root().with(request)).setAttribute(MODEL, "gpt-bench").setAttribute(PROVIDER, "mock")
                    .startSpan();
            headers = new HashMap<>(4);
            W3CTraceContextPropagator.getInstance().inject(Context.root().with(attempt), headers, Map::put);
            attempt.setAttribute(INPUT, 19L).setAttribute(OUTPUT, 21L).end();
        }
        request.setAttribute(INPUT, 19L).setAttribute(OUTPUT, 21L).setAttribute(COST, 0.0000153).end();
        return headers;
    }
}
