package dev.junction.e2e.fuzz;

import dev.junction.testing.RawExchange;
import dev.junction.wire.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges one answer against what README promises every answer: an answer at all, in time; no 5xx but the
 * documented upstream ones; errors in OpenRouter's envelope with their own status; streams that are well-formed
 * SSE ending in a usage chunk (or an in-stream error) and {@code [DONE]}; nothing granted to a caller that has
 * no right to it. Also picks out what the run must total: the cost of each answer, the credits granted, and the
 * ids, codes and key hashes later requests may use.
 */
public final class FuzzOracle {
    private FuzzOracle() {}

    /**
     * @param cost         what the answer says it cost (0 when it says nothing because it served nothing)
     * @param lookUp       a generation whose cost the client never saw (it hung up): read it from /generation
     * @param lookUpMayBeUnserved the client left having seen only a Responses stream's opening events, which a
     *                     generation that no attempt served also sends (its head already out, kept alive while it
     *                     waited): nothing served is nothing recorded, so the look-up may find none
     * @param generationIds every generation id seen
     */
    public record Verdict(List<String> problems, Optional<BigDecimal> cost, Optional<String> lookUp,
                          boolean lookUpMayBeUnserved, List<String> generationIds, Optional<String> createdHash,
                          Optional<String> code, Optional<BigDecimal> granted) {}

    public static Verdict judge(FuzzCase c, byte[] sentBody, RawExchange.Result r) {
        Judging j = new Judging(c, r);
        j.judge(sentBody);
        return new Verdict(List.copyOf(j.problems), j.cost, j.lookUp, j.lookUpMayBeUnserved, List.copyOf(j.ids), j.createdHash,
                j.code, j.granted);
    }

    private static final class Judging {
        private final FuzzCase c;
        private final RawExchange.Result r;
        private final List<String> problems = new ArrayList<>();
        private final List<String> ids = new ArrayList<>();
        private Optional<BigDecimal> cost = Optional.empty();
        private Optional<String> lookUp = Optional.empty();
        private boolean lookUpMayBeUnserved;
        private Optional<String> createdHash = Optional.empty();
        private Optional<String> code = Optional.empty();
        private Optional<BigDecimal> granted = Optional.empty();

        Judging(FuzzCase c, RawExchange.Result r) {
            this.c = c;
            this.r = r;
        }

        void judge(byte[] sentBody) {
            if (c.hangUpAtOnce()) {
                return; // the client left before any answer; the run checks what it cost in the account's totals
            }
            switch (r.outcome()) {
                case TIMED_OUT -> {
                    problems.add("no answer within " + r.millis() + " ms" + (r.status() > 0 ? " (status " + r.status() + " began)" : ""));
                    return;
                }
                case CLOSED_WITHOUT_ANSWER -> {
                    if (!c.mayGoUnanswered()) {
                        problems.add("the connection closed without an answer (" + r.detail() + ")");
                    }
                    return;
                }
                case CUT_SHORT -> {
                    problems.add("the answer (status " + r.status() + ") was cut short: " + r.detail());
                    streamIds();
                    return;
                }
                default -> {
                    // answered
                }
            }
            int status = r.status();
            if (status >= 500 && !c.allowed5xx().contains(status)) {
                problems.add("status " + status + ": " + shorten(r.bodyText()));
            }
            if (r.header("x-content-type-options").filter("nosniff"::equals).isEmpty()) {
                problems.add("status " + status + " without X-Content-Type-Options: nosniff");
            }
            if (c.mustFail() != null && status >= 200 && status < 400) {
                problems.add("status " + status + " although " + c.mustFail() + ": " + shorten(r.bodyText()));
            }
            followUp();
            if (c.head()) {
                return;
            }
            if (status >= 400) {
                envelope();
            } else if (status >= 300) {
                if (r.header("location").isEmpty()) {
                    problems.add("status " + status + " without Location");
                }
                r.header("location").ifPresent(l -> {
                    int at = l.indexOf("code=");
                    if (at >= 0) {
                        code = Optional.of(l.substring(at + 5));
                    }
                });
            } else if (status >= 200) {
                success(sentBody);
            }
        }

