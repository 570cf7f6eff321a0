package dev.junction.observability;

import dev.junction.config.LoggingConfig;
import dev.junction.generation.GenerationSummary;
import dev.junction.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The access log: one line per request on the {@value #LOGGER} logger, as text for a person or as JSON for a log
 * shipper ({@code logging.access-log-format}). Health probes ({@code /health}, {@code /ready}), which a load
 * balancer sends every few seconds, are written at DEBUG; everything else at INFO. Each line is
 * queued for a writer thread that never blocks the caller ({@link AccessLogWriter}), so writing a line costs an event
 * loop no I/O and wakes no thread.
 */
public final class AccessLog {
    public static final String LOGGER = "junction.access";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final LoggingConfig config;

    public AccessLog(LoggingConfig config) {
        this.config = config;
    }

    public void log(AccessRecord record) {
        if (!config.accessLog()) {
            return;
        }
        boolean probe = record.path().equals("/health") || record.path().equals("/ready");
        if (probe ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled()) {
            return;
        }
        String line = config.accessLogFormat() == LoggingConfig.Format.JSON ? json(record) : text(record);
        if (probe) {
            LOG.debug(line);
        } else {
            LOG.info(line);
        }
    }

    /** {@code POST /api/v1/chat/completions 200 812.4ms model=… provider=… prompt_tokens=… …}. */
    static String text(AccessRecord r) {
        StringBuilder line = new StringBuilder(160).append(r.method()).append(' ').append(r.path()).append(' ')
                .append(r.status()).append(' ').append(millis(r.latencyNanos())).append("ms");
        r.generation().ifPresent(g -> {
            line.append(" model=").append(g.model());
            g.provider().ifPresent(p -> line.append(" provider=").append(p.contains(" ") ? '"' + p + '"' : p));
            line.append(" prompt_tokens=").append(g.promptTokens())
                    .append(" completion_tokens=").append(g.completionTokens())
                    .append(" cost=").append(g.cost().toPlainString())
                    .append(" outcome=").append(g.outcome().wireName())
                    .append(" id=").append(g.id());
            g.traceId().ifPresent(t -> line.append(" trace_id=").append(t));
        });
        return line.toString();
    }

    static String json(AccessRecord r) {
        ObjectNode line = Json.object()
                .put("method", r.method())
                .put("path", r.path())
                .put("status", r.status())
                .put("latency_ms", Math.round(Math.max(0, r.latencyNanos()) / 100_000.0) / 10.0);
        r.generation().ifPresent(g -> generation(line, g));
        return Json.MAPPER.writeValueAsString(line);
    }

    private static void generation(ObjectNode line, GenerationSummary g) {
        line.put("generation_id", g.id()).put("model", g.model());
        g.provider().ifPresent(p -> line.put("provider", p));
        line.put("prompt_tokens", g.promptTokens())
                .put("completion_tokens", g.completionTokens())
                .put("cost", g.cost().toUsd())
                .put("outcome", g.outcome().wireName());
        g.traceId().ifPresent(t -> line.put("trace_id", t));
    }

    /** Milliseconds with one decimal: fast requests take well under one. */
    private static String millis(long nanos) {
        long tenths = Math.max(0, nanos) / 100_000;
        return (tenths / 10) + "." + (tenths % 10);
    }
}
