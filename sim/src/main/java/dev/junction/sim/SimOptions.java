package dev.junction.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link SimServer} is set up.
 *
 * @param host           address to bind; default "127.0.0.1"
 * @param port           port to bind; 0 (the default) picks a free one
 * @param defaultScript  the script under every request's own
 * @param scripts        scripts by the upstream model name received in the request
 * @param requiredApiKey when present, requests must carry {@code Authorization: Bearer <key>} or get a 401
 * @param models         the ids listed by {@code GET /v1/models}; an empty list means the default: the keys of
 *                       {@code scripts} followed by {@value #ECHO_MODEL}
 * @param recordLimit    how many request records {@link SimStats} keeps (oldest dropped first), so that long
 *                       benchmarks don't grow the heap; {@link SimStats#count()} still counts every request
 * @param contextLengths context window per model id, reported by the LM Studio ({@code max_context_length}) and
 *                       Ollama ({@code <arch>.context_length}) listing APIs; {@value #DEFAULT_CONTEXT_LENGTH} otherwise
 * @param modelsBody     when present, the exact JSON body {@code GET /v1/models} answers instead of the generated
 *                       list, e.g. an OpenRouter-shaped model list with prices
 */
public record SimOptions(
        String host,
        int port,
        SimScript defaultScript,
        Map<String, SimScript> scripts,
        Optional<String> requiredApiKey,
        List<String> models,
        int recordLimit,
        Map<String, Integer> contextLengths,
        Optional<String> modelsBody) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String ECHO_MODEL = "sim-echo";
    public static final int DEFAULT_RECORD_LIMIT = 10_000;
    public static final int DEFAULT_CONTEXT_LENGTH = 4096;

    public SimOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(defaultScript, "defaultScript");
        Objects.requireNonNull(requiredApiKey, "requiredApiKey");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(modelsBody, "modelsBody");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (recordLimit < 1) {
            throw new IllegalArgumentException("recordLimit must be >= 1, got " + recordLimit);
        }
        scripts = Collections.unmodifiableMap(new LinkedHashMap<>(scripts));
        models = models.isEmpty() ? defaultModels(scripts) : List.copyOf(models);
        contextLengths = Collections.unmodifiableMap(new LinkedHashMap<>(contextLengths));
    }

    private static List<String> defaultModels(Map<String, SimScript> scripts) {
        var ids = new ArrayList<>(scripts.keySet());
        if (!ids.contains(ECHO_MODEL)) {
            ids.add(ECHO_MODEL);
        }
        return List.copyOf(ids);
    }

    public static SimOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        var b = new Builder()
                .host(host)
                .port(port)
                .defaultScript(defaultScript)
                .scripts(scripts)
                .recordLimit(recordLimit)
                .contextLengths(contextLengths);
        requiredApiKey.ifPresent(b::requiredApiKey);
        modelsBody.ifPresent(b::modelsBody);
        if (modelsAreExplicit()) {
            b.models(models);
        }
        return b;
    }

    // A models list equal to the derived default follows later changes of the scripts.
    private boolean modelsAreExplicit() {
        return !models.equals(defaultModels(scripts));
    }

    /** The context window the local listing APIs report for a model. */
    public int contextLength(String model) {
        return contextLengths.getOrDefault(model, DEFAULT_CONTEXT_LENGTH);
    }

    /** The context window set for a model, if one was: chat completions then refuse prompts that do not fit it. */
    public java.util.OptionalInt explicitContextLength(String model) {
        Integer tokens = contextLengths.get(model);
        return tokens == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(tokens);
    }

    /** The script configured for a model name, if any. */
    public Optional<SimScript> scriptFor(String model) {
        return Optional.ofNullable(scripts.get(model));
    }

    public SimOptions withHost(String value) {
        return toBuilder().host(value).build();
    }

    public SimOptions withPort(int value) {
        return toBuilder().port(value).build();
    }

    public SimOptions withDefaultScript(SimScript value) {
        return toBuilder().defaultScript(value).build();
    }

    public SimOptions withScripts(Map<String, SimScript> value) {
        return toBuilder().scripts(value).build();
    }

    /** Adds or replaces the script of one model. */
    public SimOptions withScript(String model, SimScript script) {
        return toBuilder().script(model, script).build();
    }

    public SimOptions withRequiredApiKey(String key) {
        return toBuilder().requiredApiKey(key).build();
    }

    public SimOptions withoutRequiredApiKey() {
        return toBuilder().noRequiredApiKey().build();
    }

    public SimOptions withModels(List<String> ids) {
        return toBuilder().models(ids).build();
    }

    public SimOptions withRecordLimit(int limit) {
        return toBuilder().recordLimit(limit).build();
    }

    /** Sets the context window the LM Studio and Ollama listing APIs report for one model. */
    public SimOptions withContextLength(String model, int tokens) {
        return toBuilder().contextLength(model, tokens).build();
    }

    /** Serves exactly this JSON from {@code GET /v1/models}. */
    public SimOptions withModelsBody(String json) {
        return toBuilder().modelsBody(json).build();
    }

    /** Redacts the API key: options end up in logs. */
    @Override
    public String toString() {
        return "SimOptions[host=" + host + ", port=" + port + ", defaultScript=" + defaultScript
                + ", scripts=" + scripts + ", requiredApiKey=" + requiredApiKey.map(k -> "***")
                + ", models=" + models + ", recordLimit=" + recordLimit + ", contextLengths=" + contextLengths
                + ", modelsBody=" + modelsBody.map(b -> b.length() + " chars") + "]";
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port;
        private SimScript defaultScript = SimScript.empty();
        private final Map<String, SimScript> scripts = new LinkedHashMap<>();
        private Optional<String> requiredApiKey = Optional.empty();
        private List<String> models = List.of();
        private int recordLimit = DEFAULT_RECORD_LIMIT;
        private final Map<String, Integer> contextLengths = new LinkedHashMap<>();
        private Optional<String> modelsBody = Optional.empty();

        private Builder() {
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder defaultScript(SimScript value) {
            defaultScript = value;
            return this;
        }

        /** Replaces all per-model scripts. */
        public Builder scripts(Map<String, SimScript> value) {
            scripts.clear();
            scripts.putAll(value);
            return this;
        }

        public Builder script(String model, SimScript script) {
            scripts.put(Objects.requireNonNull(model, "model"), Objects.requireNonNull(script, "script"));
            return this;
        }

        public Builder requiredApiKey(String key) {
            requiredApiKey = Optional.of(key);
            return this;
        }

        public Builder noRequiredApiKey() {
            requiredApiKey = Optional.empty();
            return this;
        }

        /** The ids listed by {@code GET /v1/models}; an empty list restores the derived default. */
        public Builder models(List<String> ids) {
            models = List.copyOf(ids);
            return this;
        }

        public Builder recordLimit(int limit) {
            recordLimit = limit;
            return this;
        }

        /** Replaces all context lengths. */
        public Builder contextLengths(Map<String, Integer> value) {
            contextLengths.clear();
            contextLengths.putAll(value);
            return this;
        }

        public Builder contextLength(String model, int tokens) {
            if (tokens < 1) {
                throw new IllegalArgumentException("context length must be >= 1, got " + tokens);
            }
            contextLengths.put(Objects.requireNonNull(model, "model"), tokens);
            return this;
        }

        /** The exact JSON {@code GET /v1/models} answers with. */
        public Builder modelsBody(String json) {
            modelsBody = Optional.of(json);
            return this;
        }

        public SimOptions build() {
            return new SimOptions(host, port, defaultScript, scripts, requiredApiKey, models, recordLimit,
                    contextLengths, modelsBody);
        }
    }
}