        /**
         * The next request on the same connection: answered as any /health is, unless this answer said it would
         * close the connection. Anything else means the first request's bytes were misread, or the connection
         * was left stuck.
         */
        private void followUp() {
            if (!c.followUp() || r.followUp().isEmpty()) {
                return;
            }
            RawExchange.FollowUp next = r.followUp().get();
            boolean closing = r.header("connection").filter(v -> v.equalsIgnoreCase("close")).isPresent();
            if (next.status() == 0 && closing) {
                return;
            }
            if (next.status() != 200 || !next.body().contains("\"ok\"")) {
                problems.add("the next request on the connection got " + (next.status() == 0 ? "no answer"
                        : next.status() < 0 ? "no answer in time" : "status " + next.status()) + " after a " + r.status()
                        + (closing ? " with Connection: close" : " that kept the connection") + ": "
                        + shorten(next.body() + " " + next.detail()));
            }
        }

        private void envelope() {
            String type = r.header("content-type").orElse("");
            if (c.htmlErrors() && type.startsWith("text/html")) {
                return; // the consent page answers the browser with itself
            }
            if (!type.equals("application/json")) {
                problems.add("status " + r.status() + " with Content-Type '" + type + "': " + shorten(r.bodyText()));
                return;
            }
            JsonNode body = parse(r.body());
            if (body == null) {
                return;
            }
            if (anthropic() && !(brokenHttp() && body.path("error").has("code"))) {
                anthropicError(body, "status " + r.status());
                return;
            }
            errorObject(body.get("error"), r.status(), "status " + r.status());
        }

