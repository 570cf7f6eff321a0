package dev.junction.cli;

import java.util.List;

/**
 * The requests the demo suggests, one per routing feature worth seeing (docs/routing.md), each a curl a person can
 * paste: what it shows, and the request. The README lists the same commands, and a test checks that each does what
 * its comment says.
 */
final class DemoTour {
    /**
     * @param shows what the request demonstrates, and what answers it
     * @param flags extra curl flags ({@code -i} to see a header)
     * @param body  the chat completion request
     */
    record Example(String shows, String flags, String body) {
        String curl(int port) {
            return "curl " + (flags.isEmpty() ? "" : flags + " ") + "http://127.0.0.1:" + port
                    + "/api/v1/chat/completions -H \"Authorization: Bearer $DEMO_KEY\" -H \"Content-Type: application/json\" -d '"
                    + body + "'";
        }
    }

    private static final String HELLO = "\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]";
    private static final String LLAMA = "\"model\":\"meta-llama/llama-3.1-8b-instruct";

    static final List<Example> EXAMPLES = List.of(
            new Example("no model named: the default model, openai/gpt-4o-mini", "", "{" + HELLO + "}"),
            new Example("streamed: the tokens as they come, as server-sent events", "",
                    "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Stream these few words please\"}]}"),
            new Example(":floor sorts by price: BudgetGPU, the cheapest", "", "{" + LLAMA + ":floor\"," + HELLO + "}"),
            new Example(":nitro sorts by throughput: SwiftInfer, the fastest", "", "{" + LLAMA + ":nitro\"," + HELLO + "}"),
            new Example("data_collection deny: only providers that do not train on prompts (BudgetGPU does): SwiftInfer", "",
                    "{" + LLAMA + "\",\"provider\":{\"data_collection\":\"deny\"}," + HELLO + "}"),
            new Example("quantizations: only int4 endpoints: BudgetGPU", "",
                    "{" + LLAMA + "\",\"provider\":{\"quantizations\":[\"int4\"]}," + HELLO + "}"),
            new Example("max_price: at most $0.03 per million prompt tokens: BudgetGPU", "",
                    "{" + LLAMA + "\",\"provider\":{\"max_price\":{\"prompt\":0.03}}," + HELLO + "}"),
            new Example("fallback: BudgetGPU is over capacity for Qwen3 (a 503), so SwiftInfer answers; "
                    + "/api/v1/generation?id=<the id> lists both attempts", "",
                    "{\"model\":\"qwen/qwen3-8b\",\"provider\":{\"order\":[\"budget\",\"swift\"]}," + HELLO + "}"),
            new Example("openrouter/auto: a rule picks the model, the X-Junction-Auto-Route header names the rule", "-i",
                    "{\"model\":\"openrouter/auto\"," + HELLO + "}"),
            new Example(":thinking: the model reasons before it answers (message.reasoning)", "",
                    "{\"model\":\"qwen/qwen3-8b:thinking\",\"messages\":[{\"role\":\"user\",\"content\":\"Why is the sky blue?\"}]}"),
            new Example("tools: the model calls your function; require_parameters keeps only endpoints that take tools: SwiftInfer", "",
                    "{" + LLAMA + "\",\"provider\":{\"require_parameters\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],"
                            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\","
                            + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}]}"),
            new Example("structured output: JSON that conforms to your schema", "",
                    "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Plan a weekend in Lisbon\"}],"
                            + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"plan\",\"strict\":true,\"schema\":"
                            + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"days\":{\"type\":\"integer\",\"minimum\":1}},"
                            + "\"required\":[\"city\",\"days\"],\"additionalProperties\":false}}}}"),
            new Example(":free: BudgetGPU's free endpoint, priced zero (with its own rate limits)", "",
                    "{" + LLAMA + ":free\"," + HELLO + "}"));

    private DemoTour() {}
}
