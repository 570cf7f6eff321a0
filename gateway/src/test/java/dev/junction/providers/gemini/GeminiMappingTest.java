package dev.junction.providers.gemini;

import dev.junction.providers.UpstreamFailure;
import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small mappings of the Gemini translation, table by table. */
class GeminiMappingTest {

    @ParameterizedTest(name = "{0} → {2}")
    @CsvSource({
            "STOP, false, stop",
            "STOP, true, tool_calls",
            "MAX_TOKENS, true, length",
            "SAFETY, false, content_filter",
            "RECITATION, false, content_filter",
            "LANGUAGE, false, content_filter",
            "BLOCKLIST, false, content_filter",
            "PROHIBITED_CONTENT, false, content_filter",
            "SPII, false, content_filter",
            "IMAGE_SAFETY, false, content_filter",
            "IMAGE_PROHIBITED_CONTENT, false, content_filter",
            "IMAGE_RECITATION, false, content_filter",
            "MALFORMED_FUNCTION_CALL, false, error",
            "UNEXPECTED_TOOL_CALL, true, error",
            "TOO_MANY_TOOL_CALLS, true, error",
            "MISSING_THOUGHT_SIGNATURE, false, error",
            "MALFORMED_RESPONSE, false, error",
            "OTHER, false, stop",
            "IMAGE_OTHER, false, stop",
            "NO_IMAGE, false, stop",
            "FINISH_REASON_UNSPECIFIED, false, stop"})
    void everyFinishReason(String nativeReason, boolean madeCalls, String expected) {
        assertThat(GeminiFinishReasons.normalise(nativeReason, madeCalls)).isEqualTo(expected);
    }

