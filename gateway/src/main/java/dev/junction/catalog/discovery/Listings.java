package dev.junction.catalog.discovery;

import dev.junction.config.EndpointConfig;
import dev.junction.config.ModelConfig;
import dev.junction.config.PricingConfig;
import dev.junction.config.ProviderConfig;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Reading model listings: lenient field access, and the catalog entry of a model known only by its id. */
final class Listings {
    private Listings() {}

    /** The entries of an OpenAI-style list, {@code {"data": [...]}}, or a bare array (Together answers one). */
    static JsonNode entries(ProviderConfig provider, JsonNode body, String what) {
        JsonNode data = body.isArray() ? body : body.path("data");
        if (!data.isArray()) {
            throw new DiscoveryException(provider.id() + ": " + what + " has no model list (expected \"data\": [...])");
        }
        return data;
    }

    /** A positive whole number at this field, if there is one. */
    static OptionalInt positiveInt(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isIntegralNumber() && value.canConvertToInt() && value.asInt() > 0) {
            return OptionalInt.of(value.asInt());
        }
        return OptionalInt.empty();
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? Optional.of(value.asString()) : Optional.empty();
    }

    /**
     * OpenRouter's quantization names for what local servers report: Ollama's {@code Q4_K_M}, LM Studio's
     * {@code 4bit}, plain {@code F16}. Levels OpenRouter has no name for (Q5, Q6, …) are {@code unknown}.
     */
    static String quantization(String raw) {
        String q = raw.toLowerCase(Locale.ROOT);
        if (q.startsWith("q4") || q.startsWith("iq4") || q.contains("4bit") || q.equals("int4")) {
            return "int4";
        }
        if (q.startsWith("q8") || q.contains("8bit") || q.equals("int8")) {
            return "int8";
        }
        return switch (q) {
            case "f16", "fp16" -> "fp16";
            case "bf16" -> "bf16";
            case "f32", "fp32" -> "fp32";
            case "fp8", "f8" -> "fp8";
            case "mxfp4", "fp4", "nvfp4", "fp6" -> q;
            default -> "unknown";
        };
    }

    /**
     * A model a local or OpenAI-compatible server lists with little more than its id: free (the operator
     * prices it in the configuration if it is not), named after the provider, with what the listing said.
     */
    static DiscoveredModel discovered(ProviderConfig provider, String id, OptionalInt contextLength,
                                      List<String> inputModalities, List<String> outputModalities,
                                      Optional<String> quantization) {
        ModelConfig metadata = new ModelConfig(id, provider.name() + ": " + id, contextLength.orElse(0), List.of(),
                "Discovered on " + provider.name() + ".", 0, Optional.empty(), Optional.empty(),
                List.copyOf(inputModalities), List.copyOf(outputModalities), Optional.empty(), Optional.empty(),
                List.of(), List.of(), Map.of(), false);
        EndpointConfig endpoint = new EndpointConfig(provider.id(), id, PricingConfig.FREE, contextLength,
                OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), quantization, Optional.empty(),
                Optional.empty(), List.of(), false, false);
        return new DiscoveredModel(metadata, endpoint);
    }
}
