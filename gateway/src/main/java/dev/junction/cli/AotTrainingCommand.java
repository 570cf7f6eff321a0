package dev.junction.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/**
 * {@code junction aot-training}, hidden: the build's training run for the JDK's ahead-of-time cache
 * ({@code -XX:AOTCacheOutput}). It starts the demo's world — simulated providers and the gateway on a fresh
 * SQLite database — and sends it each kind of request a gateway serves (chat whole and streamed, a fallback, the
 * Messages and Responses dialects, embeddings, the catalog, key and generation reads), so that the classes and
 * profiles of the paths a first request takes are in the cache; then it stops cleanly, and the JVM writes the cache.
 */
@Command(name = "aot-training", hidden = true,
        description = "Exercise the gateway once through every kind of request (the build's AOT cache training run).")
final class AotTrainingCommand implements Callable<Integer> {
    @Option(names = "--rounds", defaultValue = "8", paramLabel = "N", description = "times each request is sent")
    int rounds;

    @Override
    public Integer call() throws Exception {
        try (Demo demo = Demo.start(0); HttpClient http = HttpClient.newHttpClient()) {
            Workload workload = new Workload(http, "http://127.0.0.1:" + demo.port() + "/api/v1", demo.key());
            int failed = 0;
            for (int round = 0; round < rounds; round++) {
                failed += workload.round();
            }
            System.err.println("aot-training: " + rounds + " rounds of " + Workload.REQUESTS + " requests, "
                    + failed + " answered otherwise than expected");
            return failed == 0 ? 0 : FailureReport.FAILED;
        }
    }

    /** One of each request, sent together (the gateway serves them concurrently, as it would). */
    private record Workload(HttpClient http, String base, String key) {
        static final int REQUESTS = 10;
        private static final String MESSAGES = "[{\"role\":\"user\",\"content\":\"Say hello\"}]";

        int round() {
            List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
            sent.add(post("/chat/completions", "{\"model\":\"openai/gpt-4o-mini\",\"messages\":" + MESSAGES + "}"));
            sent.add(post("/chat/completions", "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"messages\":"
                    + MESSAGES + "}"));
            // Its first endpoint answers 503: the request falls back to the next.
            sent.add(post("/chat/completions", "{\"model\":\"qwen/qwen3-8b\",\"stream\":true,\"messages\":" + MESSAGES + "}"));
            sent.add(post("/messages", "{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":64,\"messages\":" + MESSAGES + "}"));
            sent.add(post("/responses", "{\"model\":\"openai/gpt-4o-mini\",\"input\":\"Say hello\"}"));
            sent.add(post("/embeddings", "{\"model\":\"openai/text-embedding-3-small\",\"input\":[\"a\",\"b\"]}"));
            sent.add(get("/models"));
            sent.add(get("/key"));
            sent.add(get("/credits"));
            sent.add(post("/chat/completions", "{\"model\":\"no/such-model\",\"messages\":" + MESSAGES + "}"));
            int failed = 0;
            for (int i = 0; i < sent.size(); i++) {
                HttpResponse<String> answer = sent.get(i).join();
                // The demo key's rate limit ($10 of credits: 10 requests a second) refuses some: a path worth training too.
                boolean expected = i == sent.size() - 1 ? answer.statusCode() == 400
                        : answer.statusCode() == 200 || answer.statusCode() == 429;
                if (!expected) {
                    failed++;
                    System.err.println("aot-training: " + answer.request().uri().getPath() + " answered "
                            + answer.statusCode() + ": " + answer.body().lines().findFirst().orElse(""));
                }
            }
            return failed;
        }

        private CompletableFuture<HttpResponse<String>> post(String path, String body) {
            return http.sendAsync(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        private CompletableFuture<HttpResponse<String>> get(String path) {
            return http.sendAsync(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key);
        }
    }
}