    private static JsonNode thinking(String body, String model) {
        return GeminiThinking.config(Json.parse(body), model).map(c -> Json.parse(Json.text(c)))
                .orElse(Json.NODES.missingNode());
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
            "{}                                                     | gemini-2.5-flash       | ",
            "{\"reasoning\":{}}                                     | gemini-2.5-flash       | {\"thinkingBudget\":-1,\"includeThoughts\":true}",
            "{\"reasoning\":{\"enabled\":true}}                     | gemini-3-pro-preview   | {\"includeThoughts\":true}",
            "{\"reasoning\":{\"enabled\":false}}                    | gemini-2.5-flash       | {\"thinkingBudget\":0}",
            "{\"reasoning\":{\"enabled\":false}}                    | gemini-3-flash-preview | {\"thinkingLevel\":\"minimal\"}",
            "{\"reasoning\":{\"effort\":\"none\"}}                  | gemini-2.5-flash-lite  | {\"thinkingBudget\":0}",
            "{\"reasoning\":{\"effort\":\"minimal\"}}               | gemini-2.5-flash       | {\"thinkingBudget\":512,\"includeThoughts\":true}",
            "{\"reasoning\":{\"effort\":\"low\"}}                   | gemini-2.5-pro         | {\"thinkingBudget\":2048,\"includeThoughts\":true}",
            "{\"reasoning\":{\"effort\":\"medium\"}}                | models/gemini-2.5-pro  | {\"thinkingBudget\":8192,\"includeThoughts\":true}",
            "{\"reasoning\":{\"effort\":\"high\",\"exclude\":true}} | gemini-2.5-pro         | {\"thinkingBudget\":24576,\"includeThoughts\":false}",
            "{\"reasoning\":{\"effort\":\"xhigh\"}}                 | gemini-2.0-flash       | {\"thinkingBudget\":32768,\"includeThoughts\":true}",
            "{\"reasoning\":{\"effort\":\"low\"}}                   | gemini-3-pro-preview   | {\"thinkingLevel\":\"low\",\"includeThoughts\":true}",
            "{\"reasoning\":{\"effort\":\"medium\"}}                | gemini-3-flash-preview | {\"thinkingLevel\":\"medium\",\"includeThoughts\":true}",
            "{\"reasoning\":{\"effort\":\"max\"}}                   | gemini-3.1-pro         | {\"thinkingLevel\":\"high\",\"includeThoughts\":true}",
            "{\"reasoning\":{\"max_tokens\":1000,\"effort\":\"low\"}} | gemini-3-pro-preview | {\"thinkingBudget\":1000,\"includeThoughts\":true}",
            "{\"reasoning_effort\":\"high\"}                        | gemini-2.5-flash       | {\"thinkingBudget\":24576,\"includeThoughts\":true}",
            "{\"include_reasoning\":true}                           | gemini-2.5-flash       | {\"includeThoughts\":true}",
            "{\"include_reasoning\":false}                          | gemini-2.5-flash       | {\"includeThoughts\":false}"})
    void reasoningBecomesThinkingConfig(String body, String model, String expected) {
        JsonNode actual = thinking(body, model);
        if (expected == null) {
            assertThat(actual.isMissingNode()).as("no thinkingConfig").isTrue();
        } else {
            assertThat(actual).isEqualTo(Json.parse(expected));
        }
    }

    @Test
    void mediaTypesComeFromTheUrlThenTheFileNameThenTheDefault() {
        assertThat(GeminiMedia.part("https://x.test/a/photo.PNG?size=2", Optional.empty(), "image/jpeg", "p"))
                .isEqualTo(Json.parse("""
                        {"fileData":{"mimeType":"image/png","fileUri":"https://x.test/a/photo.PNG?size=2"}}"""));
        assertThat(GeminiMedia.part("https://x.test/download/7", Optional.of("notes.txt"), "application/pdf", "p")
                .path("fileData").path("mimeType").asString()).isEqualTo("text/plain");
        assertThat(GeminiMedia.part("https://x.test/v1.2/file", Optional.empty(), "application/pdf", "p")
                .path("fileData").path("mimeType").asString()).isEqualTo("application/pdf");
        assertThat(GeminiMedia.part("https://youtu.be/abc", Optional.empty(), "video/mp4", "p"))
                .isEqualTo(Json.parse("""
                        {"fileData":{"fileUri":"https://youtu.be/abc"}}"""));
    }

    @Test
    void dataUrlsBecomeInlineDataEvenWhenNotBase64() {
        assertThat(GeminiMedia.part("data:image/jpeg;base64,/9j/4AAQ", Optional.empty(), "image/png", "p"))
                .isEqualTo(Json.parse("""
                        {"inlineData":{"mimeType":"image/jpeg","data":"/9j/4AAQ"}}"""));
        assertThat(GeminiMedia.part("data:text/plain;charset=utf-8,hello%20world", Optional.empty(), "x", "p"))
                .isEqualTo(Json.parse("""
                        {"inlineData":{"mimeType":"text/plain","data":"aGVsbG8gd29ybGQ="}}"""));
        assertThatThrownBy(() -> GeminiMedia.part("ftp://x.test/a.png", Optional.empty(), "image/png", "m[0]"))
                .isInstanceOf(GeminiRequestException.class).hasMessageStartingWith("m[0]");
    }

    @Test
    void dataUrlsArePercentDecodedAsRfc2397SaysOrRefusedNamingThePart() {
        // '+' is a plus in a data: URL, and bytes that are not UTF-8 arrive as they were sent.
        assertThat(GeminiMedia.part("data:text/plain,a+b%FF", Optional.empty(), "x", "p"))
                .isEqualTo(Json.parse("""
                        {"inlineData":{"mimeType":"text/plain","data":"YSti/w=="}}"""));
        assertThatThrownBy(() -> GeminiMedia.part("data:text/plain,%zz", Optional.empty(), "x",
                "messages[0].content[1].image_url.url"))
                .isInstanceOf(GeminiRequestException.class)
                .hasMessage("messages[0].content[1].image_url.url: the data: URL has a malformed %-escape '%zz' "
                        + "(a % must be followed by two hexadecimal digits)");
        assertThatThrownBy(() -> GeminiMedia.part("data:,abc%4", Optional.empty(), "x", "p"))
                .isInstanceOf(GeminiRequestException.class).hasMessageContaining("'%4'");
    }

    @Test
    void aReasoningBudgetBeyondInt32IsTheLargestGeminiCanCarry() {
        assertThat(thinking("{\"reasoning\":{\"max_tokens\":1099511627776}}", "gemini-2.5-pro").path("thinkingBudget").asInt())
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(thinking("{\"reasoning\":{\"max_tokens\":123456789012345678901234567890}}", "gemini-2.5-pro")
                .path("thinkingBudget").asInt()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void derivedToolCallIdsAreStableOpenAiShapedAndNeverEchoed() {
        String id = GeminiToolCallIds.of(Optional.empty(), "resp-1", 0, 0, "get_weather");
        assertThat(id).matches("call_[A-Za-z0-9]{24}")
                .isEqualTo(GeminiToolCallIds.of(Optional.empty(), "resp-1", 0, 0, "get_weather"))
                .isNotEqualTo(GeminiToolCallIds.of(Optional.empty(), "resp-1", 0, 1, "get_weather"))
                .isNotEqualTo(GeminiToolCallIds.of(Optional.empty(), "resp-2", 0, 0, "get_weather"));
        assertThat(GeminiToolCallIds.echoToGemini(id)).isFalse();
        assertThat(GeminiToolCallIds.echoToGemini("toolu_01A09q90qw90lq917835lq9")).isFalse();
        assertThat(GeminiToolCallIds.of(Optional.of("fc-123"), "resp-1", 0, 0, "f")).isEqualTo("fc-123");
        assertThat(GeminiToolCallIds.echoToGemini("fc-123")).isTrue();
    }

    @Test
    void pathsPutBareModelNamesUnderModels() {
        assertThat(GeminiProvider.path("gemini-2.5-flash", false)).isEqualTo("/models/gemini-2.5-flash:generateContent");
        assertThat(GeminiProvider.path("gemini-2.5-flash", true))
                .isEqualTo("/models/gemini-2.5-flash:streamGenerateContent?alt=sse");
        assertThat(GeminiProvider.path("tunedModels/my-model-7", false))
                .isEqualTo("/tunedModels/my-model-7:generateContent");
    }

    @Test
    void retryDelayBecomesRetryAfterUnlessTheHeaderSaidSo() {
        String body = """
                {"error":{"code":429,"message":"Quota","status":"RESOURCE_EXHAUSTED","details":[
                 {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"0.2s"}]}}""";
        UpstreamFailure plain = new UpstreamFailure(UpstreamFailure.Kind.HTTP_STATUS, "G", 429, "m",
                Optional.of(body), Optional.empty());
        assertThat(GeminiErrors.refine(plain).retryAfter()).contains("1");
        assertThat(GeminiErrors.refine(plain).message()).isEqualTo("G returned HTTP 429 RESOURCE_EXHAUSTED: Quota");
        UpstreamFailure withHeader = new UpstreamFailure(UpstreamFailure.Kind.HTTP_STATUS, "G", 429, "m",
                Optional.of(body), Optional.of("5"));
        assertThat(GeminiErrors.refine(withHeader).retryAfter()).contains("5");
        UpstreamFailure html = new UpstreamFailure(UpstreamFailure.Kind.HTTP_STATUS, "G", 502, "G returned HTTP 502",
                Optional.of("<html>Bad Gateway</html>"), Optional.empty());
        assertThat(GeminiErrors.refine(html)).isEqualTo(html);
    }
}
