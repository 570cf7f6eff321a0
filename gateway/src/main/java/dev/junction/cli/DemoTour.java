package dev.junction.cli;

import java.util.List;

/**
 * The requests the demo suggests, one per routing feature worth seeing (docs/routing.md), each a curl a person can
 * paste: what it shows, and the request. The README lists the same commands, and a test checks that each does what
 * its comment says.
 */
final class DemoTour {
    /**
     * @param shows     what the request demonstrates, and what answers it
     * @param flags     extra curl flags ({@code -i} to see a header)
     * @param body      the chat completion request
     * @param highlight whether the demo prints it (the README lists them all)
     */
    record Example(String shows, String flags, String body, boolean highlight) {
        String curl(int port) {
            return "curl " + (flags.isEmpty() ? "" : flags + " ") + "http://127.0.0.1:" + port
                    + "/api/v1/chat/completions -H \"Authorization: Bearer $DEMO_KEY\" -H \"Content-Type: application/json\" -d '"
                    + body + "'";
        }
    }

    private static final String HELLO = "\"messages\":[{\"role\":\"user\",\"content\":\"Hello!\"}]";
    private static final String LLAMA = "\"model\":\"meta-llama/llama-3.1-8b-instruct";

    private static Example shown(String shows, String body) {
        return new Example(shows, "", body, true);
    }

    private static Example listed(String shows, String body) {
        return new Example(shows, "", body, false);
    }

    /** Llama 3.1 8B, which both SwiftInfer and BudgetGPU serve, with these {@code provider} preferences. */
    private static String llamaWith(String preferences) {
        return "{" + LLAMA + "\",\"provider\":{" + preferences + "}," + HELLO + "}";
    }

    static final List<Example> EXAMPLES = List.of(
            shown("no model named: the default model, openai/gpt-4o-mini", "{" + HELLO + "}"),
            shown("streamed: the tokens as they come, as server-sent events",
                    "{\"model\":\"openai/gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Stream these few words please\"}]}"),
            shown(":floor sorts by price: BudgetGPU, the cheapest", "{" + LLAMA + ":floor\"," + HELLO + "}"),
            listed(":nitro sorts by throughput: SwiftInfer, the fastest", "{" + LLAMA + ":nitro\"," + HELLO + "}"),
            listed("sort by latency (time to the first token): SwiftInfer", llamaWith("\"sort\":\"latency\"")),
            listed("sort by price without fallbacks: BudgetGPU alone is tried",
                    llamaWith("\"sort\":\"price\",\"allow_fallbacks\":false")),
            listed("preferred_max_latency: BudgetGPU's first token takes longer than 0.2 s, so SwiftInfer goes first",
                    llamaWith("\"sort\":\"price\",\"preferred_max_latency\":0.2")),
            listed("only: the providers named: BudgetGPU", llamaWith("\"only\":[\"budget\"]")),
            listed("ignore: all but the providers named: BudgetGPU", llamaWith("\"ignore\":[\"swift\"]")),
            shown("data_collection deny: only providers that do not train on prompts (BudgetGPU does): SwiftInfer",
                    llamaWith("\"data_collection\":\"deny\"")),
            listed("zdr: only providers that neither train on nor keep prompts: SwiftInfer", llamaWith("\"zdr\":true")),
            listed("quantizations: only int4 endpoints: BudgetGPU", llamaWith("\"quantizations\":[\"int4\"]")),
            listed("max_price: at most $0.03 per million prompt tokens: BudgetGPU",
                    llamaWith("\"max_price\":{\"prompt\":0.03}")),
            listed("context window: the prompt plus max_tokens must fit, and BudgetGPU's 16k does not: SwiftInfer",
                    "{" + LLAMA + "\",\"max_tokens\":20000," + HELLO + "}"),
            shown("fallback: BudgetGPU is over capacity for Qwen3 (a 503), so SwiftInfer answers; "
                    + "/api/v1/generation?id=<the id> lists both attempts",
                    "{\"model\":\"qwen/qwen3-8b\",\"provider\":{\"order\":[\"budget\",\"swift\"]}," + HELLO + "}"),
            listed("models: the next model when every endpoint of the first fails: openai/gpt-4o-mini",
                    "{\"model\":\"qwen/qwen3-8b\",\"models\":[\"openai/gpt-4o-mini\"],\"provider\":{\"ignore\":[\"swift\"]}," + HELLO + "}"),
            new Example("openrouter/auto: a rule picks the model, the X-Junction-Auto-Route header names the rule", "-i",
                    "{\"model\":\"openrouter/auto\"," + HELLO + "}", true),
            shown(":thinking: the model reasons before it answers (message.reasoning)",
                    "{\"model\":\"qwen/qwen3-8b:thinking\",\"messages\":[{\"role\":\"user\",\"content\":\"Why is the sky blue?\"}]}"),
            listed(":exacto: only the endpoints that declare it: SwiftInfer", "{" + LLAMA + ":exacto\"," + HELLO + "}"),
            listed(":extended: only the endpoints that declare it: SwiftInfer, 131k tokens of context",
                    "{\"model\":\"qwen/qwen3-8b:extended\"," + HELLO + "}"),
            shown(":online: web search (the sim's SearXNG endpoint): the answer's sources as url_citation annotations "
                    + "(message.annotations), each result billed", "{\"model\":\"openai/gpt-4o-mini:online\",\"messages\":"
                    + "[{\"role\":\"user\",\"content\":\"What is new in Java 25?\"}]}"),
            listed(":free: BudgetGPU's free endpoint, priced zero (with its own rate limits)", "{" + LLAMA + ":free\"," + HELLO + "}"),
            shown("tools: the model calls your function; require_parameters keeps only endpoints that take tools: SwiftInfer",
                    "{" + LLAMA + "\",\"provider\":{\"require_parameters\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],"
                            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\","
                            + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}]}"),
            shown("structured output: JSON that conforms to your schema",
                    "{\"model\":\"openai/gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Plan a weekend in Lisbon\"}],"
                            + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"plan\",\"strict\":true,\"schema\":"
                            + "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"days\":{\"type\":\"integer\",\"minimum\":1}},"
                            + "\"required\":[\"city\",\"days\"],\"additionalProperties\":false}}}}"));

    private DemoTour() {}
}
