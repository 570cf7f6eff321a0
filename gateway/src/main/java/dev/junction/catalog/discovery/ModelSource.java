package dev.junction.catalog.discovery;

import dev.junction.config.ProviderConfig;

import java.util.List;

/** Lists the models a provider serves right now. Blocks: call it on a virtual thread. */
@FunctionalInterface
public interface ModelSource {

    /** @throws DiscoveryException when the provider cannot be asked or its answer cannot be read */
    List<DiscoveredModel> list(ProviderConfig provider);
}
