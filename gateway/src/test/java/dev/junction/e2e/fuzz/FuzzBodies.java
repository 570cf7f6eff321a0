package dev.junction.e2e.fuzz;

import dev.junction.wire.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Valid request bodies for every route that takes one, varied field by field: what the mutator starts from.
 * A 1x1 PNG and a tiny PDF stand in for real media; nothing here makes the simulator echo much text.
 */
final class FuzzBodies {
    static final String VERIFIER = "fuzz-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
    static final String CALLBACK = "https://app.example/cb";
    private static final String PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
            + "YPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    private static final String PDF = "data:application/pdf;base64,JVBERi0xLjQKJSVFT0YK";

    private final RandomGenerator random;

    FuzzBodies(RandomGenerator random) {
        this.random = random;
    }

    ObjectNode chat(String model) {
        ObjectNode body = Json.object().put("model", model);
        ArrayNode messages = body.putArray("messages");
        switch (random.nextInt(6)) {
            case 0 -> messages.addObject().put("role", "user").put("content", "hello fuzz");
            case 1 -> {
                messages.addObject().put("role", "system").put("content", "be brief");
                messages.addObject().put("role", "user").put("content", "one two three");
                messages.addObject().put("role", "assistant").put("content", "four");
                messages.addObject().put("role", "user").put("content", "five");
            }
            case 2 -> {
                ArrayNode parts = messages.addObject().put("role", "user").putArray("content");
                parts.addObject().put("type", "text").put("text", "look");
                parts.addObject().put("type", "image_url").putObject("image_url").put("url",
                        random.nextBoolean() ? PNG : "https://img.example/cat.png");
                if (random.nextBoolean()) {
                    parts.addObject().put("type", "file").putObject("file").put("filename", "a.pdf").put("file_data", PDF);
                }
            }
            case 3 -> {
                messages.addObject().put("role", "user").put("content", "weather in Paris?");
                ObjectNode assistant = messages.addObject().put("role", "assistant");
                assistant.putNull("content");
                ObjectNode call = assistant.putArray("tool_calls").addObject().put("id", "call_1").put("type", "function");
                call.putObject("function").put("name", "weather").put("arguments", "{\"city\":\"Paris\"}");
                messages.addObject().put("role", "tool").put("tool_call_id", "call_1").put("content", "sunny");
                tools(body);
            }
            case 4 -> messages.addObject().put("role", "developer").put("content", "terse");
            default -> {
                messages.addObject().put("role", "user").put("content", "hi");
            }
        }
        if (messages.get(messages.size() - 1).path("role").asString().equals("developer")) {
            messages.addObject().put("role", "user").put("content", "go");
        }
        common(body);
        return body;
    }

    /** A Responses API request: text or items (a tool call and its output), with its own spellings of the settings. */
    ObjectNode responses(String model) {
        ObjectNode body = Json.object().put("model", model);
        switch (random.nextInt(4)) {
            case 0 -> body.put("input", "hello fuzz");
            case 1 -> {
                ArrayNode input = body.putArray("input");
                input.addObject().put("role", "user").put("content", "weather in Paris?");
                input.addObject().put("type", "function_call").put("call_id", "call_1").put("name", "weather")
                        .put("arguments", "{\"city\":\"Paris\"}");
                input.addObject().put("type", "function_call_output").put("call_id", "call_1").put("output", "sunny");
                ObjectNode tool = body.putArray("tools").addObject().put("type", "function").put("name", "weather");
                tool.putObject("parameters").put("type", "object");
            }
            case 2 -> {
                ArrayNode parts = body.putArray("input").addObject().put("role", "user").putArray("content");
                parts.addObject().put("type", "input_text").put("text", "look");
                parts.addObject().put("type", "input_image").put("image_url", PNG);
            }
            default -> body.put("input", "hi").put("instructions", "be brief");
        }
        if (random.nextInt(3) == 0) body.put("stream", true);
        if (chance()) body.put("max_output_tokens", random.nextInt(1, 64));
        if (chance()) body.put("temperature", 0.7);
        if (chance()) body.putObject("reasoning").put("effort", pick(List.of("low", "high")));
        if (chance()) body.putObject("text").putObject("format").put("type", "json_object");
        if (chance()) body.putObject("metadata").put("trace", "fuzz");
        if (chance()) provider(body);
        if (chance()) body.putArray("models").add(pick(List.of("fuzz/ok", "google/flash", "anthropic/claude", "fuzz/fails")));
        return body;
    }

