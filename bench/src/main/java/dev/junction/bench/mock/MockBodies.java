package dev.junction.bench.mock;

import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;

/**
 * Every byte the mock ever sends, rendered once at start-up, so that answering costs the mock a
 * write and nothing else. Content chunk {@code i} says {@code "w<i> "}: the load generator reads that
 * number back to tell a lost, merged or reordered chunk from a good one.
 */
final class MockBodies {
    /** The most content chunks one stream may ask for. */
    static final int MAX_CHUNKS = 100_000;

    /** A realistic non-streaming chat completion (~650 bytes), with usage as OpenAI reports it. */
    static final Buffer COMPLETION = Buffer.buffer("""
            {"id":"chatcmpl-bench000000000000000000001","object":"chat.completion","created":1700000000,\
            "model":"gpt-bench","choices":[{"index":0,"message":{"role":"assistant","content":\
            "Hello! This is the benchmark mock answering with a fixed, pre-rendered reply of a few dozen tokens.",\
            "refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":19,\
            "completion_tokens":21,"total_tokens":40,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},\
            "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,\
            "rejected_prediction_tokens":0}},"service_tier":"default","system_fingerprint":"fp_bench"}""");

    private static final String CHUNK_HEAD = "data: {\"id\":\"chatcmpl-bench000000000000000000002\","
            + "\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-bench\","
            + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_bench\",\"choices\":[{\"index\":0,";

    /** After the last content chunk: the finish reason, the usage-only chunk of include_usage, and [DONE]. */
    static final Buffer STREAM_TAIL = Buffer.buffer(CHUNK_HEAD
            + "\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}]}\n\n"
            + "data: {\"id\":\"chatcmpl-bench000000000000000000002\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"gpt-bench\",\"choices\":[],\"usage\":{\"prompt_tokens\":19,"
            + "\"completion_tokens\":64,\"total_tokens\":83,\"prompt_tokens_details\":{\"cached_tokens\":0},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":0}}}\n\n"
            + "data: [DONE]\n\n");

    private final Buffer[] chunks = new Buffer[MAX_CHUNKS];

    /** Content chunk {@code i}, rendered on first use and kept; one instance per event loop. */
    Buffer chunk(int i) {
        Buffer b = chunks[i];
        if (b == null) {
            String role = i == 0 ? "\"role\":\"assistant\"," : "";
            b = Buffer.buffer((CHUNK_HEAD + "\"delta\":{" + role + "\"content\":\"w" + i
                    + " \"},\"logprobs\":null,\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8));
            chunks[i] = b;
        }
        return b;
    }
}
