package dev.junction.wire;

/** Which client API a request came through; decides paths, object names and required fields. */
public enum ApiKind {
    CHAT("chat.completion", "chat.completion.chunk", "chat"),
    COMPLETION("text_completion", "text_completion", "completions"),
    /** {@code POST /embeddings}: never streamed. */
    EMBEDDINGS("list", "list", "embeddings"),
    /** {@code POST /rerank}: never streamed; its answer has no {@code object}. */
    RERANK("rerank", "rerank", "rerank");

    private final String object;
    private final String chunkObject;
    private final String recordName;

    ApiKind(String object, String chunkObject, String recordName) {
        this.object = object;
        this.chunkObject = chunkObject;
        this.recordName = recordName;
    }

    /** {@code object} of a whole response. */
    public String object() {
        return object;
    }

    /** {@code object} of a streamed chunk. */
    public String chunkObject() {
        return chunkObject;
    }

    /** Whether the request generates text (chat, completions) rather than vectors or scores. */
    public boolean generatesText() {
        return this == CHAT || this == COMPLETION;
    }

    /** How generation records name this API. */
    public String recordName() {
        return recordName;
    }
}
