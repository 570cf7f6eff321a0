package dev.junction.generation.retrieval;

import dev.junction.generation.Dialect;
import dev.junction.wire.ClientRequest;
import dev.junction.wire.EmbeddingsRequestParser;

/** {@code POST /embeddings}: the request through {@link EmbeddingsRequestParser}, the answer in its asked encoding. */
public final class EmbeddingsDialect implements Dialect {
    private final EmbeddingsRequestParser parser;

    public EmbeddingsDialect(EmbeddingsRequestParser parser) {
        this.parser = parser;
    }

    @Override
    public Parsed parse(byte[] bytes, int offset, int length) {
        ClientRequest request = parser.parse(bytes, offset, length);
        boolean base64 = "base64".equals(request.body().path("encoding_format").asString(""));
        return new Parsed(request, base64 ? EmbeddingsRenderer.BASE64 : EmbeddingsRenderer.FLOAT);
    }
}