        /**
         * The Messages API's routes answer in Anthropic's dialect, errors included: a request whose path is one
         * of them (the query and a trailing slash aside). Any other path is the route table's 404, in OpenRouter's.
         */
        private boolean anthropic() {
            String path = c.target().contains("?") ? c.target().substring(0, c.target().indexOf('?')) : c.target();
            if (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return path.equals("/api/v1/messages") || path.equals("/v1/messages")
                    || path.equals("/api/v1/messages/count_tokens") || path.equals("/v1/messages/count_tokens")
                    || path.matches("/api/v1/presets/[^/]+/messages");
        }

        /** HTTP itself broken (a version, a request line or headers the server cannot read): answered before any route. */
        private boolean brokenHttp() {
            return r.status() == 505 || r.status() == 414 || r.status() == 431 || r.status() == 400 && c.verbatim() != null
                    || c.framing() == FuzzCase.Framing.MALFORMED_CHUNKED || c.framing() == FuzzCase.Framing.NEGATIVE_LENGTH
                    || c.framing() == FuzzCase.Framing.LENGTH_AND_CHUNKED || !c.version().equals("HTTP/1.1");
        }

        /** Anthropic's error envelope: {@code {"type":"error","error":{"type":…,"message":…}}}. */
        private void anthropicError(JsonNode body, String where) {
            JsonNode error = body.path("error");
            if (!body.path("type").asString("").equals("error") || !error.path("type").isString()
                    || !error.path("message").isString() || error.get("message").asString().isBlank()) {
                problems.add(where + " not in Anthropic's error envelope: " + shorten(r.bodyText()));
            }
        }

        /** An error object: {@code code} as a whole number (the status, when given), a message, metadata an object. */
        private void errorObject(JsonNode error, int status, String where) {
            if (error == null || !error.isObject()) {
                problems.add(where + " without an error object: " + shorten(r.bodyText()));
                return;
            }
            JsonNode code = error.get("code");
            if (code == null || !code.isIntegralNumber() || status > 0 && code.asInt() != status) {
                problems.add(where + " with error.code " + code);
            }
            JsonNode message = error.get("message");
            if (message == null || !message.isString() || message.asString().isBlank()) {
                problems.add(where + " without an error message: " + shorten(error.toString()));
            }
            JsonNode metadata = error.get("metadata");
            if (metadata != null && !metadata.isObject() && !metadata.isNull()) {
                problems.add(where + " with metadata that is not an object");
            }
        }

        private void success(byte[] sentBody) {
            String type = r.header("content-type").orElse("");
            if (type.startsWith("text/event-stream")) {
                stream();
                return;
            }
            if (!type.startsWith("application/json")) {
                if (c.completion()) {
                    problems.add("a completion answered " + r.status() + " with Content-Type '" + type + "'");
                }
                return;
            }
            JsonNode body = parse(r.body());
            if (body == null) {
                return;
            }
            if (c.completion() && anthropic()) {
                // Anthropic's answers carry no cost: the run looks the generation up by the message's id.
                if (!body.path("id").isString() || !body.path("usage").path("output_tokens").isIntegralNumber()) {
                    problems.add("a message answered " + r.status() + " without id or usage: " + shorten(r.bodyText()));
                } else {
                    ids.add(body.get("id").asString());
                    lookUp = Optional.of(body.get("id").asString());
                }
            } else if (c.completion()) {
                JsonNode usageCost = body.path("usage").path("cost");
                if (!usageCost.isNumber()) {
                    problems.add("a completion answered " + r.status() + " without usage.cost: " + shorten(r.bodyText()));
                } else {
                    cost = Optional.of(usageCost.decimalValue());
                    plausible(body.get("usage"));
                }
                if (body.path("id").isString()) {
                    ids.add(body.get("id").asString());
                }
            }
            if (r.status() == 201 && body.path("data").path("hash").isString()) {
                createdHash = Optional.of(body.get("data").get("hash").asString());
            }
            if (body.path("data").path("id").isString() && body.path("data").has("app_id")) {
                code = Optional.of(body.get("data").get("id").asString());
            }
            if (c.method().equals("POST") && body.path("data").has("total_credits")) {
                granted(sentBody);
            }
        }

        /** A grant went through: the amount is the one sent, read as exactly as the gateway reads it. */
        private void granted(byte[] sentBody) {
            if (c.role() != Role.ADMIN) {
                problems.add("credits granted by " + c.role());
            }
            try {
                JsonNode amount = Json.parseExact(sentBody).get("amount");
                granted = Optional.of(amount.decimalValue());
            } catch (RuntimeException e) {
                problems.add("credits granted for a body the test cannot read: " + e);
            }
        }

        private void stream() {
            if (c.target().contains("/responses")) {
                responsesStream();
                return;
            }
            if (anthropic()) {
                anthropicStream();
                return;
            }
            List<String> events = r.events();
            String id = null;
            boolean done = false;
            Optional<BigDecimal> reported = Optional.empty();
            for (int i = 0; i < events.size(); i++) {
                String data = events.get(i);
                if (done) {
                    problems.add("an event after [DONE]: " + shorten(data));
                    break;
                }
                if (data.equals("[DONE]")) {
                    done = true;
                    continue;
                }
                JsonNode chunk;
                try {
                    chunk = Json.parseExact(data.getBytes(StandardCharsets.UTF_8));
                } catch (JacksonException e) {
                    problems.add("a stream event that is not JSON: " + shorten(data));
                    continue;
                }
                String chunkId = chunk.path("id").asString("");
                if (id == null) {
                    id = chunkId;
                    ids.add(id);
                } else if (!id.equals(chunkId)) {
                    problems.add("stream chunk ids differ: " + id + " then " + chunkId);
                }
                if (chunk.has("error")) {
                    int code = chunk.get("error").path("code").asInt(0);
                    errorObject(chunk.get("error"), 0, "an in-stream error");
                    if (code >= 500 && !c.allowed5xx().contains(code) || code < 400) {
                        problems.add("an in-stream error with code " + code + ": " + shorten(data));
                    }
                    if (!"error".equals(chunk.path("choices").path(0).path("finish_reason").asString(""))) {
                        problems.add("an in-stream error without finish_reason \"error\": " + shorten(data));
                    }
                }
                JsonNode usageCost = chunk.path("usage").path("cost");
                if (usageCost.isNumber()) {
                    reported = Optional.of(usageCost.decimalValue());
                    plausible(chunk.get("usage"));
                }
            }
            if (!r.hungUp() && !done) {
                problems.add("a stream that ended without [DONE] after " + events.size() + " events");
            }
            if (!r.hungUp() && done && reported.isEmpty()) {
                problems.add("a stream that ended without usage.cost");
            }
            if (c.completion()) {
                if (reported.isPresent()) {
                    cost = reported;
                } else if (id != null && !id.isEmpty()) {
                    lookUp = Optional.of(id);
                }
            }
        }

        /**
         * The Responses API's events: numbered from 0 without a gap, {@code response.created} first, and — unless
         * the client left — a last event that ends the response: completed or incomplete with usage and cost, or
         * failed with an error the client can read.
         */
        private void responsesStream() {
            List<String> events = r.events();
            String id = null;
            String last = "";
            Optional<BigDecimal> reported = Optional.empty();
            for (int i = 0; i < events.size(); i++) {
                JsonNode event;
                try {
                    event = Json.parseExact(events.get(i).getBytes(StandardCharsets.UTF_8));
                } catch (JacksonException e) {
                    problems.add("a Responses event that is not JSON: " + shorten(events.get(i)));
                    continue;
                }
                last = event.path("type").asString("");
                if (event.path("sequence_number").asLong(-1) != i) {
                    problems.add("Responses event " + i + " numbered " + event.path("sequence_number"));
                }
                if (i == 0 && !last.equals("response.created")) {
                    problems.add("a Responses stream that began with " + last);
                }
                JsonNode response = event.path("response");
                if (id == null && response.path("id").isString()) {
                    id = response.get("id").asString();
                    ids.add(id);
                }
                if (last.equals("response.failed")) {
                    JsonNode error = response.path("error");
                    if (!error.path("message").isString() || !error.path("code").isString()) {
                        problems.add("response.failed without an error code and message: " + shorten(events.get(i)));
                    }
                }
                if (response.path("usage").path("cost").isNumber()) {
                    reported = Optional.of(response.get("usage").get("cost").decimalValue());
                    plausible(response.get("usage"));
                }
            }
            boolean ended = last.equals("response.completed") || last.equals("response.incomplete")
                    || last.equals("response.failed");
            if (!r.hungUp() && !ended) {
                problems.add("a Responses stream that ended with " + last + " after " + events.size() + " events");
            }
            if (!r.hungUp() && ended && reported.isEmpty()) {
                problems.add("a Responses stream that ended without usage.cost");
            }
            if (reported.isPresent()) {
                cost = reported;
            } else if (id != null) {
                lookUp = Optional.of(id);
                lookUpMayBeUnserved = events.stream().allMatch(e -> e.contains("\"response.created\"")
                        || e.contains("\"response.in_progress\""));
            }
        }

        /**
         * Anthropic's events: {@code message_start} first (its message's id names the generation), and — unless
         * the client left — {@code message_stop} last, or an {@code error} event in Anthropic's envelope.
         */
        private void anthropicStream() {
            List<String> events = r.events();
            String last = "";
            boolean started = false;
            for (int i = 0; i < events.size(); i++) {
                JsonNode event;
                try {
                    event = Json.parseExact(events.get(i).getBytes(StandardCharsets.UTF_8));
                } catch (JacksonException e) {
                    problems.add("a Messages event that is not JSON: " + shorten(events.get(i)));
                    continue;
                }
                last = event.path("type").asString("");
                if (!started && !last.equals("ping")) { // pings keep a stream alive while it waits for its first token
                    started = true;
                    if (!last.equals("message_start") && !last.equals("error")) {
                        problems.add("a Messages stream that began with " + last);
                    }
                }
                if (last.equals("message_start") && event.path("message").path("id").isString()) {
                    String id = event.get("message").get("id").asString();
                    ids.add(id);
                    lookUp = Optional.of(id);
                }
                if (last.equals("error")) {
                    anthropicError(event, "an in-stream error");
                }
            }
            if (!r.hungUp() && !last.equals("message_stop") && !last.equals("error")) {
                problems.add("a Messages stream that ended with " + last + " after " + events.size() + " events");
            }
        }

        /** Usage as billed: no negative cost or count, and no count beyond what a model can produce. */
        private void plausible(JsonNode usage) {
            if (usage.path("cost").decimalValue().signum() < 0) {
                problems.add("a negative cost: " + usage);
            }
            List<String> counts = usage.has("input_tokens") ? List.of("input_tokens", "output_tokens", "total_tokens")
                    : c.target().contains("/rerank") ? List.of("total_tokens")
                    : c.target().contains("/embeddings") ? List.of("prompt_tokens", "total_tokens")
                    : List.of("prompt_tokens", "completion_tokens", "total_tokens");
            for (String count : counts) {
                JsonNode n = usage.path(count);
                if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0 || n.asLong() > 4L * Integer.MAX_VALUE) {
                    problems.add("usage." + count + " is " + n + ": " + shorten(usage.toString()));
                }
            }
        }

        /** After a cut: the generation the client saw the start of, for the run to look up. */
        private void streamIds() {
            for (String data : r.events()) {
                if (!data.equals("[DONE]")) {
                    try {
                        JsonNode event = Json.parse(data);
                        // A chat chunk's id, or a Responses event's response.id.
                        String id = event.path("id").asString(event.path("response").path("id").asString(""));
                        if (!id.isEmpty()) {
                            lookUp = Optional.of(id);
                            ids.add(id);
                            return;
                        }
                    } catch (JacksonException e) {
                        return;
                    }
                }
            }
        }

        private JsonNode parse(byte[] body) {
            try {
                return Json.parseExact(body);
            } catch (JacksonException e) {
                problems.add("status " + r.status() + " with a body that is not JSON: " + shorten(new String(body, StandardCharsets.UTF_8)));
                return null;
            }
        }
    }

    static String shorten(String s) {
        return s.length() <= 400 ? s : s.substring(0, 400) + "…";
    }
}
