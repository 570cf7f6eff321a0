package dev.junction.cli;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.sim.SimServer;
import dev.junction.testing.JunctionProcess;
import dev.junction.testing.Poll;
import dev.junction.testing.Sims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code junction serve} and {@code demo} as processes, as an operator sees them: a port in use is one line naming
 * the port and {@code --port}, with a non-zero status; the start says what was loaded and where it listens; a stop
 * lets the request in flight finish and says so.
 */
class ServeProcessTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Path starterConfig() throws Exception {
        Path config = dir.resolve("junction.yaml");
        Files.writeString(config, Resources.text("starter.yaml"));
        return config;
    }

    @Test
    void aPortInUseIsOneLineNamingThePortAndTheOption() throws Exception {
        starterConfig();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(taken.getLocalPort());
            for (List<String> command : List.of(List.of("serve", "--port", port), List.of("demo", "--port", port))) {
                try (JunctionProcess junction = JunctionProcess.start(dir, Map.of(), command.toArray(String[]::new))) {
                    assertThat(junction.exitStatus(BOUND)).as(command + " exits non-zero").isEqualTo(1);
                    String stderr = junction.stderr();
                    assertThat(stderr).as(command + " prints no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
                    List<String> lines = stderr.lines().toList();
                    assertThat(lines.getLast()).isEqualTo("junction " + command.getFirst() + ": cannot listen on 127.0.0.1:"
                            + port + ": the port is already in use (another program is listening there: stop it, or "
                            + "choose another port with --port N)");
                    assertThat(lines).as("nothing but start-up progress before it")
                            .allSatisfy(l -> assertThat(l).satisfiesAnyOf(last -> assertThat(last).isEqualTo(lines.getLast()),
                                    progress -> assertThat(progress).contains(" INFO ")));
                }
            }
        }
    }

    @Test
    void theStartSaysWhatWasLoadedAndTheStopLetsTheRequestInFlightFinish() throws Exception {
        starterConfig();
        try (Sims sims = new Sims(); HttpClient http = HttpClient.newHttpClient()) {
            SimServer openAi = sims.start(SimOptions.defaults().withRequiredApiKey("sk-test")
                    .withDefaultScript(SimScript.builder().ttftMs(1500).reply("finished after the stop began").build()));
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            try (JunctionProcess junction = JunctionProcess.start(dir, Map.of("OPENAI_API_KEY", "sk-test",
                    "OPENAI_BASE_URL", openAi.baseUrl(), "JUNCTION_SERVER_PORT", Integer.toString(port)), "serve")) {
                Poll.until("it listens", BOUND, () -> junction.stderr().contains("listening on"));
                String started = junction.stderr();
                assertThat(started).contains("storage: SQLite at junction-data/junction.db")
                        .containsPattern("providers: 1 with credentials: openai; \\d+ without, their models not routable "
                                + "until the key is set: .*anthropic \\(ANTHROPIC_API_KEY\\)")
                        .containsPattern("models: \\d+ of \\d+ routable; default model openai/gpt-4o-mini; openrouter/auto 1 rules")
                        .contains("cluster: off")
                        .contains("listening on http://127.0.0.1:" + port);
                assertThat(started).doesNotContain("sk-test");

                // A key and credits, made the README's way while the gateway runs.
                String key = admin(dir, "keys", "create", "--name", "app").lines()
                        .filter(l -> l.startsWith("key: ")).findFirst().orElseThrow().substring(5);
                admin(dir, "credits", "grant", "--amount", "5");
                CompletableFuture<HttpResponse<String>> inFlight = Poll.value("credits seen by the gateway", () -> {
                    HttpResponse<String> credits = http.send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/api/v1/credits"))
                            .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
                    return credits.body().contains("\"total_credits\":5") ? java.util.Optional.of(true) : java.util.Optional.empty();
                }) ? http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/chat/completions"))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString()) : null;
                Poll.until("the upstream has the request", BOUND, () -> openAi.stats().count() > 0);

                int status = junction.stop(BOUND);
                HttpResponse<String> answered = inFlight.get();
                assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
                assertThat(answered.body()).contains("finished after the stop began");
                String stopped = junction.stderr();
                assertThat(stopped).contains("stopping: not ready any more, waiting up to 15.0 s for 1 request in flight")
                        .containsPattern("stopped in [\\d.]+ s: 1 request finished while draining, 0 cut off; 1 generation "
                                + "recorded since the start, every usage record written to the database");
                assertThat(stopped).containsPattern("POST /api/v1/chat/completions 200 .* model=openai/gpt-4o-mini");
                assertThat(status).as("a clean stop on SIGTERM").isIn(0, 143);
            }
        }
    }

    private static String admin(Path dir, String... args) {
        try (JunctionProcess command = JunctionProcess.start(dir, Map.of(), args)) {
            assertThat(command.exitStatus(BOUND)).as(command.stderr()).isZero();
            return command.stdout();
        }
    }
}
