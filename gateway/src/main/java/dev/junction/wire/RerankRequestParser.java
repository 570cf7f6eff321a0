package dev.junction.wire;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses and validates a {@code POST /rerank} body: {@code query} (a non-empty string), {@code documents} (at most
 * {@value #MAX_DOCUMENTS}, each a string or an object with {@code text} and/or {@code image}), {@code top_n},
 * {@code return_documents}, {@code user}, {@code provider}, {@code models}.
 */
public final class RerankRequestParser {
    /** Cohere's limit, the strictest of the rerank APIs. */
    public static final int MAX_DOCUMENTS = 1000;

    public ClientRequest parse(byte[] bytes, int offset, int length) {
        return parse(RequestParser.object(bytes, offset, length));
    }

    public ClientRequest parse(ObjectNode body) {
        JsonNode query = body.get("query");
        if (query == null || !query.isString() || query.asString().isBlank()) {
            throw new InvalidRequestException("query: required, a non-empty string"
                    + (query == null || query.isNull() ? "" : ", got " + FieldCheck.describe(query)));
        }
        JsonNode documents = body.get("documents");
        if (documents == null || !documents.isArray() || documents.isEmpty()) {
            throw new InvalidRequestException("documents: required, a non-empty array of strings or {\"text\": ...} objects"
                    + (documents == null || documents.isNull() ? "" : ", got " + FieldCheck.describe(documents)));
        }
        if (documents.size() > MAX_DOCUMENTS) {
            throw new InvalidRequestException("documents: at most " + MAX_DOCUMENTS + " in one request, got " + documents.size());
        }
        long chars = 0;
        int images = 0;
        for (int i = 0; i < documents.size(); i++) {
            JsonNode d = documents.get(i);
            String field = "documents[" + i + "]";
            if (d.isString()) {
                chars += d.asString().length();
            } else if (d.isObject() && (d.path("text").isString() || d.path("image").isString())) {
                if (d.has("text") && !d.path("text").isString()) {
                    throw new InvalidRequestException(field + ".text: expected a string, got " + FieldCheck.describe(d.get("text")));
                }
                chars += d.path("text").asString("").length();
                images += d.path("image").isString() ? 1 : 0;
            } else {
                throw new InvalidRequestException(field + ": expected a string or an object with text or image, got "
                        + FieldCheck.describe(d));
            }
        }
        JsonNode topN = body.get("top_n");
        if (topN != null && !topN.isNull()) {
            ClientNumbers.wholeNumber(topN, "top_n", 1, Integer.MAX_VALUE);
        }
        JsonNode returnDocuments = body.get("return_documents");
        if (returnDocuments != null && !returnDocuments.isNull() && !returnDocuments.isBoolean()) {
            throw new InvalidRequestException("return_documents: expected true or false, got " + FieldCheck.describe(returnDocuments));
        }
        // Rerankers read the query beside each document.
        long promptChars = chars + (long) query.asString().length() * documents.size();
        return RetrievalRequest.of(ApiKind.RERANK, body, promptChars, images, "rerank");
    }
}
