package dev.junction.bench.jmh;

import dev.junction.catalog.Catalog;
import dev.junction.config.ConfigLoader;
import dev.junction.config.JunctionConfig;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the micro-benchmarks work on: the benchmark configuration's catalog and the same request and
 * chunk bytes the load tests send, so that a micro figure and a load figure describe the same work.
 */
final class Fixtures {
    static final String KEY = "sk-jn-v1-" + "bench".repeat(12) + "0000";

    static final byte[] CHAT_REQUEST = ("{\"model\":\"bench/fast\",\"messages\":[{\"role\":\"system\",\"content\":"
            + "\"You are a helpful assistant.\"},{\"role\":\"user\",\"content\":\"Say hello in one short sentence.\"}],"
            + "\"max_tokens\":64,\"temperature\":0.7}").getBytes(StandardCharsets.UTF_8);

    /** A 20-turn conversation with tools and response_format: the request of an agent, ~5 KB. */
    static final byte[] CONVERSATION_REQUEST = conversation().getBytes(StandardCharsets.UTF_8);

    /** One upstream SSE event as the mock (and OpenAI) sends it. */
    static final byte[] UPSTREAM_CHUNK_EVENT = ("data: {\"id\":\"chatcmpl-bench000000000000000000002\","
            + "\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"gpt-bench\","
            + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_bench\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"content\":\"w17 \"},\"logprobs\":null,\"finish_reason\":null}]}\n\n")
            .getBytes(StandardCharsets.UTF_8);

    static final String CONFIG = """
            auth:
              keys:
                - name: bench
                  key-env: BENCH_KEY
            providers:
              mock:
                name: Mock
                base-url: http://127.0.0.1:18091/v1
              backup:
                name: Backup
                base-url: http://127.0.0.1:18092/v1
            models:
              bench/fast:
                endpoints:
                  - {provider: mock, upstream-model: gpt-bench, pricing: {prompt: "0.00000015", completion: "0.0000006"}}
                  - {provider: backup, upstream-model: gpt-bench, pricing: {prompt: "0.00000015", completion: "0.0000006"}}
              bench/other:
                endpoints:
                  - {provider: backup, upstream-model: other, pricing: {prompt: "0.000003", completion: "0.000015", input-cache-read: "0.0000003", internal-reasoning: "0.00001"}}
            """;

    private Fixtures() {}

    static JunctionConfig config() {
        return new ConfigLoader(Map.of("BENCH_KEY", KEY)).parse(CONFIG, "benchmark fixture");
    }

    static Catalog catalog() {
        return Catalog.from(config());
    }

    private static String conversation() {
        StringBuilder messages = new StringBuilder("{\"role\":\"system\",\"content\":\"You are a careful coding agent.\"}");
        for (int i = 0; i < 20; i++) {
            messages.append(",{\"role\":\"").append(i % 2 == 0 ? "user" : "assistant").append("\",\"content\":\"")
                    .append("Turn ").append(i).append(": ").append("please look at the function and tell me what it does. ".repeat(3))
                    .append("\"}");
        }
        return "{\"model\":\"bench/fast\",\"models\":[\"bench/other\"],\"messages\":[" + messages + "],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"read_file\",\"description\":\"Read a file\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}}}],"
                + "\"response_format\":{\"type\":\"json_object\"},\"temperature\":0.2,\"max_tokens\":1024,\"stream\":true}";
    }
}
