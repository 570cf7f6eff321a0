package dev.junction.e2e.fuzz;

import dev.junction.wire.Json;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The requests issue 10 names, sent in every run whatever the seed: out-of-range numbers, malformed %-escapes,
 * long URLs, huge headers, a negative Content-Length, malformed JSON, wrong types, unknown models, revoked and
 * deleted keys, keys of the wrong kind, exhausted limits and credits, and clients hanging up mid-stream.
 */
final class IssueCases {
    private static final String CHAT = "/api/v1/chat/completions";
    private static final String DATA_ESCAPE = "data:text/plain,%zz";

    private final FuzzGenerator g;
    private final List<FuzzCase> cases = new ArrayList<>();

    private IssueCases(FuzzGenerator generator) {
        this.g = generator;
    }

    static List<FuzzCase> of(FuzzGenerator generator) {
        IssueCases c = new IssueCases(generator);
        c.numbers();
        c.escapes();
        c.http();
        c.auth();
        c.streams();
        return c.cases;
    }

    private void numbers() {
        ObjectNode chat = g.chatTemplate("fuzz/ok");
        for (String[] field : new String[][] {{"max_tokens", "1e999"}, {"max_completion_tokens", "-1e999"},
                {"seed", "123456789012345678901234"}, {"top_k", "123456789012345678901234"}, {"n", "123456789012345678901234"},
                {"provider.max_price.prompt", "1e400"}, {"provider.max_price.completion", "\"1e400\""},
                {"reasoning.max_tokens", "1e999"}, {"temperature", "1e999"}}) {
            completion(CHAT, field[0] + ": " + field[1], JsonMutator.withLiteral(chat, field[0], field[1], g.random()), null);
        }
        ObjectNode legacy = Json.object().put("model", "fuzz/ok").put("prompt", "x");
        completion("/api/v1/completions", "legacy max_tokens: 1e999",
                JsonMutator.withLiteral(legacy, "max_tokens", "1e999", g.random()), null);
        for (String model : List.of("google/flash", "anthropic/claude")) {
            for (boolean stream : new boolean[] {false, true}) {
                ObjectNode budget = g.chatTemplate(model).put("stream", stream);
                budget.putObject("reasoning").put("max_tokens", 1L << 40);
                completion(CHAT, model + " reasoning.max_tokens 2^40" + (stream ? " streamed" : ""), bytes(budget), null);
            }
        }
        String pawn = g.keys().pawnHashes().getFirst();
        admin("POST", "/api/v1/keys", "key limit 1e400", "{\"name\":\"n\",\"limit\":1e400}");
        admin("PATCH", "/api/v1/keys/" + pawn, "patched limit 1e400", "{\"limit\":1e400}");
        admin("POST", "/api/v1/credits", "credit amount 1e400", "{\"amount\":1e400}");
        admin("POST", "/api/v1/credits", "credit amount -1e400", "{\"amount\":-1e400}");
        admin("POST", "/api/v1/auth/keys/code", "code limit 1e400", "{\"callback_url\":\"" + FuzzBodies.CALLBACK
                + "\",\"code_challenge\":\"" + g.challenge() + "\",\"limit\":1e400}");
    }

    private void escapes() {
        for (String model : List.of("google/flash", "anthropic/claude")) {
            for (boolean stream : new boolean[] {false, true}) {
                ObjectNode image = g.chatTemplate(model).put("stream", stream);
                var parts = image.putArray("messages").addObject().put("role", "user").putArray("content");
                parts.addObject().put("type", "text").put("text", "read this");
                parts.addObject().put("type", "image_url").putObject("image_url").put("url", DATA_ESCAPE);
                completion(CHAT, model + " image data: URL %zz" + (stream ? " streamed" : ""), bytes(image), null);

                ObjectNode file = g.chatTemplate(model).put("stream", stream);
                var fileParts = file.putArray("messages").addObject().put("role", "user").putArray("content");
                fileParts.addObject().put("type", "text").put("text", "read this");
                fileParts.addObject().put("type", "file").putObject("file").put("filename", "a.txt").put("file_data", DATA_ESCAPE);
                completion(CHAT, model + " file data: URL %zz" + (stream ? " streamed" : ""), bytes(file), null);
            }
        }
        get("/api/v1/generation?id=%zz", Role.TEST, "generation id %zz");
        get("/auth?callback_url=%zz", Role.NONE, "consent callback_url %zz");
        get("/api/v1/keys/%zz", Role.ADMIN, "key hash %zz");
        get("/api/v1/models/%zz/x/endpoints", Role.NONE, "model author %zz");
        get("/api/v1/model/acme/%G1", Role.NONE, "model slug %G1");
        get("/health?x=%e2%zz", Role.NONE, "query %e2%zz");
    }

