package dev.junction.cli;

import dev.junction.testing.Poll;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request the demo suggests does what its comment says — the provider that answers, the header, the
 * reasoning, the tool call, the JSON — against the demo's own configuration and simulated providers; and the
 * README lists every one of them.
 */
class DemoTourTest {
    private static final String SWIFT = "SwiftInfer (simulated)";
    private static final String BUDGET = "BudgetGPU (simulated)";

    private static Demo demo;
    private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        demo = Demo.start(0);
    }

    @AfterAll
    static void stop() {
        demo.close();
        http.close();
    }

    /** What each example must show, by the start of its comment. */
    private static final Map<String, Consumer<HttpResponse<String>>> CHECKS = new LinkedHashMap<>();

    static {
        CHECKS.put("no model named", r -> {
            assertThat(body(r).get("model").asString()).isEqualTo("openai/gpt-4o-mini");
            assertThat(provider(r)).isEqualTo("OpenAI (simulated)");
        });
        CHECKS.put("streamed", r -> {
            assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
            assertThat(r.body()).contains("\"content\":\" few\"").endsWith("data: [DONE]\n\n");
        });
        CHECKS.put(":floor", r -> assertThat(provider(r)).isEqualTo(BUDGET));
        CHECKS.put(":nitro", r -> assertThat(provider(r)).isEqualTo(SWIFT));
        CHECKS.put("sort by latency", r -> assertThat(provider(r)).isEqualTo(SWIFT));
        CHECKS.put("sort by price without fallbacks", r -> assertThat(provider(r)).isEqualTo(BUDGET));
        CHECKS.put("preferred_max_latency", r -> assertThat(provider(r)).isEqualTo(SWIFT));
        CHECKS.put("only:", r -> assertThat(provider(r)).isEqualTo(BUDGET));
        CHECKS.put("ignore:", r -> assertThat(provider(r)).isEqualTo(BUDGET));
        CHECKS.put("data_collection deny", r -> assertThat(provider(r)).isEqualTo(SWIFT));
        CHECKS.put("zdr", r -> assertThat(provider(r)).isEqualTo(SWIFT));
        CHECKS.put("context window", r -> assertThat(provider(r)).isEqualTo(SWIFT));
        CHECKS.put("models:", r -> {
            assertThat(body(r).get("model").asString()).isEqualTo("openai/gpt-4o-mini");
            assertThat(provider(r)).isEqualTo("OpenAI (simulated)");
        });
        CHECKS.put(":exacto", r -> assertThat(provider(r)).isEqualTo(SWIFT));
        CHECKS.put(":extended", r -> assertThat(provider(r)).isEqualTo(SWIFT));
        CHECKS.put(":online", r -> {
            assertThat(r.headers().firstValue("X-Junction-Warning")).isEmpty();
            JsonNode annotations = body(r).path("choices").get(0).path("message").path("annotations");
            assertThat(annotations).hasSize(5);
            assertThat(annotations.get(0).path("type").asString()).isEqualTo("url_citation");
            assertThat(annotations.get(0).path("url_citation").path("url").asString())
                    .isEqualTo("https://sim-search.example/what-is-new-in-java-25/1");
            assertThat(body(r).path("usage").path("server_tool_use_details").path("web_search_requests").asInt()).isEqualTo(1);
        });
        CHECKS.put("quantizations", r -> assertThat(provider(r)).isEqualTo(BUDGET));
        CHECKS.put("max_price", r -> assertThat(provider(r)).isEqualTo(BUDGET));
        CHECKS.put("fallback", r -> {
            assertThat(provider(r)).isEqualTo(SWIFT);
            String id = body(r).get("id").asString();
            JsonNode attempts = Poll.value("the generation's record", () -> {
                HttpResponse<String> g = send(HttpRequest.newBuilder(uri("/api/v1/generation?id=" + id))
                        .header("Authorization", "Bearer " + demo.key()).GET());
                return g.statusCode() == 200 ? Optional.of(Json.parse(g.body()).get("data").get("provider_responses"))
                        : Optional.empty();
            });
            assertThat(attempts.get(0).get("provider_name").asString()).isEqualTo(BUDGET);
            assertThat(attempts.get(0).get("message").asString()).contains("over capacity");
            assertThat(attempts.get(1).get("provider_name").asString()).isEqualTo(SWIFT);
        });
        CHECKS.put("openrouter/auto", r -> {
            assertThat(r.headers().firstValue("X-Junction-Auto-Route")).hasValue("quick-question");
            assertThat(body(r).get("model").asString()).isEqualTo("meta-llama/llama-3.1-8b-instruct");
        });
        CHECKS.put(":thinking", r -> {
            assertThat(body(r).get("choices").get(0).get("message").get("reasoning").asString()).contains("Why is the sky blue?");
            assertThat(provider(r)).isEqualTo(SWIFT);
        });
        CHECKS.put("tools", r -> {
            JsonNode choice = body(r).get("choices").get(0);
            assertThat(choice.get("finish_reason").asString()).isEqualTo("tool_calls");
            assertThat(choice.get("message").get("tool_calls").get(0).get("function").get("name").asString()).isEqualTo("get_weather");
            assertThat(provider(r)).isEqualTo(SWIFT);
        });
        CHECKS.put("structured output", r -> {
            JsonNode plan = Json.parse(body(r).get("choices").get(0).get("message").get("content").asString());
            assertThat(plan.get("city").asString()).isEqualTo("Plan a weekend in Lisbon");
            assertThat(plan.get("days").asInt()).isPositive();
        });
        CHECKS.put(":free", r -> {
            assertThat(provider(r)).isEqualTo(BUDGET);
            assertThat(body(r).get("usage").get("cost").decimalValue()).isZero();
        });
    }

    @Test
    void everySuggestedRequestDoesWhatItsCommentSays() {
        assertThat(DemoTour.EXAMPLES).allSatisfy(example -> assertThat(check(example)).as(example.shows()).isPresent());
        for (DemoTour.Example example : DemoTour.EXAMPLES) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/chat/completions"))
                    .header("Authorization", "Bearer " + demo.key()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(example.body()));
            HttpResponse<String> response = send(request);
            assertThat(response.statusCode()).as(example.shows() + ": " + response.body()).isEqualTo(200);
            check(example).orElseThrow().accept(response);
        }
    }

    @Test
    void theDemoServesAnEmbeddingsAndARerankModel() throws Exception {
        HttpResponse<String> embedded = post("/api/v1/embeddings",
                "{\"model\":\"openai/text-embedding-3-small\",\"input\":[\"hello\",\"world\"],\"dimensions\":8}");
        assertThat(embedded.statusCode()).as(embedded.body()).isEqualTo(200);
        assertThat(body(embedded).get("data")).hasSize(2);
        assertThat(body(embedded).get("data").get(1).get("embedding")).hasSize(8);
        HttpResponse<String> reranked = post("/api/v1/rerank",
                "{\"model\":\"jina/jina-reranker-v2-base-multilingual\",\"query\":\"fast cars\","
                        + "\"documents\":[\"slow boats\",\"fast red cars\"]}");
        assertThat(reranked.statusCode()).as(reranked.body()).isEqualTo(200);
        assertThat(body(reranked).get("results").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(provider(reranked)).isEqualTo("SwiftInfer Rerank (simulated)");
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + demo.port() + path))
                .header("Authorization", "Bearer " + demo.key()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDemoPrintsTheHighlightsOfTheTour() {
        assertThat(DemoTour.EXAMPLES.stream().filter(DemoTour.Example::highlight).count()).isBetween(6L, 10L);
    }

    @Test
    void theReadmeListsEverySuggestedRequest() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(DemoTour.EXAMPLES).allSatisfy(example -> assertThat(readme)
                .as("README.md shows the demo's request for: " + example.shows()).contains(example.curl(8080)));
    }

    private static Optional<Consumer<HttpResponse<String>>> check(DemoTour.Example example) {
        return CHECKS.entrySet().stream().filter(e -> example.shows().startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst();
    }

    private static JsonNode body(HttpResponse<String> response) {
        return Json.parse(response.body());
    }

    private static String provider(HttpResponse<String> response) {
        return body(response).get("provider").asString();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + demo.port() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
