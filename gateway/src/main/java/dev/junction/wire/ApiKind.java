package dev.junction.wire;

/** Which client API a request came through; decides paths, object names and required fields. */
public enum ApiKind {
    CHAT("chat.completion", "chat.completion.chunk", "chat"),
    COMPLETION("text_completion", "text_completion", "completions");

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

    /** How generation records name this API. */
    public String recordName() {
        return recordName;
    }
}
