package dev.junction.catalog.discovery;

import dev.junction.config.EndpointConfig;
import dev.junction.config.ModelConfig;

import java.util.List;

/**
 * One model a provider listed.
 *
 * @param metadata what a new catalog entry for it would say (name, context, modalities…); its slug is the
 *                 provider's own id and it has no endpoints: the id rules decide where it goes
 * @param endpoint the endpoint serving it at that provider; fields the listing does not report are empty
 */
public record DiscoveredModel(ModelConfig metadata, EndpointConfig endpoint) {

    /** The model's name at the provider, as requests must send it. */
    public String upstreamId() {
        return endpoint.upstreamModel();
    }

    /** A catalog entry for it under {@code slug}, served by its endpoint alone. */
    ModelConfig asModel(String slug) {
        return metadata.withSlug(slug).withEndpoints(List.of(endpoint));
    }
}
