package dev.junction.e2e;

import dev.junction.testing.GatewayExtension;
import dev.junction.wire.Json;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PDF input through the {@code file-parser} plugin: a real PDF, made here with PDFBox, sent to a model that cannot
 * read PDFs reaches the upstream as its text, and comes back as a {@code file} annotation that a client can send
 * back to skip parsing.
 */
class PdfInputTest {
    @RegisterExtension
    static final GatewayExtension gateway = GatewayExtension.withSim().config("""
            catalog: {bundled: false}
            providers:
              sim: {name: Sim, base-url: "${SIM_URL}"}
            models:
              acme/text-only:
                endpoints: [{provider: sim, upstream-model: text-only}]
              acme/reads-files:
                input-modalities: [text, file]
                endpoints: [{provider: sim, upstream-model: reads-files}]
            """);

    private static final String PDF_DATA = "data:application/pdf;base64,"
            + Base64.getEncoder().encodeToString(pdf("Quarterly report", "Revenue grew by 42 percent."));

    @BeforeEach
    void reset() {
        gateway.sim().stats().reset();
    }

    /** A two-page PDF, one line of text on each page. */
    static byte[] pdf(String... lines) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String line : lines) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                    text.beginText();
                    text.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    text.newLineAtOffset(72, 700);
                    text.showText(line);
                    text.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode request(String model, String fileData) {
        ObjectNode body = Json.object().put("model", model);
        ArrayNode content = body.putArray("messages").addObject().put("role", "user").putArray("content");
        content.addObject().put("type", "text").put("text", "Summarise this report.");
        content.addObject().put("type", "file").putObject("file").put("filename", "report.pdf")
                .put("file_data", fileData);
        return body;
    }

    private static HttpResponse<String> post(ObjectNode body) {
        return gateway.post("/api/v1/chat/completions", Json.text(body));
    }

    private static JsonNode sentParts() {
        return gateway.sim().stats().last().orElseThrow().body().at("/messages/0/content");
    }

    @Test
    void aModelThatCannotReadPdfsGetsTheTextAndTheAnswerCarriesItAsAnAnnotation() {
        HttpResponse<String> response = post(request("acme/text-only", PDF_DATA));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

        JsonNode parts = sentParts();
        assertThat(parts).hasSize(2);
        assertThat(parts.get(1).get("type").asString()).isEqualTo("text");
        assertThat(parts.get(1).get("text").asString()).startsWith("<file name=\"report.pdf\">")
                .contains("Quarterly report").contains("Revenue grew by 42 percent.");

        JsonNode annotation = Json.parse(response.body()).at("/choices/0/message/annotations/0");
        assertThat(annotation.get("type").asString()).isEqualTo("file");
        assertThat(annotation.at("/file/name").asString()).isEqualTo("report.pdf");
        assertThat(annotation.at("/file/hash").asString()).hasSize(64);
        assertThat(annotation.at("/file/content/0/text").asString()).contains("Revenue grew by 42 percent.");
    }

    @Test
    void aStreamCarriesTheAnnotationInItsFirstDelta() {
        ObjectNode body = request("acme/text-only", PDF_DATA).put("stream", true);
        HttpResponse<java.io.InputStream> response = gateway.postStreaming("/api/v1/chat/completions", Json.text(body));
        assertThat(response.statusCode()).isEqualTo(200);
        try (var reader = new dev.junction.testing.SseReader(response.body())) {
            JsonNode first = Json.parse(reader.readAll().getFirst());
            assertThat(first.at("/choices/0/delta/annotations/0/file/content/0/text").asString())
                    .contains("Revenue grew by 42 percent.");
        }
    }

    @Test
    void theAnnotationSentBackIsUsedInsteadOfParsingAgain() {
        JsonNode first = Json.parse(post(request("acme/text-only", PDF_DATA)).body());
        ObjectNode annotation = (ObjectNode) first.at("/choices/0/message/annotations/0").deepCopy();
        // The client's copy says something the PDF does not: seeing it upstream proves nothing was parsed.
        ((ObjectNode) annotation.at("/file/content/0")).put("text", "text the client kept");

        ObjectNode again = request("acme/text-only", PDF_DATA);
        ArrayNode messages = (ArrayNode) again.get("messages");
        ObjectNode assistant = messages.addObject().put("role", "assistant").put("content", "Revenue is up.");
        assistant.putArray("annotations").add(annotation);
        messages.addObject().put("role", "user").put("content", "By how much?");
        assertThat(post(again).statusCode()).isEqualTo(200);
        assertThat(sentParts().get(1).get("text").asString()).contains("text the client kept")
                .doesNotContain("Quarterly report");
    }

    @Test
    void aModelThatReadsFilesGetsThePdfItselfUnlessTextIsAskedFor() {
        assertThat(post(request("acme/reads-files", PDF_DATA)).statusCode()).isEqualTo(200);
        assertThat(sentParts().get(1).get("type").asString()).isEqualTo("file");

        ObjectNode text = request("acme/reads-files", PDF_DATA);
        text.putArray("plugins").addObject().put("id", "file-parser").putObject("pdf").put("engine", "pdf-text");
        assertThat(post(text).statusCode()).isEqualTo(200);
        assertThat(sentParts().get(1).get("text").asString()).contains("Quarterly report");
    }

    @Test
    void whatCannotBeParsedIsAClearBadRequest() {
        ObjectNode ocr = request("acme/text-only", PDF_DATA);
        ocr.putArray("plugins").addObject().put("id", "file-parser").putObject("pdf").put("engine", "mistral-ocr");
        HttpResponse<String> refused = post(ocr);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(Json.parse(refused.body()).at("/error/message").asString()).contains("mistral-ocr");

        HttpResponse<String> byUrl = post(request("acme/text-only", "https://example.com/report.pdf"));
        assertThat(byUrl.statusCode()).isEqualTo(400);
        assertThat(Json.parse(byUrl.body()).at("/error/message").asString()).contains("by URL");

        HttpResponse<String> broken = post(request("acme/text-only",
                "data:application/pdf;base64," + Base64.getEncoder().encodeToString("not a pdf".getBytes())));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(Json.parse(broken.body()).at("/error/message").asString()).contains("report.pdf");
        assertThat(gateway.sim().stats().count()).as("nothing went upstream").isZero();
    }
}
