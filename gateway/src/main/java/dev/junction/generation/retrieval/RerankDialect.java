package dev.junction.generation.retrieval;

import dev.junction.generation.Dialect;
import dev.junction.wire.RerankRequestParser;

/** {@code POST /rerank}: the request through {@link RerankRequestParser}, the answer by {@link RerankRenderer}. */
public final class RerankDialect implements Dialect {
    private final RerankRequestParser parser;

    public RerankDialect(RerankRequestParser parser) {
        this.parser = parser;
    }

    @Override
    public Parsed parse(byte[] bytes, int offset, int length) {
        return new Parsed(parser.parse(bytes, offset, length), RerankRenderer.INSTANCE);
    }
}