    private void http() {
        String key = g.keys().secrets().get(Role.TEST);
        cases.add(g.verbatim(next(), "long URL", "GET /api/v1/models?q=" + "x".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n", Set.of()));
        cases.add(g.verbatim(next(), "huge headers", "GET /api/v1/key HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key
                + "\r\n" + ("X-Padding: " + "y".repeat(1000) + "\r\n").repeat(9) + "\r\n", Set.of()));
        cases.add(g.verbatim(next(), "negative Content-Length", "POST " + CHAT + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + key + "\r\nContent-Length: -1\r\n\r\n", Set.of()));
        completion(CHAT, "malformed JSON", "{\"model\":".getBytes(StandardCharsets.US_ASCII), null);
        completion(CHAT, "messages of the wrong type", "{\"model\":\"fuzz/ok\",\"messages\":\"hi\"}".getBytes(StandardCharsets.US_ASCII), null);
        completion(CHAT, "unknown model", bytes(g.chatTemplate("nobody/nothing")), null);
    }

    private void auth() {
        byte[] chat = bytes(g.chatTemplate("fuzz/ok"));
        as(Role.DISABLED, "POST", CHAT, chat, "no valid key");
        as(Role.DELETED, "POST", CHAT, chat, "no valid key");
        as(Role.DISABLED, "GET", "/api/v1/key", null, "no valid key");
        as(Role.DELETED, "GET", "/api/v1/credits", null, "no valid key");
        as(Role.DELETED, "GET", "/api/v1/keys", null, "no valid key");
        as(Role.ADMIN, "POST", CHAT, chat, "a provisioning key calling a model");
        as(Role.TEST, "GET", "/api/v1/keys", null, "a standard key managing the account");
        as(Role.TEST, "POST", "/api/v1/credits", "{\"amount\":1}".getBytes(StandardCharsets.US_ASCII), "a standard key managing the account");
        as(Role.LEDGER_A, "DELETE", "/api/v1/keys/" + g.keys().mainHashes().getFirst(), null, "a standard key managing the account");
        as(Role.BROKE_ADMIN, "GET", "/api/v1/keys/" + g.keys().mainHashes().getFirst(), null, "another account's key");
        as(Role.BROKE_ADMIN, "DELETE", "/api/v1/keys/" + g.keys().pawnHashes().getFirst(), null, "another account's key");
        as(Role.DOOMED, "POST", CHAT, chat, "a key whose limit pays for nothing");
        as(Role.BROKE, "POST", CHAT, chat, "an account without credits");
    }

    private void streams() {
        for (String model : List.of("fuzz/long", "google/long", "anthropic/long")) {
            byte[] body = bytes(g.chatTemplate(model).put("stream", true));
            FuzzCase c = g.build(next(), model + " hung up after 2 events", "POST", CHAT, Role.TEST, body, "application/json",
                    null, FuzzGenerator.allowed5xxFor(body), true);
            cases.add(withHangUp(c, 2, false));
            FuzzCase chaos = g.build(next(), model + " hung up at once", "POST", CHAT, Role.CHAOS, body, "application/json",
                    null, FuzzGenerator.allowed5xxFor(body), true);
            cases.add(withHangUp(chaos, 0, true));
        }
        for (String model : List.of("fuzz/cut", "google/cut", "anthropic/breaks", "fuzz/hangs", "fuzz/stalls")) {
            byte[] body = bytes(g.chatTemplate(model).put("stream", true));
            completion(CHAT, model + " streamed", body, null);
        }
    }

    private static FuzzCase withHangUp(FuzzCase c, int afterEvents, boolean atOnce) {
        return new FuzzCase(c.index(), c.label(), c.method(), c.target(), c.version(), c.headers(), c.body(), c.framing(),
                c.role(), c.mustFail(), c.allowed5xx(), c.mayGoUnanswered(), c.htmlErrors(), c.completion(), afterEvents, atOnce,
                false, c.verbatim());
    }

    private void completion(String path, String label, byte[] body, String mustFail) {
        cases.add(g.build(next(), "issue: " + label, "POST", path, Role.TEST, body, "application/json", mustFail,
                FuzzGenerator.allowed5xxFor(body), true));
    }

    private void admin(String method, String path, String label, String body) {
        cases.add(g.build(next(), "issue: " + label, method, path, Role.ADMIN, body.getBytes(StandardCharsets.US_ASCII),
                "application/json", null, Set.of(), false));
    }

    private void get(String target, Role role, String label) {
        cases.add(g.build(next(), "issue: " + label, "GET", target, role, null, null, null, Set.of(), false));
    }

    private void as(Role role, String method, String path, byte[] body, String mustFail) {
        cases.add(g.build(next(), "issue: " + role + " " + method + " " + path, method, path, role, body,
                body == null ? null : "application/json", mustFail, FuzzGenerator.allowed5xxFor(body), path.endsWith("completions")));
    }

    private int next() {
        return cases.size();
    }

    private static byte[] bytes(ObjectNode body) {
        return Json.bytes(body);
    }
}
