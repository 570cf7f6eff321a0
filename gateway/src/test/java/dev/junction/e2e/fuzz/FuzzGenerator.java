package dev.junction.e2e.fuzz;

import dev.junction.wire.Json;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded generator of requests over every route of {@code api.Routes}: the issue's own cases first, then
 * random ones — the right method or a wrong one, paths with odd segments, odd query strings, valid bodies
 * mutated by {@link JsonMutator}, every kind of key or none, odd headers and framings, and clients that hang
 * up. The same seed and keys give the same requests.
 */
public final class FuzzGenerator {
    /**
     * Models that fail upstream (scripted 5xx, mid-stream failures, answers of the wrong kind): a 502 is their
     * documented answer. The fallback model's first endpoint fails, and a request's provider preferences may rule
     * out the second.
     */
    public static final List<String> FAILING_MODELS = List.of("fuzz/fails", "fuzz/fallback", "fuzz/cut", "fuzz/error-event",
            "fuzz/stalls", "google/cut", "google/overloaded", "anthropic/overloaded", "anthropic/breaks",
            // Replayed answers: streamed or not, whatever the request asked, so one of the two is a broken answer.
            "fuzz/liar", "google/liar", "anthropic/liar", "fuzz/embed-fallback");
    /** A model whose only provider has no credentials: 503. */
    public static final String KEYLESS_MODEL = "fuzz/keyless";

    /** The secrets and hashes the run created, by role. */
    public record Keys(Map<Role, String> secrets, List<String> pawnSecrets, List<String> pawnHashes,
                       List<String> mainHashes, List<String> brokeHashes) {}

    private enum Access { PUBLIC, ANY, STANDARD, PROVISIONING }

    private enum BodyKind { NONE, CHAT, LEGACY, RESPONSES, MESSAGES, EMBEDDINGS, RERANK, KEY_CREATE, KEY_PATCH, GRANT, CODE, EXCHANGE, FORM, GUARDRAIL, KEY_HASHES, PRESET, BYOK, WORKSPACE, BUDGET }

