package dev.junction.store.jdbc;

import dev.junction.accounting.GenerationRecord.ProviderAttempt;
import dev.junction.store.StoreException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The routing attempts of a generation as the JSON text stored in {@code generations.attempts}:
 * {@code [{"provider_name":…,"model":…,"status":200,"latency_ms":…}]}. Readable with {@code sqlite3}
 * and {@code jsonb}-castable in PostgreSQL; written field by field so a rename in the record never
 * silently changes the stored form.
 */
final class AttemptsJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private AttemptsJson() {}

    static String write(List<ProviderAttempt> attempts) {
        ArrayNode array = MAPPER.createArrayNode();
        for (ProviderAttempt a : attempts) {
            ObjectNode attempt = array.addObject()
                    .put("provider_name", a.providerName())
                    .put("model", a.model())
                    .put("status", a.status())
                    .put("latency_ms", a.latencyMillis());
            a.reason().ifPresent(reason -> attempt.put("reason", reason));
        }
        return MAPPER.writeValueAsString(array);
    }

    static List<ProviderAttempt> read(String json) {
        try {
            JsonNode array = MAPPER.readTree(json);
            List<ProviderAttempt> attempts = new ArrayList<>(array.size());
            for (JsonNode a : array) {
                attempts.add(new ProviderAttempt(a.get("provider_name").asString(), a.get("model").asString(),
                        a.get("status").asInt(), a.get("latency_ms").asLong(),
                        Optional.ofNullable(a.get("reason")).map(JsonNode::asString)));
            }
            return List.copyOf(attempts);
        } catch (JacksonException | NullPointerException e) {
            throw new StoreException("malformed attempts in a stored generation: " + json, e);
        }
    }
}
