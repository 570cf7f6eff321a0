package dev.junction.sim;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sim's web: SearXNG's and Tavily's search APIs over one deterministic corpus, and each protocol's native web
 * search answering with its own citations — Anthropic's search blocks and {@code citations_delta}, OpenAI's
 * {@code url_citation} annotations, Gemini's grounding metadata.
 */
class WebSearchTest {
    private final SimHarness h = SimHarness.start();

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void searxngAnswersItsJsonFormatOnly() throws Exception {
        JsonNode body = SimHarness.json(h.get("/search?q=junction+gateway&format=json").body());
        assertThat(body.path("query").asString()).isEqualTo("junction gateway");
        assertThat(body.path("results")).hasSize(10);
        assertThat(body.path("results").get(0).path("url").asString())
                .isEqualTo("https://sim-search.example/junction-gateway/1");
        assertThat(body.path("results").get(0).path("title").asString()).isEqualTo("Source 1 on junction gateway");
        assertThat(body.path("results").get(1).path("content").asString()).contains("Page 2");
        assertThat(h.get("/search?q=x").statusCode()).isEqualTo(403);
    }

    @Test
    void tavilyNeedsAKeyAndHonoursMaxResults() throws Exception {
        var request = h.request("/search").header("Authorization", "Bearer tvly-sim")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"junction gateway\",\"max_results\":2}")).build();
        JsonNode body = SimHarness.json(h.http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        assertThat(body.path("results")).hasSize(2);
        assertThat(body.path("results").get(1).path("url").asString())
                .isEqualTo("https://sim-search.example/junction-gateway/2");
        assertThat(h.post("/search", "{\"query\":\"x\"}").statusCode()).isEqualTo(401);
    }

    @Test
    void openAiSearchAnswersCarryUrlCitations() throws Exception {
        String request = """
                {"model":"gpt-4o-mini","web_search_options":{"search_context_size":"low"},
                 "messages":[{"role":"user","content":"what is new"}]%s}""";
        JsonNode message = SimHarness.json(h.post("/v1/chat/completions", request.formatted("")).body())
                .path("choices").get(0).path("message");
        assertThat(message.path("content").asString()).isEqualTo("what is new");
        JsonNode first = message.path("annotations").get(0);
        assertThat(first.path("type").asString()).isEqualTo("url_citation");
        assertThat(first.path("url_citation").path("url").asString()).isEqualTo("https://sim-search.example/what-is-new/1");
        assertThat(first.path("url_citation").path("end_index").asInt()).isEqualTo("what is new".length());
        assertThat(message.path("annotations")).hasSize(3);

        List<JsonNode> chunks = SimHarness.sseJson(h.post("/v1/chat/completions",
                request.formatted(",\"stream\":true")).body());
        List<JsonNode> annotated = chunks.stream()
                .filter(c -> c.path("choices").path(0).path("delta").has("annotations")).toList();
        assertThat(annotated).hasSize(1);
        assertThat(annotated.getFirst().path("choices").get(0).path("delta").path("annotations")).hasSize(3);

        JsonNode plain = SimHarness.json(h.post("/v1/chat/completions",
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").body());
        assertThat(plain.path("choices").get(0).path("message").path("annotations")).isEmpty();
    }

    private HttpResponse<String> anthropic(boolean stream) throws Exception {
        String json = """
                {"model":"claude-sim","max_tokens":1024,"stream":%s,
                 "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":5}],
                 "messages":[{"role":"user","content":"what is new"}]}""".formatted(stream);
        return h.http.send(h.request("/v1/messages").header("anthropic-version", "2023-06-01")
                .header("x-api-key", "sk-ant-sim").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anthropicSearchesWithItsServerToolAndCitesInTheTextBlock() throws Exception {
        JsonNode message = SimHarness.json(anthropic(false).body());
        JsonNode content = message.path("content");
        assertThat(content.get(0).path("type").asString()).isEqualTo("server_tool_use");
        assertThat(content.get(0).path("input").path("query").asString()).isEqualTo("what is new");
        assertThat(content.get(1).path("type").asString()).isEqualTo("web_search_tool_result");
        assertThat(content.get(1).path("tool_use_id").asString()).isEqualTo(content.get(0).path("id").asString());
        assertThat(content.get(1).path("content")).hasSize(3);
        JsonNode citation = content.get(2).path("citations").get(0);
        assertThat(citation.path("type").asString()).isEqualTo("web_search_result_location");
        assertThat(citation.path("url").asString()).isEqualTo("https://sim-search.example/what-is-new/1");
        assertThat(message.path("usage").path("server_tool_use").path("web_search_requests").asInt()).isEqualTo(1);

        String stream = anthropic(true).body();
        List<JsonNode> events = new ArrayList<>();
        for (String frame : stream.strip().split("\n\n")) {
            events.add(SimHarness.json(frame.split("\n")[1].substring("data: ".length())));
        }
        assertThat(events.stream().filter(e -> e.path("delta").path("type").asString("").equals("citations_delta")))
                .hasSize(3);
        assertThat(events.stream().filter(e -> e.path("content_block").path("type").asString("")
                .equals("web_search_tool_result"))).hasSize(1);
        JsonNode delta = events.stream().filter(e -> e.path("type").asString("").equals("message_delta")).findFirst()
                .orElseThrow();
        assertThat(delta.path("usage").path("server_tool_use").path("web_search_requests").asInt()).isEqualTo(1);
    }

    @Test
    void geminiGroundsWithGoogleSearchOnTheLastCandidate() throws Exception {
        String json = """
                {"contents":[{"role":"user","parts":[{"text":"what is new"}]}],"tools":[{"googleSearch":{}}]}""";
        JsonNode candidate = SimHarness.json(h.post("/v1beta/models/gemini-2.5-flash:generateContent", json).body())
                .path("candidates").get(0);
        JsonNode grounding = candidate.path("groundingMetadata");
        assertThat(grounding.path("webSearchQueries").get(0).asString()).isEqualTo("what is new");
        assertThat(grounding.path("groundingChunks")).hasSize(3);
        assertThat(grounding.path("groundingChunks").get(2).path("web").path("uri").asString())
                .isEqualTo("https://sim-search.example/what-is-new/3");
        assertThat(grounding.path("groundingSupports").get(0).path("segment").path("endIndex").asInt())
                .isEqualTo("what is new".length());

        String stream = h.post("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", json).body();
        long grounded = stream.lines().filter(l -> l.startsWith("data: ") && l.contains("groundingMetadata")).count();
        assertThat(grounded).isEqualTo(1);
    }
}
