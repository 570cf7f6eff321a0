package dev.junction.config;

import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Junction's bundled catalog: the providers and widely used hosted models, with their public prices,
 * limits and data policies, that every configuration starts from unless {@code catalog.bundled} is
 * false. It is configuration like any other: the operator's file is layered over it.
 */
final class BundledCatalog {
    private static final String RESOURCE = "/dev/junction/config/bundled-catalog.yaml";
    private static final ObjectNode TREE = load();

    private BundledCatalog() {}

    static ObjectNode tree() {
        return TREE.deepCopy();
    }

    private static ObjectNode load() {
        try (InputStream in = BundledCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return (ObjectNode) YAMLMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
