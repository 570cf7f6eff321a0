package dev.junction.e2e;

import dev.junction.keys.KeyKind;
import dev.junction.money.Money;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimRequestRecord;
import dev.junction.sim.SimScript;
import dev.junction.sim.SimServer;
import dev.junction.testing.Poll;
import dev.junction.testing.SseReader;
import dev.junction.testing.Sims;
import dev.junction.testing.TestGateway;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Web search end to end, on loopback: {@code :online} and the {@code web} plugin on each provider kind — natively
 * (Claude's web search tool, OpenAI's {@code web_search_options}, Gemini's Google Search grounding, the sim answering
 * with each one's citations) and through Junction's own search (the sim's SearXNG endpoint, the results injected as
 * a system message) — as the {@code url_citation} annotations a client receives, whole and streamed, and as the
 * exact bill: each native search at the endpoint's web-search price, each of Junction's results at its own.
 */
class WebSearchTest {
    private static final BigDecimal PROMPT = new BigDecimal("0.000001");
    private static final BigDecimal COMPLETION = new BigDecimal("0.000002");
    private static final BigDecimal SEARCH = new BigDecimal("0.01");
    private static final BigDecimal RESULT = new BigDecimal("0.004");
    private static final String QUESTION = "what is new";

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1).build();

    /**
     * A Claude answer as Anthropic sends it after searching and running code: server-tool blocks, two text blocks of
     * which only the second cites (its span is after the first's text), and the code-execution container.
     */
    private static final String CLAUDE_RAW = """
            {"id":"msg_01raw","type":"message","role":"assistant","model":"claude-raw","content":[\
            {"type":"server_tool_use","id":"srvtoolu_01","name":"web_search","input":{"query":"java 25"}},\
            {"type":"web_search_tool_result","tool_use_id":"srvtoolu_01","content":[{"type":"web_search_result",\
            "url":"https://openjdk.org/projects/jdk/25/","title":"JDK 25","encrypted_content":"e1","page_age":null}]},\
            {"type":"server_tool_use","id":"srvtoolu_02","name":"code_execution","input":{"code":"print(25)"}},\
            {"type":"code_execution_tool_result","tool_use_id":"srvtoolu_02","content":{"type":"code_execution_result",\
            "stdout":"25","stderr":"","return_code":0}},\
            {"type":"text","text":"Intro. "},\
            {"type":"text","text":"JDK 25 is out.","citations":[{"type":"web_search_result_location",\
            "url":"https://openjdk.org/projects/jdk/25/","title":"JDK 25","cited_text":"JDK 25 reached GA",\
            "encrypted_index":"i1"}]}],\
            "container":{"id":"container_011","expires_at":"2026-12-04T19:00:00Z"},\
            "stop_reason":"end_turn","stop_sequence":null,\
            "usage":{"input_tokens":100,"output_tokens":20,"server_tool_use":{"web_search_requests":2}}}""";

    private static final List<String> CLAUDE_RAW_STREAM = List.of(
            event("message_start", """
                    {"type":"message_start","message":{"id":"msg_01raws","type":"message","role":"assistant",\
                    "model":"claude-raw-stream","content":[],"stop_reason":null,"usage":{"input_tokens":100,"output_tokens":1}}}"""),
            event("content_block_start", """
                    {"type":"content_block_start","index":0,"content_block":{"type":"server_tool_use","id":"srvtoolu_01",\
                    "name":"web_search","input":{}}}"""),
            event("content_block_delta", """
                    {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"query\\": \\"java\\"}"}}"""),
            event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
            event("content_block_start", """
                    {"type":"content_block_start","index":1,"content_block":{"type":"web_search_tool_result",\
                    "tool_use_id":"srvtoolu_01","content":[{"type":"web_search_result","url":"https://openjdk.org/",\
                    "title":"OpenJDK","encrypted_content":"e1"}]}}"""),
            event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"),
            event("content_block_start", """
                    {"type":"content_block_start","index":2,"content_block":{"type":"text","text":""}}"""),
            event("content_block_delta", """
                    {"type":"content_block_delta","index":2,"delta":{"type":"text_delta","text":"Intro. "}}"""),
            event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":2}"),
            event("content_block_start", """
                    {"type":"content_block_start","index":3,"content_block":{"type":"text","text":"","citations":[]}}"""),
            event("content_block_delta", """
                    {"type":"content_block_delta","index":3,"delta":{"type":"citations_delta","citation":\
                    {"type":"web_search_result_location","url":"https://openjdk.org/","title":"OpenJDK",\
                    "cited_text":"JDK 25 reached GA","encrypted_index":"i1"}}}"""),
            event("content_block_delta", """
                    {"type":"content_block_delta","index":3,"delta":{"type":"text_delta","text":"JDK 25 is out."}}"""),
            event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":3}"),
            event("message_delta", """
                    {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null,\
                    "container":{"id":"container_012","expires_at":"2026-12-04T19:00:00Z"}},\
                    "usage":{"output_tokens":20,"server_tool_use":{"web_search_requests":1}}}"""),
            event("message_stop", "{\"type\":\"message_stop\"}"));

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static Sims sims;
    private static SimServer sim;
    private static TestGateway gateway;

    @BeforeAll
    static void start() {
        sims = new Sims();
        sim = sims.start(SimOptions.defaults()
                .withScript("claude-raw", SimScript.builder().raw(List.of(CLAUDE_RAW)).build())
                .withScript("claude-raw-stream", SimScript.builder().raw(CLAUDE_RAW_STREAM).build()));
        String pricing = "pricing: {prompt: \"%s\", completion: \"%s\", web-search: \"%s\"}".formatted(PROMPT, COMPLETION, SEARCH);
        gateway = TestGateway.start("""
                catalog: {bundled: false}
                providers:
                  oa: {name: OpenAI, base-url: "${SIM_URL}"}
                  claude: {name: Anthropic, kind: anthropic, base-url: "${SIM_URL}"}
                  google: {name: Google AI Studio, kind: gemini, base-url: "${GEMINI_URL}"}
                models:
                  sim/gpt:
                    endpoints: [{provider: oa, upstream-model: gpt-4o-mini, %1$s}]
                  sim/claude:
                    endpoints: [{provider: claude, upstream-model: claude-sim, %1$s}]
                  sim/gemini:
                    endpoints: [{provider: google, upstream-model: gemini-2.5-flash, %1$s}]
                  sim/claude-raw:
                    endpoints: [{provider: claude, upstream-model: claude-raw, %1$s}]
                  sim/claude-raw-stream:
                    endpoints: [{provider: claude, upstream-model: claude-raw-stream, %1$s}]
                web-search:
                  price-per-result: "%2$s"
                  backends:
                    searxng: {kind: searxng, url: "${SEARCH_URL}"}
                    tavily: {kind: tavily, url: "${SEARCH_URL}", api-key-env: SIM_TAVILY_KEY}
                fetch:
                  allow: [127.0.0.0/8]
                """.formatted(pricing, RESULT), Map.of("SIM_URL", sim.baseUrl(),
                "GEMINI_URL", "http://127.0.0.1:" + sim.port() + "/v1beta", "SEARCH_URL", "http://127.0.0.1:" + sim.port(), "SIM_TAVILY_KEY", "tvly-sim"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        sims.close();
    }

    @BeforeEach
    void reset() {
        sim.stats().reset();
    }

    private static String request(String model, boolean stream, String extra) {
        return """
                {"model":"%s","stream":%s,"max_tokens":200,"messages":[{"role":"system","content":"Be brief."},\
                {"role":"user","content":"%s"}]%s}""".formatted(model, stream, QUESTION, extra);
    }

    /** A whole answer's message and usage. */
    private static JsonNode whole(String key, String body) {
        HttpResponse<String> response = gateway.send(gateway.requestAs("/api/v1/chat/completions", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body());
    }

    /** A stream's chunks, the last one (usage) included. */
    private static List<JsonNode> streamed(String key, String body) throws Exception {
        return events("/api/v1/chat/completions", key, body);
    }

    private static List<String> urls(JsonNode annotations) {
        List<String> urls = new ArrayList<>();
        for (JsonNode a : annotations) {
            assertThat(a.path("type").asString()).isEqualTo("url_citation");
            urls.add(a.path("url_citation").path("url").asString());
        }
        return urls;
    }

    private static List<String> corpus(int count) {
        List<String> urls = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            urls.add("https://sim-search.example/what-is-new/" + i);
        }
        return urls;
    }

    private static JsonNode streamedAnnotations(List<JsonNode> chunks) {
        var all = Json.NODES.arrayNode();
        for (JsonNode c : chunks) {
            c.path("choices").path(0).path("delta").path("annotations").forEach(all::add);
        }
        return all;
    }

    /** The exact bill: tokens at their prices plus the searches, as usage.cost and as the key's spend. */
    private static void assertBilled(String key, JsonNode usage, BigDecimal searchCost, long searches) {
        BigDecimal tokens = PROMPT.multiply(BigDecimal.valueOf(usage.path("prompt_tokens").asLong()))
                .add(COMPLETION.multiply(BigDecimal.valueOf(usage.path("completion_tokens").asLong())));
        assertThat(usage.path("cost").decimalValue()).isEqualByComparingTo(tokens.add(searchCost));
        assertThat(usage.path("cost_details").path("server_tool_cost").decimalValue()).isEqualByComparingTo(searchCost);
        assertThat(usage.path("server_tool_use_details").path("web_search_requests").asLong()).isEqualTo(searches);
        BigDecimal spent = Poll.until("the key's spend", () -> Json.parse(gateway.send(gateway.requestAs("/api/v1/key", key)
                        .GET().build()).body()).path("data").path("usage").decimalValue(),
                s -> s.compareTo(BigDecimal.ZERO) > 0);
        assertThat(spent).isEqualByComparingTo(tokens.add(searchCost));
    }

    private static String freshKey() {
        return gateway.createKey("web", KeyKind.STANDARD, Optional.of(Money.ofUsd(BigDecimal.ONE)));
    }

    private static SimRequestRecord upstream(String path) throws InterruptedException {
        return sim.stats().awaitRequest(r -> r.path().equals(path) || r.path().startsWith(path), java.time.Duration.ofSeconds(20))
                .orElseThrow();
    }

    @Test
    void openAiOnlineSearchesThroughSearxngAndCitesTheResults() throws Exception {
        String key = freshKey();
        JsonNode answer = whole(key, request("sim/gpt:online", false, ""));

        JsonNode message = answer.path("choices").get(0).path("message");
        assertThat(urls(message.path("annotations"))).isEqualTo(corpus(5));
        assertThat(message.path("annotations").get(0).path("url_citation").path("content").asString()).contains("Page 1");
        assertThat(message.path("annotations").get(0).path("url_citation").path("title").asString())
                .isEqualTo("Source 1 on what is new");
        SimRequestRecord search = upstream("/search");
        assertThat(search.method()).isEqualTo("GET");
        JsonNode messages = upstream("/v1/chat/completions").body().path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1).path("role").asString()).isEqualTo("system");
        assertThat(messages.get(1).path("content").asString()).startsWith("A web search was conducted on ")
                .contains("[Source 1 on what is new](https://sim-search.example/what-is-new/1)");
        assertThat(messages.get(2).path("content").asString()).isEqualTo(QUESTION);
        assertThat(upstream("/v1/chat/completions").body().has("plugins")).isFalse();
        assertBilled(key, answer.path("usage"), RESULT.multiply(BigDecimal.valueOf(5)), 1);
    }

    @Test
    void theWebPluginsOwnResultCountAndPromptAreHonouredStreamed() throws Exception {
        String key = freshKey();
        List<JsonNode> chunks = streamed(key, request("sim/gpt", true,
                ",\"plugins\":[{\"id\":\"web\",\"max_results\":2,\"search_prompt\":\"Sources:\"}]"));
        assertThat(urls(streamedAnnotations(chunks))).isEqualTo(corpus(2));
        int annotated = indexOf(chunks, c -> c.path("choices").path(0).path("delta").has("annotations"));
        int finished = indexOf(chunks, c -> c.path("choices").path(0).path("finish_reason").isString());
        assertThat(annotated).as("the annotations come before the finish").isLessThan(finished);
        JsonNode system = upstream("/v1/chat/completions").body().path("messages").get(1);
        assertThat(system.path("content").asString()).startsWith("Sources:\n");
        assertBilled(key, chunks.getLast().path("usage"), RESULT.multiply(BigDecimal.valueOf(2)), 1);
    }

    @Test
    void openAiNativeSearchPassesItsUrlCitationsThrough() throws Exception {
        String key = freshKey();
        JsonNode answer = whole(key, request("sim/gpt", false,
                ",\"plugins\":[{\"id\":\"web\",\"engine\":\"native\"}],\"web_search_options\":{\"search_context_size\":\"high\"}"));
        assertThat(urls(answer.path("choices").get(0).path("message").path("annotations"))).isEqualTo(corpus(3));
        JsonNode sent = upstream("/v1/chat/completions").body();
        assertThat(sent.path("web_search_options").path("search_context_size").asString()).isEqualTo("high");
        assertThat(sim.stats().requests()).noneMatch(r -> r.path().equals("/search"));
        assertBilled(key, answer.path("usage"), SEARCH, 1);
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void claudeSearchesWithItsOwnToolAndItsCitationsBecomeAnnotations(boolean stream) throws Exception {
        String key = freshKey();
        String body = request("sim/claude:online", stream, "");
        JsonNode annotations;
        JsonNode usage;
        if (stream) {
            List<JsonNode> chunks = streamed(key, body);
            annotations = streamedAnnotations(chunks);
            assertThat(chunks).noneMatch(c -> c.path("choices").path(0).path("delta").has("tool_calls"));
            usage = chunks.getLast().path("usage");
        } else {
            JsonNode answer = whole(key, body);
            JsonNode message = answer.path("choices").get(0).path("message");
            annotations = message.path("annotations");
            assertThat(message.has("tool_calls")).as("a server tool is never a client's tool call").isFalse();
            assertThat(message.path("content").asString()).isEqualTo(QUESTION);
            usage = answer.path("usage");
        }
        assertThat(urls(annotations)).isEqualTo(corpus(3));
        JsonNode first = annotations.get(0).path("url_citation");
        assertThat(first.path("start_index").asInt()).isZero();
        assertThat(first.path("end_index").asInt()).isEqualTo(QUESTION.length());
        assertThat(first.path("content").asString()).contains("Page 1");
        JsonNode tools = upstream("/v1/messages").body().path("tools");
        assertThat(tools.get(0).path("type").asString()).isEqualTo("web_search_20250305");
        assertThat(tools.get(0).path("max_uses").asInt()).isEqualTo(5);
        assertThat(sim.stats().requests()).noneMatch(r -> r.path().equals("/search"));
        assertBilled(key, usage, SEARCH, 1);
    }

    @ParameterizedTest(name = "streamed: {0}")
    @ValueSource(booleans = {false, true})
    void geminiGroundsWithGoogleSearchAndItsGroundingBecomesAnnotations(boolean stream) throws Exception {
        String key = freshKey();
        String body = request("sim/gemini:online", stream, "");
        JsonNode annotations;
        JsonNode usage;
        if (stream) {
            List<JsonNode> chunks = streamed(key, body);
            annotations = streamedAnnotations(chunks);
            usage = chunks.getLast().path("usage");
        } else {
            JsonNode answer = whole(key, body);
            annotations = answer.path("choices").get(0).path("message").path("annotations");
            usage = answer.path("usage");
        }
        assertThat(urls(annotations)).isEqualTo(corpus(3));
        assertThat(annotations.get(2).path("url_citation").path("end_index").asInt()).isEqualTo(QUESTION.length());
        JsonNode tools = upstream("/v1beta/models/gemini-2.5-flash").body().path("tools");
        assertThat(tools.get(0).has("googleSearch")).isTrue();
        assertBilled(key, usage, SEARCH, 1);
    }

    @Test
    void theHoldCoversTheSearch() {
        // max_tokens 1 keeps the tokens' worst case under a cent; five results at 0.004 do not fit in 0.01.
        String key = gateway.createKey("tight", KeyKind.STANDARD, Optional.of(Money.ofUsd(new BigDecimal("0.01"))));
        String tiny = """
                {"model":"%s","max_tokens":1,"messages":[{"role":"user","content":"hi"}]}""";
        HttpResponse<String> online = gateway.send(gateway.requestAs("/api/v1/chat/completions", key)
                .POST(HttpRequest.BodyPublishers.ofString(tiny.formatted("sim/gpt:online"))).build());
        assertThat(online.statusCode()).as(online.body()).isEqualTo(402);
        HttpResponse<String> plain = gateway.send(gateway.requestAs("/api/v1/chat/completions", key)
                .POST(HttpRequest.BodyPublishers.ofString(tiny.formatted("sim/gpt"))).build());
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        assertThat(sim.stats().requests()).noneMatch(r -> r.path().equals("/search"));
    }

    @Test
    void aRecordedClaudeAnswerKeepsItsCitationsSpansAndContainer() {
        String key = freshKey();
        JsonNode answer = whole(key, request("sim/claude-raw", false, ""));
        JsonNode message = answer.path("choices").get(0).path("message");
        assertThat(message.path("content").asString()).isEqualTo("Intro. JDK 25 is out.");
        assertThat(message.has("tool_calls")).as("web search and code execution are the provider's tools").isFalse();
        JsonNode citation = message.path("annotations").get(0).path("url_citation");
        assertThat(citation.path("url").asString()).isEqualTo("https://openjdk.org/projects/jdk/25/");
        assertThat(citation.path("content").asString()).isEqualTo("JDK 25 reached GA");
        assertThat(citation.path("start_index").asInt()).isEqualTo("Intro. ".length());
        assertThat(citation.path("end_index").asInt()).isEqualTo("Intro. JDK 25 is out.".length());
        assertThat(answer.path("container").path("id").asString()).isEqualTo("container_011");
        assertThat(answer.path("container").path("expires_at").asString()).isEqualTo("2026-12-04T19:00:00Z");
        // Two searches the upstream ran: each at the endpoint's price, although the request asked for none itself.
        assertBilled(key, answer.path("usage"), SEARCH.multiply(BigDecimal.TWO), 2);
    }

    @Test
    void aRecordedClaudeStreamKeepsItsCitationsSpansAndContainer() throws Exception {
        String key = freshKey();
        List<JsonNode> chunks = streamed(key, request("sim/claude-raw-stream", true, ""));
        StringBuilder content = new StringBuilder();
        chunks.forEach(c -> content.append(c.path("choices").path(0).path("delta").path("content").asString("")));
        assertThat(content.toString()).isEqualTo("Intro. JDK 25 is out.");
        assertThat(chunks).noneMatch(c -> c.path("choices").path(0).path("delta").has("tool_calls"));
        JsonNode citation = streamedAnnotations(chunks).get(0).path("url_citation");
        assertThat(citation.path("start_index").asInt()).isEqualTo("Intro. ".length());
        assertThat(citation.path("end_index").asInt()).isEqualTo("Intro. JDK 25 is out.".length());
        assertThat(chunks).anyMatch(c -> c.path("container").path("id").asString("").equals("container_012"));
        assertBilled(key, chunks.getLast().path("usage"), SEARCH, 1);
    }

    @Test
    void aNamedEngineUsesThatBackend() throws Exception {
        String key = freshKey();
        JsonNode answer = whole(key, request("sim/claude", false,
                ",\"plugins\":[{\"id\":\"web\",\"engine\":\"tavily\",\"max_results\":3}]"));
        assertThat(urls(answer.path("choices").get(0).path("message").path("annotations"))).isEqualTo(corpus(3));
        SimRequestRecord search = upstream("/search");
        assertThat(search.method()).isEqualTo("POST");
        assertThat(search.headers().get("authorization")).isEqualTo("Bearer ***");
        assertThat(search.body().path("max_results").asInt()).isEqualTo(3);
        JsonNode sent = upstream("/v1/messages").body();
        assertThat(sent.path("tools").isMissingNode() || sent.path("tools").isEmpty())
                .as("Junction searched: Claude's own search tool is not sent").isTrue();
        assertThat(sent.path("system").toString()).contains("A web search was conducted on");
        assertBilled(key, answer.path("usage"), RESULT.multiply(BigDecimal.valueOf(3)), 1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "\"plugins\":[{\"id\":\"web\",\"max_results\":0}]|plugins[0].max_results",
            "\"plugins\":[{\"id\":\"web\",\"max_results\":11}]|plugins[0].max_results",
            "\"plugins\":[{\"id\":\"web\",\"enabled\":\"yes\"}]|plugins[0].enabled",
            "\"plugins\":[{\"id\":\"web\",\"engine\":5}]|plugins[0].engine",
            "\"web_search_options\":{\"search_context_size\":\"huge\"}|web_search_options.search_context_size"})
    void badWebSearchOptionsAreRefusedNamingTheField(String caseText) {
        String[] parts = caseText.split("\\|");
        HttpResponse<String> response = gateway.send(gateway.requestAs("/api/v1/chat/completions", gateway.key())
                .POST(HttpRequest.BodyPublishers.ofString(request("sim/gpt", false, "," + parts[0]))).build());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).path("error").path("message").asString()).startsWith(parts[1]);
        assertThat(sim.stats().requests()).isEmpty();
    }

    @Test
    void withoutABackendTheAnswerSaysItHadNoSearch() {
        try (TestGateway bare = TestGateway.start("""
                catalog: {bundled: false}
                providers:
                  oa: {name: OpenAI, base-url: "${SIM_URL}"}
                models:
                  sim/gpt:
                    endpoints: [{provider: oa, upstream-model: gpt-4o-mini}]
                """, Map.of("SIM_URL", sim.baseUrl()))) {
            HttpResponse<String> response = bare.post("/api/v1/chat/completions", request("sim/gpt:online", false, ""));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().allValues("X-Junction-Warning"))
                    .anySatisfy(w -> assertThat(w).contains("web search is not configured"));
            assertThat(Json.parse(response.body()).path("choices").get(0).path("message").path("annotations")).isEmpty();
            assertThat(Json.parse(response.body()).path("usage").has("server_tool_use_details")).isFalse();
        }
    }

    /** Every {@code data:} payload of an SSE answer, whatever its event names. */
    private static List<JsonNode> events(String path, String key, String body) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(gateway.requestAs(path, key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        try (SseReader reader = new SseReader(response.body())) {
            for (String data : reader.readAll()) {
                if (!data.equals("[DONE]")) {
                    events.add(Json.parse(data));
                }
            }
        }
        return events;
    }

    @Test
    void theResponsesApiCarriesTheSourcesAsOutputTextAnnotations() throws Exception {
        String body = """
                {"model":"sim/gpt:online","input":"%s","stream":%s}""";
        HttpResponse<String> whole = gateway.send(gateway.requestAs("/api/v1/responses", gateway.key())
                .POST(HttpRequest.BodyPublishers.ofString(body.formatted(QUESTION, false))).build());
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        JsonNode text = Json.parse(whole.body()).path("output").get(0).path("content").get(0);
        assertThat(text.path("type").asString()).isEqualTo("output_text");
        assertThat(text.path("annotations")).hasSize(5);
        assertThat(text.path("annotations").get(0).path("type").asString()).isEqualTo("url_citation");
        assertThat(text.path("annotations").get(0).path("url").asString()).isEqualTo(corpus(1).getFirst());

        List<JsonNode> events = events("/api/v1/responses", gateway.key(), body.formatted(QUESTION, true));
        assertThat(events.stream().filter(e -> e.path("type").asString().equals("response.output_text.annotation.added")))
                .hasSize(5);
        JsonNode completed = events.stream().filter(e -> e.path("type").asString().equals("response.completed"))
                .findFirst().orElseThrow();
        assertThat(completed.path("response").path("output").get(0).path("content").get(0).path("annotations")).hasSize(5);
    }

    @Test
    void theMessagesApiCarriesTheSourcesAsTextBlockCitations() throws Exception {
        String body = """
                {"model":"sim/claude:online","max_tokens":200,"stream":%s,"messages":[{"role":"user","content":"%s"}]}""";
        HttpResponse<String> whole = gateway.send(gateway.requestAs("/api/v1/messages", gateway.key())
                .POST(HttpRequest.BodyPublishers.ofString(body.formatted(false, QUESTION))).build());
        assertThat(whole.statusCode()).as(whole.body()).isEqualTo(200);
        JsonNode content = Json.parse(whole.body()).path("content");
        JsonNode textBlock = content.get(content.size() - 1);
        assertThat(textBlock.path("type").asString()).isEqualTo("text");
        assertThat(textBlock.path("citations")).hasSize(3);
        assertThat(textBlock.path("citations").get(0).path("type").asString()).isEqualTo("web_search_result_location");
        assertThat(textBlock.path("citations").get(0).path("url").asString()).isEqualTo(corpus(1).getFirst());

        List<JsonNode> events = events("/api/v1/messages", gateway.key(), body.formatted(true, QUESTION));
        assertThat(events.stream().filter(e -> e.path("delta").path("type").asString("").equals("citations_delta")))
                .hasSize(3);
        assertThat(events).noneMatch(e -> e.path("content_block").path("type").asString("").equals("tool_use"));
    }

    private static int indexOf(List<JsonNode> chunks, java.util.function.Predicate<JsonNode> test) {
        for (int i = 0; i < chunks.size(); i++) {
            if (test.test(chunks.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
