package dev.junction.routing;

/**
 * The request names a model of another kind than the endpoint serves: a chat model asked for embeddings, an
 * embeddings or rerank model asked to chat. The client's mistake (400), naming the model.
 */
public final class WrongModelKindException extends RuntimeException {
    public WrongModelKindException(String message) {
        super(message, null, false, false);
    }
}
