package dev.junction.routing;

import dev.junction.catalog.Endpoint;
import dev.junction.catalog.Model;

/** One endpoint to try for one requested model, in the order the plan lists them. */
public record Attempt(Model model, Endpoint endpoint, ModelRef ref) {

    public Attempt(Model model, Endpoint endpoint) {
        this(model, endpoint, new ModelRef(model.slug(), model.slug(), java.util.Optional.empty()));
    }

    /** The model id the response names. */
    public String servedModel() {
        return ref.servedAs();
    }
}
