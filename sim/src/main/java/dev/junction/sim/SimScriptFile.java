package dev.junction.sim;

import dev.junction.sim.engine.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A script file: {@code {"default": {script}, "models": {"model-name": {script}, …}}}, both keys optional.
 *
 * @param defaultScript the script under every request
 * @param models        scripts by upstream model name
 */
public record SimScriptFile(SimScript defaultScript, Map<String, SimScript> models) {

    public SimScriptFile {
        Objects.requireNonNull(defaultScript, "defaultScript");
        models = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    /** Reads a file; blocking, so never call it on an event loop. */
    public static SimScriptFile read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script file " + file, e);
        }
    }

    /** @throws SimScriptException when the text is not a valid script file */
    public static SimScriptFile parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new SimScriptException("script file is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!root.isObject()) {
            throw new SimScriptException("script file must be a JSON object {\"default\": …, \"models\": …}");
        }
        for (String name : root.propertyNames()) {
            if (!Set.of("default", "models").contains(name)) {
                throw new SimScriptException("unknown script file field '" + name + "'; known: default, models");
            }
        }
        JsonNode defaults = root.path("default");
        SimScript defaultScript = defaults.isMissingNode() ? SimScript.empty() : SimScript.fromJson(defaults);
        var models = new LinkedHashMap<String, SimScript>();
        JsonNode byModel = root.path("models");
        if (!byModel.isMissingNode()) {
            if (!byModel.isObject()) {
                throw new SimScriptException("\"models\" must be an object of model name to script");
            }
            for (var entry : byModel.properties()) {
                try {
                    models.put(entry.getKey(), SimScript.fromJson(entry.getValue()));
                } catch (SimScriptException e) {
                    throw new SimScriptException("script of model '" + entry.getKey() + "': " + e.getMessage(), e);
                }
            }
        }
        return new SimScriptFile(defaultScript, models);
    }

    /** The options with this file's scripts: its default replaces theirs, its models are added to theirs. */
    public SimOptions applyTo(SimOptions options) {
        var builder = options.toBuilder().defaultScript(defaultScript);
        models.forEach(builder::script);
        return builder.build();
    }
}
