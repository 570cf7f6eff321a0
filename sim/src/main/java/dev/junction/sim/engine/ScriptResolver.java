package dev.junction.sim.engine;

import dev.junction.sim.SimOptions;
import dev.junction.sim.SimScript;
import tools.jackson.databind.JsonNode;

/** Resolves the script of one request: its body's {@code sim} object over the model's script over the default. */
public final class ScriptResolver {
    /** The request-body field that scripts the sim through a gateway that passes unknown fields on. */
    public static final String BODY_FIELD = "sim";

    private ScriptResolver() {
    }

    /** @throws dev.junction.sim.SimScriptException when the body's {@code sim} object is invalid */
    public static SimScript resolve(SimOptions options, String model, JsonNode body) {
        SimScript base = options.scriptFor(model)
                .map(script -> script.over(options.defaultScript()))
                .orElse(options.defaultScript());
        JsonNode sim = body.path(BODY_FIELD);
        if (sim.isMissingNode() || sim.isNull()) {
            return base;
        }
        return SimScript.fromJson(sim).over(base);
    }
}
