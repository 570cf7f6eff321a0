package dev.junction.e2e;

import dev.junction.keys.KeyKind;
import dev.junction.testing.GatewayExtension;
import dev.junction.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static dev.junction.testing.JsonAnswers.error;
import static dev.junction.testing.JsonAnswers.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /activity} for one workspace ({@code workspace_id}) and split by workspace ({@code group_by=workspace}). */
class WorkspaceActivityTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));

    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim()
            .config("""
                    catalog: {bundled: false}
                    limits: {key-default: none}
                    providers:
                      sim: {name: Sim, base-url: "${SIM_URL}"}
                    models:
                      acme/model:
                        endpoints: [{provider: sim, upstream-model: m, pricing: {prompt: "0.000001", completion: "0.000002"}}]
                    """)
            .clock(CLOCK);

    private static final String CHAT = """
            {"model":"acme/model","max_tokens":10,"messages":[{"role":"user","content":"one two three"}]}""";

    @Test
    void activityIsReadForOneWorkspaceAndSplitByWorkspace() {
        String admin = gateway.createKey("admin", KeyKind.PROVISIONING, Optional.empty());
        String teamId = ok(gateway.call(admin, "POST", "/api/v1/workspaces", "{\"name\":\"Team\",\"slug\":\"team\"}"), 201)
                .get("data").get("id").asString();
        String defaultId = ok(gateway.call(admin, "GET", "/api/v1/workspaces/default", null), 200).get("data").get("id").asString();
        String member = ok(gateway.call(admin, "POST", "/api/v1/keys", "{\"name\":\"m\",\"workspace_id\":\"team\"}"), 201)
                .get("key").asString();
        for (int i = 0; i < 2; i++) {
            ok(gateway.call(member, "POST", "/api/v1/chat/completions", CHAT), 200);
        }
        ok(gateway.call(gateway.key(), "POST", "/api/v1/chat/completions", CHAT), 200);
        gateway.junction().services().store().recorder().flush();
        CLOCK.advance(Duration.ofDays(1));

        JsonNode team = ok(gateway.call(admin, "GET", "/api/v1/activity?workspace_id=" + teamId, null), 200).get("data");
        assertThat(team).hasSize(1);
        assertThat(team.get(0).get("requests").asInt()).isEqualTo(2);
        assertThat(team.get(0).get("usage").decimalValue()).isEqualByComparingTo("0.000018");
        assertThat(ok(gateway.call(admin, "GET", "/api/v1/activity?workspace_id=team", null), 200).get("data"))
                .as("by slug").isEqualTo(team);
        JsonNode everything = ok(gateway.call(admin, "GET", "/api/v1/activity", null), 200).get("data");
        assertThat(everything.get(0).get("requests").asInt()).isEqualTo(3);

        JsonNode split = ok(gateway.call(admin, "GET", "/api/v1/activity?group_by=workspace", null), 200).get("data");
        assertThat(split).hasSize(2);
        for (JsonNode row : split) {
            String workspace = row.get("workspace_id").asString();
            assertThat(workspace).isIn(teamId, defaultId);
            assertThat(row.get("requests").asInt()).isEqualTo(workspace.equals(teamId) ? 2 : 1);
        }
        error(gateway.call(admin, "GET", "/api/v1/activity?workspace_id=no-such-workspace", null), 404);
        error(gateway.call(admin, "GET", "/api/v1/activity?group_by=planet", null), 400);
    }
}
