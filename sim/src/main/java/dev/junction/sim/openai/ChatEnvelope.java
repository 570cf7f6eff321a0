package dev.junction.sim.openai;

import tools.jackson.core.JsonGenerator;

/** The fields every object of one chat completion repeats: the same id, created and model on every chunk. */
record ChatEnvelope(String id, long created, String model) {
    static final String SYSTEM_FINGERPRINT = "fp_sim";
    static final String SERVICE_TIER = "default";

    static ChatEnvelope chat(String model) {
        return new ChatEnvelope(OpenAiIds.chatCompletion(), OpenAiIds.nowSeconds(), model);
    }

    static ChatEnvelope legacy(String model) {
        return new ChatEnvelope(OpenAiIds.completion(), OpenAiIds.nowSeconds(), model);
    }

    /** id, object, created, model: the order OpenAI writes them in. */
    void write(JsonGenerator g, String object) {
        g.writeStringProperty("id", id);
        g.writeStringProperty("object", object);
        g.writeNumberProperty("created", created);
        g.writeStringProperty("model", model);
    }
}