    /** An Anthropic Messages API request: Anthropic's own shapes for the system prompt, content and tools. */
    ObjectNode messages(String model) {
        ObjectNode body = Json.object().put("model", model).put("max_tokens", random.nextInt(1, 64));
        ArrayNode messages = body.putArray("messages");
        switch (random.nextInt(3)) {
            case 0 -> messages.addObject().put("role", "user").put("content", "hello fuzz");
            case 1 -> {
                messages.addObject().put("role", "user").put("content", "weather in Paris?");
                ObjectNode use = messages.addObject().put("role", "assistant").putArray("content").addObject()
                        .put("type", "tool_use").put("id", "toolu_1").put("name", "weather");
                use.putObject("input").put("city", "Paris");
                messages.addObject().put("role", "user").putArray("content").addObject()
                        .put("type", "tool_result").put("tool_use_id", "toolu_1").put("content", "sunny");
                ObjectNode tool = body.putArray("tools").addObject().put("name", "weather");
                tool.putObject("input_schema").put("type", "object");
            }
            default -> {
                ArrayNode system = body.putArray("system");
                system.addObject().put("type", "text").put("text", "be brief").putObject("cache_control").put("type", "ephemeral");
                messages.addObject().put("role", "user").put("content", "hi");
            }
        }
        if (random.nextInt(3) == 0) body.put("stream", true);
        if (chance()) body.put("temperature", 0.7);
        if (chance()) body.putArray("stop_sequences").add("\n\n");
        if (chance()) body.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024);
        if (chance()) body.putObject("metadata").put("user_id", "fuzz-user");
        if (chance()) provider(body);
        return body;
    }

    ObjectNode embeddings(String model) {
        ObjectNode body = Json.object().put("model", model);
        switch (random.nextInt(5)) {
            case 0 -> body.put("input", "embed me");
            case 1 -> body.putArray("input").add("one").add("two three").add("four");
            case 2 -> body.putArray("input").add(1).add(2).add(3);
            case 3 -> body.putArray("input").addArray().add(4).add(5);
            default -> {
                ArrayNode inputs = body.putArray("input");
                for (int i = 0; i < random.nextInt(1, 300); i++) {
                    inputs.add("text " + i);
                }
            }
        }
        if (chance()) body.put("encoding_format", random.nextBoolean() ? "base64" : "float");
        if (chance()) body.put("dimensions", random.nextInt(1, 64));
        if (chance()) body.put("input_type", pick(List.of("search_query", "search_document", "clustering")));
        if (chance()) body.put("user", "fuzz-user");
        if (chance()) body.putArray("models").add(pick(List.of("fuzz/embed", "google/embed", "fuzz/ok")));
        return body;
    }

    ObjectNode rerank(String model) {
        ObjectNode body = Json.object().put("model", model).put("query", "red apple");
        ArrayNode documents = body.putArray("documents");
        documents.add("a red apple").add("blue sky");
        if (random.nextBoolean()) {
            documents.addObject().put("text", "apple pie");
        }
        if (chance()) body.put("top_n", random.nextInt(1, 4));
        if (chance()) body.put("return_documents", random.nextBoolean());
        if (chance()) body.putArray("models").add(pick(List.of("fuzz/rerank", "fuzz/embed")));
        return body;
    }

    ObjectNode legacy(String model) {
        ObjectNode body = Json.object().put("model", model);
        switch (random.nextInt(3)) {
            case 0 -> body.put("prompt", "once upon");
            case 1 -> body.putArray("prompt").add("a b").add("c");
            default -> body.putArray("prompt").add(1).add(2).add(3);
        }
        common(body);
        return body;
    }

    /** Optional request fields, each present about one time in four. */
    private void common(ObjectNode body) {
        if (random.nextInt(3) == 0) {
            body.put("stream", true);
        }
        if (chance()) body.put("max_tokens", random.nextInt(1, 64));
        if (chance()) body.put("temperature", 0.7);
        if (chance()) body.put("top_p", 0.9);
        if (chance()) body.put("top_k", 40);
        if (chance()) body.put("seed", 42);
        if (chance()) body.putArray("stop").add("\n\n");
        if (chance()) body.put("frequency_penalty", 0.1).put("presence_penalty", 0.2).put("repetition_penalty", 1.1);
        if (chance()) body.put("min_p", 0.05).put("top_a", 0.1);
        if (chance()) body.putObject("logit_bias").put("50256", -100);
        if (chance()) body.put("logprobs", true).put("top_logprobs", 2);
        if (chance()) body.put("n", 1);
        if (chance()) body.put("user", "fuzz-user");
        if (chance()) body.putObject("stream_options").put("include_usage", true);
        if (chance()) body.putObject("usage").put("include", true);
        if (chance()) reasoning(body);
        if (chance()) provider(body);
        if (chance()) body.putArray("models").add(pick(List.of("fuzz/ok", "google/flash", "anthropic/claude", "fuzz/fails")));
        if (chance()) responseFormat(body);
        if (chance() && !body.has("tools")) tools(body);
        if (chance()) body.putArray("transforms").add("middle-out");
        if (chance()) body.putObject("metadata").put("trace", "fuzz");
        if (chance()) body.put("verbosity", "low");
        if (chance()) body.putArray("plugins").addObject().put("id", "web");
    }

    private void reasoning(ObjectNode body) {
        ObjectNode r = body.putObject("reasoning");
        switch (random.nextInt(4)) {
            case 0 -> r.put("effort", pick(List.of("minimal", "low", "medium", "high", "xhigh", "none")));
            case 1 -> r.put("max_tokens", pick(List.of(0, 1024, 4096, 100_000)));
            case 2 -> r.put("enabled", true).put("exclude", true);
            default -> r.put("exclude", false);
        }
    }

    private void provider(ObjectNode body) {
        ObjectNode p = body.putObject("provider");
        if (chance()) p.putArray("order").add("sim").add("google");
        if (chance()) p.put("allow_fallbacks", random.nextBoolean());
        if (chance()) p.put("sort", pick(List.of("price", "throughput", "latency")));
        if (chance()) p.putObject("max_price").put("prompt", 1).put("completion", 2);
        if (chance()) p.put("data_collection", pick(List.of("allow", "deny")));
        if (chance()) p.put("zdr", false);
        if (chance()) p.putArray("only").add("sim");
        if (chance()) p.putArray("ignore").add("claude");
        if (chance()) p.putArray("quantizations").add("fp8");
        if (chance()) p.put("require_parameters", random.nextBoolean());
    }

    private void responseFormat(ObjectNode body) {
        ObjectNode f = body.putObject("response_format");
        if (random.nextBoolean()) {
            f.put("type", "json_object");
        } else {
            ObjectNode schema = f.put("type", "json_schema").putObject("json_schema").put("name", "answer").put("strict", true)
                    .putObject("schema").put("type", "object");
            schema.putObject("properties").putObject("city").put("type", "string");
            schema.putArray("required").add("city");
        }
    }

    private void tools(ObjectNode body) {
        ObjectNode fn = body.putArray("tools").addObject().put("type", "function").putObject("function")
                .put("name", "weather").put("description", "the weather");
        ObjectNode params = fn.putObject("parameters").put("type", "object");
        params.putObject("properties").putObject("city").put("type", "string");
        if (chance()) body.put("tool_choice", pick(List.of("auto", "none", "required")));
        if (chance()) body.put("parallel_tool_calls", false);
    }

    ObjectNode keyCreate(int index) {
        ObjectNode body = Json.object().put("name", "fuzz-" + index);
        if (chance()) body.put("limit", 2.5);
        if (chance()) body.put("limit_reset", pick(List.of("daily", "weekly", "monthly")));
        if (chance()) body.put("include_byok_in_limit", true);
        if (chance()) body.putObject("rate_limit").put("requests", 100).put("interval", "10s");
        return body;
    }

    ObjectNode keyPatch() {
        ObjectNode body = Json.object();
        if (chance()) body.put("name", "renamed");
        if (random.nextBoolean()) body.put("limit", pick(List.of(0.5, 3.0, 0.000001)));
        if (chance()) body.putNull("limit");
        if (chance()) body.put("limit_reset", pick(List.of("daily", "monthly")));
        if (random.nextBoolean()) body.put("disabled", random.nextInt(3) == 0);
        if (chance()) body.putObject("rate_limit").put("requests", 5).put("interval", "1s");
        return body;
    }

    ObjectNode guardrail(int index) {
        ObjectNode body = Json.object().put("name", "fuzz-guardrail-" + index);
        if (chance()) body.putArray("allowed_models").add("fuzz/ok").add("google/flash");
        if (chance()) body.putArray("ignored_providers").add("sim");
        if (chance()) body.put("enforce_zdr", random.nextBoolean());
        if (chance()) body.put("enable_paid_model_training", false);
        if (chance()) body.put("limit_usd", 5).put("reset_interval", pick(List.of("daily", "weekly", "monthly")));
        if (chance()) body.putObject("max_price").put("prompt", 1).put("completion", 2);
        if (chance()) body.putArray("allowed_features").add("tools").add("streaming");
        if (chance()) body.put("description", "fuzzed");
        return body;
    }

    /**
     * An entry for a provider the fuzz configuration does not have: created for real (the run's keys must keep
     * calling their providers with the gateway's own keys, which the sims require), refused for a provider it has not.
     */
    ObjectNode byok() {
        ObjectNode body = Json.object().put("provider", pick(List.of("byok-only", "byok-only", "nobody"))).put("key", "sk-fuzz-byok-0123456789");
        if (chance()) body.put("name", "fuzzed");
        if (chance()) body.put("disabled", random.nextBoolean());
        if (chance()) body.putArray("allowed_models").add("fuzz/ok");
        return body;
    }

    ObjectNode workspace(int index) {
        ObjectNode body = Json.object().put("name", "Fuzz workspace " + index).put("slug", "fuzz-ws-" + index);
        if (chance()) body.put("description", "fuzzed");
        if (chance()) body.put("default_provider_sort", pick(List.of("price", "latency", "fastest")));
        if (chance()) body.put("is_observability_broadcast_enabled", random.nextBoolean());
        return body;
    }

    ObjectNode budget() {
        ObjectNode body = Json.object().put("limit_usd", pick(List.of(1000, 5, 0, -1)));
        if (chance()) body.put("include_byok_in_budgets", random.nextBoolean());
        return body;
    }

    ObjectNode preset(String model) {
        ObjectNode body = Json.object().put("name", "Fuzz preset");
        if (random.nextBoolean()) body.put("slug", "fuzz-preset");
        ObjectNode config = body.putObject("config");
        if (random.nextBoolean()) config.put("model", model);
        if (chance()) config.putArray("models").add("fuzz/ok");
        if (chance()) config.putObject("provider").put("sort", "price");
        if (chance()) config.put("temperature", 0.5).put("max_tokens", 16);
        if (chance()) body.put("system_prompt", "You are a fuzzed preset.");
        if (chance()) body.put("status", pick(List.of("active", "disabled", "archived")));
        return body;
    }

    ObjectNode keyHashes(java.util.Collection<String> hashes) {
        ObjectNode body = Json.object();
        var array = body.putArray("key_hashes");
        hashes.stream().limit(2).forEach(array::add);
        if (chance()) array.add("0".repeat(64));
        return body;
    }

    ObjectNode grant() {
        return Json.object().put("amount", pick(List.of(0.01, 0.25, 1.0)));
    }

    ObjectNode code(String challenge) {
        ObjectNode body = Json.object().put("callback_url", CALLBACK).put("code_challenge", challenge)
                .put("code_challenge_method", "S256");
        if (chance()) body.put("limit", 1);
        return body;
    }

    ObjectNode exchange() {
        return Json.object().put("code", "{{code}}").put("code_verifier", VERIFIER);
    }

    private boolean chance() {
        return random.nextInt(4) == 0;
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
