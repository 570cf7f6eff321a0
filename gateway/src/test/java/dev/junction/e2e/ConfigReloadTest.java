package dev.junction.e2e;

import dev.junction.Junction;
import dev.junction.catalog.discovery.RefreshReport;
import dev.junction.config.ConfigFile;
import dev.junction.config.ConfigLoader;
import dev.junction.keys.KeyFormat;
import dev.junction.sim.SimServer;
import dev.junction.testing.Sims;
import dev.junction.wire.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code serve --config FILE}: editing the file changes models and prices without a restart. */
class ConfigReloadTest {
    private static final String CONFIG = """
            server: {port: 0, event-loops: 1}
            catalog: {bundled: false, refresh-interval: 0s}
            accounting: {enforce-balance: false}
            storage: {data-dir: "DATA_DIR"}
            auth:
              keys:
                - {name: test, key-env: TEST_API_KEY}
            providers:
              sim: {name: Sim, base-url: "${SIM_URL}"}
            models:
              test/model:
                endpoints:
                  - provider: sim
                    upstream-model: upstream-model
                    pricing: {prompt: "PROMPT", completion: "0.000002"}
            """;

    private final Sims sims = new Sims();
    private final String key = KeyFormat.newKey();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    @TempDir
    Path dir;
    private Path file;
    private Junction junction;

    @BeforeEach
    void start() throws IOException {
        SimServer sim = sims.start();
        file = dir.resolve("junction.yaml");
        Files.writeString(file, config("0.000001"));
        ConfigFile source = ConfigFile.open(file, new ConfigLoader(Map.of("SIM_URL", sim.baseUrl(), "TEST_API_KEY", key)));
        junction = Junction.start(source.initial(), InstantSource.system(), source);
        junction.catalogRefresher().initialRefresh().orTimeout(30, TimeUnit.SECONDS).join();
    }

    @AfterEach
    void stop() {
        junction.close();
        sims.close();
        http.close();
    }

    /** The configuration with this prompt price, keeping its data in the test's directory. */
    private String config(String promptPrice) {
        return CONFIG.replace("PROMPT", promptPrice).replace("DATA_DIR", dir.resolve("data").toString());
    }

    private HttpResponse<String> chat(String model) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + junction.port() + "/api/v1/chat/completions"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"%s","messages":[{"role":"user","content":"Say hello world"}]}""".formatted(model)))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode cost(String model) {
        HttpResponse<String> response = chat(model);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.parse(response.body()).get("usage").get("cost");
    }

    private void edit(String yaml) throws IOException {
        Files.writeString(file, yaml);
    }

    @Test
    void aPriceEditTakesEffectOnTheNextRefresh() throws IOException {
        // 3 prompt tokens × $1/M + 3 completion tokens × $2/M
        assertThat(cost("test/model").decimalValue()).isEqualByComparingTo("0.000009");

        edit(config("0.00001"));
        assertThat(cost("test/model").decimalValue()).as("nothing changes before the refresh").isEqualByComparingTo("0.000009");
        RefreshReport report = junction.catalogRefresher().refresh();

        assertThat(report.configReloaded()).isTrue();
        assertThat(report.catalogChanged()).isTrue();
        // 3 × $10/M + 3 × $2/M
        assertThat(cost("test/model").decimalValue()).isEqualByComparingTo("0.000036");
    }

    @Test
    void anAddedModelIsServedAndAnUnchangedFileIsNotReloaded() throws IOException {
        assertThat(chat("test/added").statusCode()).isEqualTo(400);

        edit(config("0.000001") + """
                  test/added:
                    endpoints:
                      - {provider: sim, upstream-model: added-model}
                """);
        junction.catalogRefresher().refresh();

        assertThat(cost("test/added").decimalValue()).isEqualByComparingTo("0");
        assertThat(junction.catalogRefresher().refresh().configReloaded()).isFalse();
    }

    @Test
    void anInvalidEditIsReportedOnceAndTheRunningConfigurationStays() throws IOException {
        edit(config("one dollar"));
        RefreshReport report = junction.catalogRefresher().refresh();

        assertThat(report.configReloaded()).isFalse();
        assertThat(report.configError()).hasValueSatisfying(m -> assertThat(m)
                .contains("models.test/model.endpoints[0].pricing.prompt")
                .contains("one dollar"));
        assertThat(cost("test/model").decimalValue()).isEqualByComparingTo("0.000009");
        assertThat(junction.catalogRefresher().refresh().configError()).as("reported once per edit").isEmpty();

        edit(config("0.000002"));
        assertThat(junction.catalogRefresher().refresh().configReloaded()).isTrue();
        assertThat(cost("test/model").decimalValue()).isEqualByComparingTo("0.000012");
    }
}