    private record Route(String method, String path, Access access, BodyKind body, int weight) {}

    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/health", Access.PUBLIC, BodyKind.NONE, 2),
            new Route("GET", "/ready", Access.PUBLIC, BodyKind.NONE, 2),
            new Route("GET", "/metrics", Access.PUBLIC, BodyKind.NONE, 1),
            new Route("POST", "/api/v1/chat/completions", Access.STANDARD, BodyKind.CHAT, 30),
            new Route("POST", "/v1/chat/completions", Access.STANDARD, BodyKind.CHAT, 8),
            new Route("POST", "/api/v1/completions", Access.STANDARD, BodyKind.LEGACY, 8),
            new Route("POST", "/v1/completions", Access.STANDARD, BodyKind.LEGACY, 4),
            new Route("POST", "/api/v1/responses", Access.STANDARD, BodyKind.RESPONSES, 10),
            new Route("POST", "/v1/responses", Access.STANDARD, BodyKind.RESPONSES, 3),
            new Route("POST", "/api/v1/messages", Access.STANDARD, BodyKind.MESSAGES, 10),
            new Route("POST", "/v1/messages", Access.STANDARD, BodyKind.MESSAGES, 3),
            new Route("POST", "/api/v1/messages/count_tokens", Access.STANDARD, BodyKind.MESSAGES, 2),
            new Route("POST", "/v1/messages/count_tokens", Access.STANDARD, BodyKind.MESSAGES, 1),
            new Route("POST", "/api/v1/embeddings", Access.STANDARD, BodyKind.EMBEDDINGS, 8),
            new Route("POST", "/v1/embeddings", Access.STANDARD, BodyKind.EMBEDDINGS, 2),
            new Route("POST", "/api/v1/rerank", Access.STANDARD, BodyKind.RERANK, 5),
            new Route("POST", "/v1/rerank", Access.STANDARD, BodyKind.RERANK, 1),
            new Route("GET", "/api/v1/generation", Access.ANY, BodyKind.NONE, 4),
            new Route("GET", "/v1/generation", Access.ANY, BodyKind.NONE, 2),
            new Route("GET", "/api/v1/models", Access.PUBLIC, BodyKind.NONE, 4),
            new Route("GET", "/v1/models", Access.PUBLIC, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/models/count", Access.PUBLIC, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/models/user", Access.ANY, BodyKind.NONE, 2),
            new Route("GET", "/api/v1/models/embeddings", Access.PUBLIC, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/embeddings/models", Access.PUBLIC, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/model/{author}/{slug}", Access.PUBLIC, BodyKind.NONE, 2),
            new Route("GET", "/api/v1/models/{author}/{slug}", Access.PUBLIC, BodyKind.NONE, 2),
            new Route("GET", "/api/v1/models/{author}/{slug}/endpoints", Access.PUBLIC, BodyKind.NONE, 2),
            new Route("GET", "/v1/models/{author}/{slug}", Access.PUBLIC, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/model/{model}", Access.PUBLIC, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/models/{model}", Access.PUBLIC, BodyKind.NONE, 2),
            new Route("GET", "/v1/models/{model}", Access.PUBLIC, BodyKind.NONE, 2),
            new Route("GET", "/api/v1/models/{model}/endpoints", Access.PUBLIC, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/parameters/{model}", Access.PUBLIC, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/parameters/{author}/{slug}", Access.PUBLIC, BodyKind.NONE, 2),
            new Route("GET", "/api/v1/providers", Access.PUBLIC, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/endpoints/zdr", Access.PUBLIC, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/key", Access.ANY, BodyKind.NONE, 3),
            new Route("GET", "/api/v1/auth/key", Access.ANY, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/keys", Access.PROVISIONING, BodyKind.NONE, 2),
            new Route("POST", "/api/v1/keys", Access.PROVISIONING, BodyKind.KEY_CREATE, 3),
            new Route("GET", "/api/v1/keys/{hash}", Access.PROVISIONING, BodyKind.NONE, 2),
            new Route("PATCH", "/api/v1/keys/{hash}", Access.PROVISIONING, BodyKind.KEY_PATCH, 3),
            new Route("DELETE", "/api/v1/keys/{hash}", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/guardrails", Access.PROVISIONING, BodyKind.NONE, 2),
            new Route("POST", "/api/v1/guardrails", Access.PROVISIONING, BodyKind.GUARDRAIL, 3),
            new Route("GET", "/api/v1/guardrails/assignments/keys", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/guardrails/{id}", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("PATCH", "/api/v1/guardrails/{id}", Access.PROVISIONING, BodyKind.GUARDRAIL, 2),
            new Route("DELETE", "/api/v1/guardrails/{id}", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/guardrails/{id}/assignments/keys", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("POST", "/api/v1/guardrails/{id}/assignments/keys", Access.PROVISIONING, BodyKind.KEY_HASHES, 1),
            new Route("POST", "/api/v1/guardrails/{id}/assignments/keys/remove", Access.PROVISIONING, BodyKind.KEY_HASHES, 1),
            new Route("GET", "/api/v1/audit-log", Access.PROVISIONING, BodyKind.NONE, 2),
            new Route("GET", "/api/v1/byok", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("POST", "/api/v1/byok", Access.PROVISIONING, BodyKind.BYOK, 2),
            new Route("GET", "/api/v1/byok/{id}", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("PATCH", "/api/v1/byok/{id}", Access.PROVISIONING, BodyKind.BYOK, 1),
            new Route("DELETE", "/api/v1/byok/{id}", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/workspaces", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("POST", "/api/v1/workspaces", Access.PROVISIONING, BodyKind.WORKSPACE, 2),
            new Route("GET", "/api/v1/workspaces/{id}", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("PATCH", "/api/v1/workspaces/{id}", Access.PROVISIONING, BodyKind.WORKSPACE, 1),
            new Route("DELETE", "/api/v1/workspaces/{id}", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/workspaces/{workspace_ref}/budgets", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/workspaces/{workspace_ref}/budgets/{interval}", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("PUT", "/api/v1/workspaces/{workspace_ref}/budgets/{interval}", Access.PROVISIONING, BodyKind.BUDGET, 2),
            new Route("DELETE", "/api/v1/workspaces/{workspace_ref}/budgets/{interval}", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/presets", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("POST", "/api/v1/presets", Access.PROVISIONING, BodyKind.PRESET, 3),
            new Route("GET", "/api/v1/presets/{slug}", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("PATCH", "/api/v1/presets/{slug}", Access.PROVISIONING, BodyKind.PRESET, 2),
            new Route("DELETE", "/api/v1/presets/{slug}", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/presets/{slug}/versions", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("GET", "/api/v1/presets/{slug}/versions/{version}", Access.PROVISIONING, BodyKind.NONE, 1),
            new Route("POST", "/api/v1/presets/{slug}/chat/completions", Access.STANDARD, BodyKind.CHAT, 3),
            new Route("POST", "/api/v1/presets/{slug}/responses", Access.STANDARD, BodyKind.RESPONSES, 2),
            new Route("POST", "/api/v1/presets/{slug}/messages", Access.STANDARD, BodyKind.MESSAGES, 2),
            new Route("GET", "/api/v1/credits", Access.ANY, BodyKind.NONE, 2),
            new Route("POST", "/api/v1/credits", Access.PROVISIONING, BodyKind.GRANT, 2),
            new Route("GET", "/api/v1/activity", Access.PROVISIONING, BodyKind.NONE, 2),
            new Route("POST", "/api/v1/auth/keys/code", Access.PROVISIONING, BodyKind.CODE, 2),
            new Route("POST", "/api/v1/auth/keys", Access.PUBLIC, BodyKind.EXCHANGE, 2),
            new Route("GET", "/auth", Access.PUBLIC, BodyKind.NONE, 2),
            new Route("POST", "/auth/approve", Access.PUBLIC, BodyKind.FORM, 2),
            new Route("GET", "/api/v1/generations", Access.ANY, BodyKind.NONE, 3),
            new Route("GET", "/api/v1/activity/series", Access.ANY, BodyKind.NONE, 2),
            new Route("GET", "/api/v1/health/catalog", Access.ANY, BodyKind.NONE, 1),
            new Route("GET", "/", Access.PUBLIC, BodyKind.NONE, 1),
            new Route("GET", "/dashboard", Access.PUBLIC, BodyKind.NONE, 1),
            new Route("GET", "/dashboard/{file}", Access.PUBLIC, BodyKind.NONE, 1),
            new Route("GET", "/dashboard/js/{module}", Access.PUBLIC, BodyKind.NONE, 1),
            new Route("GET", "/dashboard/vendor/{file}", Access.PUBLIC, BodyKind.NONE, 1));
    private static final int TOTAL_WEIGHT = ROUTES.stream().mapToInt(Route::weight).sum();

    private static final List<String> MODELS = weighted(Map.ofEntries(
            Map.entry("fuzz/ok", 20), Map.entry("google/flash", 12), Map.entry("anthropic/claude", 12),
            Map.entry("fuzz/fallback", 5), Map.entry("fuzz/pricey", 3), Map.entry("fuzz/long", 4), Map.entry("google/long", 2),
            Map.entry("anthropic/long", 2), Map.entry("fuzz/fails", 4), Map.entry("fuzz/cut", 4), Map.entry("fuzz/error-event", 3),
            Map.entry("fuzz/hangs", 2), Map.entry("fuzz/stalls", 1), Map.entry("fuzz/limited", 2), Map.entry(KEYLESS_MODEL, 2),
            Map.entry("google/cut", 3), Map.entry("google/overloaded", 2), Map.entry("anthropic/overloaded", 2),
            Map.entry("anthropic/breaks", 2), Map.entry("fuzz/liar", 1), Map.entry("fuzz/liar-stream", 1),
            Map.entry("google/liar", 1), Map.entry("google/liar-stream", 1), Map.entry("anthropic/liar", 1),
            Map.entry("nobody/nothing", 1), Map.entry("fuzz/ok:free", 1),
            Map.entry("fuzz/ok:nitro", 1), Map.entry("fuzz/ok:floor", 1), Map.entry("google/flash:thinking", 1),
            Map.entry("fuzz/ok:online", 1), Map.entry("fuzz/ok:bogus", 1), Map.entry("openrouter/auto", 1),
            Map.entry("", 1), Map.entry("FUZZ/OK", 1), Map.entry("fuzz/ok\u0000", 1), Map.entry("ü/ß", 1)));
    /** For /embeddings and /rerank: models of the right kind mostly, and of the wrong kind (a 400) sometimes. */
    private static final List<String> RETRIEVAL_MODELS = weighted(Map.ofEntries(Map.entry("fuzz/embed", 10),
            Map.entry("google/embed", 5), Map.entry("fuzz/embed-fallback", 2), Map.entry("fuzz/rerank", 8),
            Map.entry("fuzz/ok", 2), Map.entry("nobody/nothing", 1), Map.entry("", 1)));
    private final SplittableRandom random;
    private final Keys keys;
    private final FuzzBodies bodies;
    private final FuzzHeaders headers;
    private final FuzzTargets targets;
    private final String challenge;

    public FuzzGenerator(long seed, Keys keys) {
        this.random = new SplittableRandom(seed);
        this.keys = keys;
        this.challenge = s256(FuzzBodies.VERIFIER);
        this.bodies = new FuzzBodies(random);
        this.headers = new FuzzHeaders(random, keys);
        this.targets = new FuzzTargets(random, keys, challenge);
    }

    /** Every route the generator sends requests to, as {@code "METHOD /path/{param}"}. */
    public static List<String> routes() {
        return ROUTES.stream().map(r -> r.method() + " " + r.path()).toList();
    }

    /** The issue's cases, then random ones, {@code count} in all. */
    public List<FuzzCase> cases(int count) {
        List<FuzzCase> cases = new ArrayList<>(IssueCases.of(this));
        while (cases.size() < count) {
            cases.add(randomCase(cases.size()));
        }
        return cases;
    }

    // ---- the building blocks, also used by IssueCases

    FuzzCase build(int index, String label, String method, String target, Role role, byte[] body, String contentType,
                   String mustFail, Set<Integer> allowed5xx, boolean completion) {
        return new FuzzCase(index, label, method, target, "HTTP/1.1", headers.base(role, contentType), body, FuzzCase.Framing.LENGTH, role, mustFail,
                allowed5xx, false, false, completion, 0, false, false, null);
    }

    /** Bytes sent as they are; any completion among them is made with the configured key, which pays for it. */
    FuzzCase verbatim(int index, String label, String request, Set<Integer> allowed5xx) {
        boolean completion = request.contains("/completions") || request.contains("/responses")
                || request.contains("/messages ");
        return new FuzzCase(index, label, "RAW", "", "", List.of(), null, FuzzCase.Framing.LENGTH, Role.TEST, null,
                allowed5xx, false, false, completion, 0, false, false, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    ObjectNode chatTemplate(String model) {
        ObjectNode body = bodies.chat(model);
        body.remove("stream");
        body.remove("models");
        return body;
    }

    Keys keys() {
        return keys;
    }

    SplittableRandom random() {
        return random;
    }

    static Set<Integer> allowed5xxFor(byte[] body) {
        // NULs removed: a body sent as UTF-16 is still JSON to the gateway, which detects the encoding.
        String text = body == null ? "" : new String(body, StandardCharsets.ISO_8859_1).replace("\u0000", "");
        Set<Integer> allowed = new HashSet<>();
        if (FAILING_MODELS.stream().anyMatch(text::contains)) {
            allowed.add(502);
        }
        if (text.contains(KEYLESS_MODEL)) {
            allowed.add(503);
        }
        return allowed;
    }

    // ---- random cases

    private FuzzCase randomCase(int index) {
        int pick = random.nextInt(100);
        if (pick < 4) {
            return ProtocolJunk.random(this, index);
        }
        Route route = route();
        Role role = role(route.access());
        if (route.body() == BodyKind.GRANT && role == Role.BROKE_ADMIN) {
            role = Role.ADMIN; // the account without credits stays without them
        }
        String method = route.method();
        boolean canonicalMethod = true;
        if (random.nextInt(100) < 7) {
            method = pick(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "FOO", "get"));
            canonicalMethod = method.equals(route.method()) || method.equals("HEAD") && route.method().equals("GET");
        }
        List<String> notes = new ArrayList<>();
        String path = route.path();
        String hash = null;
        if (path.contains("{author}")) {
            path = path.replace("{author}/{slug}", targets.slug());
        }
        if (path.contains("{model}")) {
            path = path.replace("{model}", targets.encodedModel());
        }
        if (path.contains("{file}") || path.contains("{module}")) {
            path = path.replace("{file}", pick(List.of("app.css", "index.html", "uPlot.esm.js", "nope.css", "%2e%2e", "a%2Fb")))
                    .replace("{module}", pick(List.of("main.js", "api.js", "missing.js", "%zz", "..%2Fapp.css")));
        }
        if (path.contains("/presets/{slug}")) {
            // The one preset the run may create (FuzzBodies.preset), one that does not exist, an encoded slash.
            path = path.replace("{slug}", pick(List.of("fuzz-preset", "fuzz-preset", "nope", "a%2Fb")))
                    .replace("{version}", pick(List.of("1", "2", "0", "-1", "x", "99999999999")));
        }
        if (path.contains("{workspace_ref}")) {
            // Workspaces the run never created (never the default one): no budget ever governs a key of the run.
            path = path.replace("{workspace_ref}", pick(List.of("00000000-0000-0000-0000-000000000000", "nope", "%2e%2e", "a%2Fb", "%zz")))
                    .replace("{interval}", pick(List.of("daily", "weekly", "monthly", "lifetime", "yearly", "%zz")));
        }
        if (path.contains("{id}")) {
            // Guardrails the run never created: every change to them is a 404, so no key of the run is ever governed.
            path = path.replace("{id}", pick(List.of("00000000-0000-0000-0000-000000000000", "nope", "%2e%2e", "a%2Fb", "%zz")));
        }
        if (path.contains("{hash}")) {
            // An admin reads its own account's fixed keys but never changes them: the run's money check reads them.
            boolean changes = !method.equals("GET") && !method.equals("HEAD");
            hash = targets.hash(changes && role == Role.ADMIN, changes && role == Role.BROKE_ADMIN);
            path = path.replace("{hash}", hash);
        }
        boolean canonicalPath = random.nextInt(100) >= 8;
        if (!canonicalPath) {
            String odd = targets.oddPath(path);
            notes.add("odd path");
            path = odd;
        }
        String target = path + targets.query(route.path());
        boolean completion = route.body() == BodyKind.CHAT || route.body() == BodyKind.LEGACY
                || route.body() == BodyKind.RESPONSES || route.body() == BodyKind.EMBEDDINGS
                || route.body() == BodyKind.RERANK
                || route.body() == BodyKind.MESSAGES && !route.path().endsWith("/count_tokens");
        byte[] body = null;
        String contentType = "application/json";
        boolean streamed = false;
        switch (route.body()) {
            case NONE -> {
                if (random.nextInt(30) == 0) {
                    body = "{\"unexpected\":\"body\"}".getBytes(StandardCharsets.US_ASCII);
                    notes.add("body on a bodiless route");
                }
            }
            case FORM -> {
                contentType = "application/x-www-form-urlencoded";
                body = targets.form(role, notes);
                role = Role.NONE; // the key travels in the form, not in a header
            }
            default -> {
                ObjectNode template = template(route.body(), index);
                streamed = template.path("stream").asBoolean(false);
                int mutations = random.nextInt(100) < 40 ? 0 : random.nextInt(100) < 65 ? 1 : random.nextInt(2, 4);
                JsonMutator.Mutated mutated = JsonMutator.mutate(template, mutations, random);
                body = mutated.bytes();
                notes.add(mutations == 0 ? "valid " + template.path("model").asString("") : mutated.note());
            }
        }
        if (body != null && random.nextInt(100) < 6) {
            contentType = pick(List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                    "application/json; charset=latin1", "", "application/xml", "application/json, text/plain"));
            notes.add("content type '" + contentType + "'");
        }

        List<String[]> head = headers.base(role, contentType);
        if (body == null && random.nextInt(40) == 0) {
            head.removeIf(h -> h[0].equals("Content-Type"));
        }
        headers.extras(head, notes);
        FuzzCase.Framing framing = headers.framing(body, notes);
        String version = "HTTP/1.1";
        Set<Integer> allowed5xx = completion ? allowed5xxFor(body) : new HashSet<>();
        if (random.nextInt(60) == 0) {
            version = pick(List.of("HTTP/1.0", "HTTP/1.0", "HTTP/2.0", "HTTP/9.9"));
            notes.add(version);
            if (!version.equals("HTTP/1.0")) {
                allowed5xx.add(505);
            }
        }

        int hangUpAfter = 0;
        boolean hangUpAtOnce = false;
        if (completion && role == Role.CHAOS) {
            if (random.nextInt(10) < 6) {
                hangUpAtOnce = true;
                notes.add("hang up at once");
            } else {
                hangUpAfter = random.nextInt(1, 4);
            }
        } else if (completion && streamed && random.nextInt(10) < 3) {
            hangUpAfter = random.nextInt(1, 5);
        }
        if (hangUpAfter > 0) {
            notes.add("hang up after " + hangUpAfter + " events");
        }

        // A keep-alive client's next request on the same connection: whatever this one did, it must be answered.
        boolean followUp = hangUpAfter == 0 && !hangUpAtOnce && version.equals("HTTP/1.1")
                && (framing == FuzzCase.Framing.LENGTH || framing == FuzzCase.Framing.CHUNKED) && random.nextInt(100) < 15;
        if (followUp) {
            notes.add("follow-up request");
        }
        String mustFail = canonicalMethod && canonicalPath ? mustFail(route, role, hash) : null;
        if (route.body() == BodyKind.FORM && canonicalMethod && canonicalPath && !notes.contains("provisioning key in form")) {
            mustFail = "the consent form approved without a provisioning key";
        }
        String label = method + " " + route.path() + " as " + role + (notes.isEmpty() ? "" : ": " + String.join("; ", notes));
        return new FuzzCase(index, label, method, target, version, head, body, framing, role, mustFail, allowed5xx,
                framing == FuzzCase.Framing.MALFORMED_CHUNKED, route.body() == BodyKind.FORM, completion, hangUpAfter,
                hangUpAtOnce, followUp, null);
    }

    private Route route() {
        int n = random.nextInt(TOTAL_WEIGHT);
        for (Route r : ROUTES) {
            n -= r.weight();
            if (n < 0) {
                return r;
            }
        }
        throw new IllegalStateException();
    }

    private ObjectNode template(BodyKind kind, int index) {
        return switch (kind) {
            case CHAT -> bodies.chat(pick(MODELS));
            case LEGACY -> bodies.legacy(pick(MODELS));
            case RESPONSES -> bodies.responses(pick(MODELS));
            case MESSAGES -> bodies.messages(pick(MODELS));
            case EMBEDDINGS -> bodies.embeddings(pick(RETRIEVAL_MODELS));
            case RERANK -> bodies.rerank(pick(RETRIEVAL_MODELS));
            case KEY_CREATE -> bodies.keyCreate(index);
            case KEY_PATCH -> bodies.keyPatch();
            case GRANT -> bodies.grant();
            case CODE -> bodies.code(challenge);
            case EXCHANGE -> bodies.exchange();
            case GUARDRAIL -> bodies.guardrail(index);
            case KEY_HASHES -> bodies.keyHashes(keys.brokeHashes());
            // Models that answer: a preset's model serves requests whose bodies do not name it (no 5xx is expected of them).
            case BYOK -> bodies.byok();
            case WORKSPACE -> bodies.workspace(index);
            case BUDGET -> bodies.budget();
            case PRESET -> bodies.preset(pick(List.of("fuzz/ok", "google/flash", "anthropic/claude")));
            default -> Json.object();
        };
    }

    /** The target hash belongs to another account than the role's: nobody may see or touch it. */
    private boolean foreign(Role role, String hash) {
        if (hash == null) {
            return false;
        }
        if (role == Role.ADMIN) {
            return keys.brokeHashes().contains(hash);
        }
        if (role == Role.BROKE_ADMIN) {
            return keys.mainHashes().contains(hash) || keys.pawnHashes().contains(hash);
        }
        return false;
    }

    private String mustFail(Route route, Role role, String hash) {
        if (route.access() == Access.PUBLIC) {
            return null;
        }
        if (role.invalidKey()) {
            return "no valid key";
        }
        boolean free = route.path().endsWith("/count_tokens"); // counting spends nothing: any standard key may
        return switch (route.access()) {
            case STANDARD -> role.provisioning() ? "a provisioning key calling a model"
                    : free ? null
                    : role == Role.DOOMED ? "a key whose limit pays for nothing"
                    : role == Role.BROKE ? "an account without credits" : null;
            case PROVISIONING -> !role.provisioning() ? "a standard key managing the account"
                    : foreign(role, hash) ? "another account's key" : null;
            default -> null;
        };
    }

    private Role role(Access access) {
        List<Role> roles = switch (access) {
            case STANDARD -> weighted(Map.ofEntries(Map.entry(Role.TEST, 30), Map.entry(Role.LEDGER_A, 14),
                    Map.entry(Role.LEDGER_B, 8), Map.entry(Role.PAWN, 6), Map.entry(Role.DOOMED, 5), Map.entry(Role.BROKE, 5),
                    Map.entry(Role.CHAOS, 5), Map.entry(Role.ADMIN, 4), Map.entry(Role.BROKE_ADMIN, 2),
                    Map.entry(Role.DISABLED, 3), Map.entry(Role.DELETED, 3), Map.entry(Role.GARBAGE, 4), Map.entry(Role.NONE, 3)));
            case PROVISIONING -> weighted(Map.ofEntries(Map.entry(Role.ADMIN, 55), Map.entry(Role.BROKE_ADMIN, 10),
                    Map.entry(Role.TEST, 8), Map.entry(Role.LEDGER_A, 3), Map.entry(Role.PAWN, 3), Map.entry(Role.DISABLED, 4),
                    Map.entry(Role.DELETED, 4), Map.entry(Role.GARBAGE, 7), Map.entry(Role.NONE, 6)));
            default -> weighted(Map.ofEntries(Map.entry(Role.TEST, 25), Map.entry(Role.ADMIN, 15), Map.entry(Role.LEDGER_A, 10),
                    Map.entry(Role.LEDGER_B, 5), Map.entry(Role.BROKE, 8), Map.entry(Role.BROKE_ADMIN, 5), Map.entry(Role.PAWN, 5),
                    Map.entry(Role.DOOMED, 5), Map.entry(Role.CHAOS, 2), Map.entry(Role.DISABLED, 5), Map.entry(Role.DELETED, 5),
                    Map.entry(Role.GARBAGE, 7), Map.entry(Role.NONE, 8)));
        };
        return pick(roles);
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static <T> List<T> weighted(Map<T, Integer> weights) {
        List<T> list = new ArrayList<>();
        // Sorted by name so the list, and so every pick, is the same from run to run.
        weights.entrySet().stream().sorted(java.util.Comparator.comparing(e -> e.getKey().toString()))
                .forEach(e -> {
                    for (int i = 0; i < e.getValue(); i++) {
                        list.add(e.getKey());
                    }
                });
        return List.copyOf(list);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String challenge() {
        return challenge;
    }
}
