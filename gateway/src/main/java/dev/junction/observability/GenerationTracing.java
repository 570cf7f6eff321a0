package dev.junction.observability;

import dev.junction.generation.Generation;
import dev.junction.generation.GenerationListener;
import dev.junction.generation.GenerationSummary;
import dev.junction.generation.Origin;
import dev.junction.providers.UpstreamFailure;
import dev.junction.routing.Attempt;
import dev.junction.routing.AttemptFailure;
import dev.junction.wire.ApiKind;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.common.Clock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Traces each generation, following the OpenTelemetry GenAI semantic conventions: one span for the request — a child
 * of the client's {@code traceparent} when it sent one — and a child span per attempt, whose W3C trace context goes
 * to the upstream with the call. The request span carries what the client got (model, provider, tokens) and
 * Junction's own cost and generation id; a failed attempt's span, why it failed. With {@code tracing.capture-content}
 * the prompt and the answer go on the request span too.
 */
final class GenerationTracing implements GenerationListener {
    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Long> MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> GENERATION_ID = AttributeKey.stringKey("junction.generation.id");
    static final AttributeKey<Double> COST = AttributeKey.doubleKey("junction.cost_usd");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("junction.outcome");
    static final AttributeKey<String> PROVIDER_DISPLAY = AttributeKey.stringKey("junction.provider");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("junction.attempt");
    static final AttributeKey<Boolean> STREAM = AttributeKey.booleanKey("junction.stream");

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Origin> FROM_CLIENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Origin origin) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(Origin origin, String key) {
            if (origin == null) {
                return null;
            }
            return switch (key) {
                case "traceparent" -> origin.traceparent().orElse(null);
                case "tracestate" -> origin.tracestate().orElse(null);
                default -> null;
            };
        }
    };

    private final Tracer tracer;
    private final boolean captureContent;
    private final Clock clock = Clock.getDefault();

    GenerationTracing(Tracer tracer, boolean captureContent) {
        this.tracer = tracer;
        this.captureContent = captureContent;
    }

    @Override
    public boolean keepsText() {
        return captureContent;
    }

    @Override
    public Observation opened(Generation generation) {
        Context parent = W3C.extract(Context.root(), generation.origin(), FROM_CLIENT);
        String operation = operation(generation.request().api());
        String model = generation.request().models().isEmpty() ? "" : generation.request().models().getFirst();
        var builder = tracer.spanBuilder(operation + " " + model)
                .setSpanKind(SpanKind.SERVER)
                .setParent(parent)
                .setAttribute(OPERATION, operation)
                .setAttribute(REQUEST_MODEL, model)
                .setAttribute(GENERATION_ID, generation.id())
                .setAttribute(STREAM, generation.request().stream());
        generation.request().maxTokens().ifPresent(max -> builder.setAttribute(MAX_TOKENS, (long) max));
        if (captureContent) {
            builder.setAttribute(INPUT_MESSAGES, String.valueOf(generation.request().body().get("messages") != null
                    ? generation.request().body().get("messages") : generation.request().body().get("prompt")));
        }
        return new Traced(builder.startSpan(), operation);
    }

    /** The answer as the conventions' output messages: one assistant message with one text part. */
    private static String answer(String text) {
        var messages = dev.junction.wire.Json.MAPPER.createArrayNode();
        messages.addObject().put("role", "assistant").putArray("parts").addObject().put("type", "text").put("content", text);
        return dev.junction.wire.Json.MAPPER.writeValueAsString(messages);
    }

    private static String operation(ApiKind api) {
        return api == ApiKind.COMPLETION ? "text_completion" : "chat";
    }

    /** One generation's spans. */
    private final class Traced implements Observation {
        private final Span request;
        private final String operation;
        private final List<Span> attempts = new ArrayList<>(2);
        private final List<Long> attemptStarts = new ArrayList<>(2);
        private int ended; // attempt spans ended so far, in order

        Traced(Span request, String operation) {
            this.request = request;
            this.operation = operation;
        }

        @Override
        public Map<String, String> attempting(Attempt attempt) {
            long start = clock.now();
            Span span = tracer.spanBuilder(operation + " " + attempt.endpoint().upstreamModel())
                    .setSpanKind(SpanKind.CLIENT)
                    .setParent(Context.root().with(request))
                    .setStartTimestamp(start, TimeUnit.NANOSECONDS)
                    .setAttribute(OPERATION, operation)
                    .setAttribute(REQUEST_MODEL, attempt.endpoint().upstreamModel())
                    .setAttribute(PROVIDER, attempt.endpoint().provider().id())
                    .setAttribute(PROVIDER_DISPLAY, attempt.endpoint().providerName())
                    .setAttribute(ATTEMPT, (long) attempts.size() + 1)
                    .startSpan();
            attempts.add(span);
            attemptStarts.add(start);
            Map<String, String> headers = new HashMap<>(4);
            W3C.inject(Context.root().with(span), headers, (carrier, key, value) -> carrier.put(key, value));
            return headers;
        }

        @Override
        public void attemptsFailed(List<AttemptFailure> failures, boolean lastFellBack) {
            for (AttemptFailure failure : failures) {
                if (ended >= attempts.size()) {
                    return;
                }
                Span span = attempts.get(ended);
                failed(span, failure.failure());
                span.end(attemptStarts.get(ended) + TimeUnit.MILLISECONDS.toNanos(failure.latencyMillis()),
                        TimeUnit.NANOSECONDS);
                ended++;
            }
        }

        @Override
        public void finished(Generation generation, Optional<UpstreamFailure> midStream) {
            GenerationSummary g = generation.summary();
            request.setAttribute(INPUT_TOKENS, g.promptTokens())
                    .setAttribute(OUTPUT_TOKENS, g.completionTokens())
                    .setAttribute(COST, g.cost().picos() / 1e12)
                    .setAttribute(OUTCOME, g.outcome().wireName());
            generation.committedAttempt().ifPresent(served -> {
                request.setAttribute(RESPONSE_MODEL, served.servedModel())
                        .setAttribute(RESPONSE_ID, generation.id())
                        .setAttribute(PROVIDER, served.endpoint().provider().id())
                        .setAttribute(PROVIDER_DISPLAY, served.endpoint().providerName());
                if (ended < attempts.size()) {
                    Span span = attempts.get(ended++);
                    span.setAttribute(RESPONSE_MODEL, served.endpoint().upstreamModel())
                            .setAttribute(INPUT_TOKENS, g.promptTokens())
                            .setAttribute(OUTPUT_TOKENS, g.completionTokens());
                    midStream.ifPresent(f -> failed(span, f));
                    span.end();
                }
            });
            if (captureContent) {
                generation.producedText().ifPresent(text -> request.setAttribute(OUTPUT_MESSAGES, answer(text)));
            }
            midStream.ifPresent(f -> failed(request, f));
            if (g.outcome() == GenerationSummary.Outcome.FAILED && midStream.isEmpty()) {
                request.setAttribute(ERROR_TYPE, "no_attempt_served").setStatus(StatusCode.ERROR);
            }
            // Attempts still open (a cancel before the commit point) end now.
            while (ended < attempts.size()) {
                attempts.get(ended++).setAttribute(ERROR_TYPE, "cancelled").end();
            }
            request.end();
        }

        @Override
        public Optional<String> traceId() {
            return request.getSpanContext().isValid() ? Optional.of(request.getSpanContext().getTraceId()) : Optional.empty();
        }

        private void failed(Span span, UpstreamFailure failure) {
            span.setAttribute(ERROR_TYPE, failure.kind().name().toLowerCase(Locale.ROOT))
                    .setStatus(StatusCode.ERROR, failure.message());
            if (failure.status() > 0) {
                span.setAttribute("http.response.status_code", (long) failure.status());
            }
        }
    }
}
