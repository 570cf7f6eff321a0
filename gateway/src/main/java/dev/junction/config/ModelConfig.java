package dev.junction.config;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model the gateway offers, by its {@code author/slug}, and the endpoints that serve it, in order.
 *
 * @param created          unix seconds; 0 when unknown
 * @param variants         extra variants the model offers beyond those its endpoints declare, e.g.
 *                         {@code thinking}
 * @param defaultParameters the model's recommended sampling defaults ({@code temperature}, …)
 * @param distillableText  the model's author allows training other models on its output
 *                         ({@code provider.enforce_distillable_text} routes only to such models)
 */
public record ModelConfig(
        String slug,
        String name,
        int contextLength,
        List<EndpointConfig> endpoints,
        String description,
        long created,
        Optional<String> canonicalSlug,
        Optional<String> huggingFaceId,
        List<String> inputModalities,
        List<String> outputModalities,
        Optional<String> tokenizer,
        Optional<String> instructType,
        List<String> categories,
        List<String> variants,
        Map<String, BigDecimal> defaultParameters,
        boolean distillableText) {

    /** The same model under another id (discovery names the models it finds). */
    public ModelConfig withSlug(String newSlug) {
        return new ModelConfig(newSlug, name, contextLength, endpoints, description, created, canonicalSlug,
                huggingFaceId, inputModalities, outputModalities, tokenizer, instructType, categories, variants,
                defaultParameters, distillableText);
    }

    /** The same model served by these endpoints instead. */
    public ModelConfig withEndpoints(List<EndpointConfig> newEndpoints) {
        return new ModelConfig(slug, name, contextLength, List.copyOf(newEndpoints), description, created,
                canonicalSlug, huggingFaceId, inputModalities, outputModalities, tokenizer, instructType, categories,
                variants, defaultParameters, distillableText);
    }
}
