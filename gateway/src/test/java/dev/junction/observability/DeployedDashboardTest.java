package dev.junction.observability;

import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;
import dev.junction.keys.KeyKind;
import dev.junction.money.Money;
import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import dev.junction.testing.PrometheusText;
import dev.junction.testing.Sims;
import dev.junction.testing.TestGateway;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/: the Grafana dashboard charts only metrics a gateway really exposes (a typo would be an empty panel), from
 * the data source Grafana is provisioned with; the deployed configuration serves them on the port Prometheus scrapes.
 */
class DeployedDashboardTest {
    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Pattern METRIC = Pattern.compile("\\b((?:junction|jvm|process)_[a-z0-9_]+)");

    @Test
    void everyPanelQueriesMetricsTheGatewayExposes() throws Exception {
        JsonNode dashboard = Json.parse(Files.readAllBytes(DEPLOY.resolve("grafana/dashboards/junction.json")));
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.get("type").asString().equals("row")) {
                continue;
            }
            assertThat(panel.get("datasource").get("uid").asString()).isEqualTo("prometheus");
            assertThat(panel.get("targets")).as(panel.get("title").asString()).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                Matcher m = METRIC.matcher(target.get("expr").asString());
                while (m.find()) {
                    queried.add(m.group(1).replaceAll("_(bucket|count|sum)$", ""));
                }
            }
        }
        assertThat(queried).contains("junction_requests_total", "junction_fallbacks_total", "junction_cost_usd_total");
        assertThat(Files.readString(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yaml"))).contains("uid: prometheus");

        Set<String> exposed = exposedAfterTraffic();
        Set<String> missing = queried.stream().filter(name -> !exposed.contains(name)).collect(Collectors.toCollection(TreeSet::new));
        // Redis meters exist in cluster mode only; the JVM's GC pause timer from the first collection on.
        assertThat(missing).as("queried but not exposed")
                .allMatch(name -> name.startsWith("junction_redis_") || name.equals("jvm_gc_pause_seconds"));
    }

    /** Every sample name a gateway exposes once it has served, fallen back and refused. */
    private static Set<String> exposedAfterTraffic() {
        try (Sims sims = new Sims()) {
            var sim = sims.start(SimOptions.defaults().withScript("broken", SimScript.empty().withStatus(500)));
            try (TestGateway gateway = TestGateway.start("""
                    catalog: {bundled: false}
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}"}
                      broken: {name: Broken, base-url: "${SIM_URL}"}
                    models:
                      test/model:
                        endpoints:
                          - {provider: broken, upstream-model: broken, pricing: {prompt: "0.000001", completion: "0.000002"}}
                          - {provider: sim, upstream-model: m, pricing: {prompt: "0.000001", completion: "0.000002"}}
                    """, Map.of("SIM_URL", sim.baseUrl()))) {
                String body = "{\"model\":\"test/model\",\"stream\":true,\"provider\":{\"order\":[\"broken\",\"sim\"]},"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
                assertThat(gateway.post("/api/v1/chat/completions", body).statusCode()).isEqualTo(200);
                String tiny = gateway.createKey("tiny", KeyKind.STANDARD, Optional.of(Money.ofUsd("0.000000001")));
                assertThat(gateway.send(gateway.requestAs("/api/v1/chat/completions", tiny).header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build()).statusCode()).isEqualTo(402);
                gateway.junction().services().store().recorder().flush();
                gateway.junction().catalogRefresher().refresh();
                return PrometheusText.parse(gateway.get("/metrics").body()).samples().stream()
                        .map(s -> s.name().replaceAll("_(bucket|count|sum)$", "")).collect(Collectors.toSet());
            }
        }
    }

    @Test
    void theDeployedConfigurationServesMetricsWherePrometheusScrapes() throws Exception {
        JunctionConfig config = new ConfigLoader(Map.of("JUNCTION_STORAGE_DATABASE_URL", "jdbc:postgresql://postgres:5432/junction",
                "JUNCTION_CLUSTER_REDIS_URL", "redis://redis:6379"))
                .parse(Files.readString(DEPLOY.resolve("junction.yaml")), "deploy/junction.yaml");
        assertThat(config.metrics().port()).hasValue(9464);
        assertThat(config.tracing().enabled()).isFalse();
        String prometheus = Files.readString(DEPLOY.resolve("prometheus.yml"));
        assertThat(prometheus).contains("junction-1:9464", "junction-2:9464");
        String compose = Files.readString(DEPLOY.resolve("compose.yaml"));
        assertThat(compose).contains("prometheus:", "grafana:", "./grafana/dashboards:/etc/grafana/dashboards:ro");
    }
}
