package dev.junction.plugins;

import dev.junction.wire.InvalidRequestException;
import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * OpenRouter's {@code file-parser} plugin for PDFs in {@code file} content parts
 * ({@code {type: "file", file: {filename, file_data}}}): an upstream that reads PDFs gets the document itself
 * ({@code native}); any other gets its text ({@code pdf-text}, {@link PdfText}) in a text part in its place. The
 * text goes back to the client as a {@code file} annotation on the answer
 * ({@code {type: "file", file: {hash, name, content: [{type: "text", text}]}}}); a client that sends the assistant
 * message back with its annotations has the document's text taken from there, matched by the SHA-256 of the PDF,
 * rather than parsed again.
 */
public final class FileParser {
    public static final String ID = "file-parser";

    /** The PDF engine the request asks for. */
    public enum Engine {
        /** None named: native where the upstream reads PDFs, text elsewhere. */
        DEFAULT,
        /** The PDF goes to the upstream as it is, whatever the upstream makes of it. */
        NATIVE,
        /** The text is extracted for every upstream ({@code pdf-text}, and {@code cloudflare-ai} as the same). */
        TEXT
    }

    /**
     * A body whose PDFs were replaced by their text.
     *
     * @param body        the body for upstreams that get text
     * @param annotations the {@code file} annotations for the answer, one per document
     */
    public record Parsed(ObjectNode body, ArrayNode annotations) {}

    private FileParser() {}

    /** The engine of the request's {@code file-parser} plugin; a 400 for an engine this gateway does not have. */
    public static Engine engine(JsonNode body) {
        JsonNode plugins = body.path("plugins");
        for (int i = 0; i < plugins.size(); i++) {
            JsonNode plugin = plugins.get(i);
            if (!ID.equals(plugin.path("id").asString("")) || !plugin.path("enabled").asBoolean(true)) {
                continue;
            }
            JsonNode engine = plugin.path("pdf").path("engine");
            if (engine.isMissingNode() || engine.isNull()) {
                return Engine.DEFAULT;
            }
            return switch (engine.asString("")) {
                case "native" -> Engine.NATIVE;
                case "pdf-text", "cloudflare-ai" -> Engine.TEXT;
                case "mistral-ocr" -> throw new InvalidRequestException("plugins[" + i + "].pdf.engine: mistral-ocr is "
                        + "not available on this gateway (no OCR service); use pdf-text or native");
                default -> throw new InvalidRequestException("plugins[" + i + "].pdf.engine: expected native, "
                        + "pdf-text or cloudflare-ai, got " + Json.text(engine));
            };
        }
        return Engine.DEFAULT;
    }

    /** Whether any message carries a PDF file part. */
    public static boolean hasPdf(JsonNode body) {
        for (JsonNode message : body.path("messages")) {
            for (JsonNode part : message.path("content")) {
                if (isPdf(part)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The body with each PDF replaced by its text. CPU work (PDF parsing): not on the event loop.
     *
     * @throws InvalidRequestException a PDF that cannot be read, or one given by URL
     * @throws PdfText.UnreadablePdfException a PDF that is not one, damaged, encrypted or too large
     */
    public static Parsed parse(ObjectNode body) {
        Map<String, String> known = sentBack(body);
        Map<String, String> parsedHere = new HashMap<>();
        ObjectNode out = body.deepCopy();
        ArrayNode annotations = Json.NODES.arrayNode();
        JsonNode messages = out.path("messages");
        for (int m = 0; m < messages.size(); m++) {
            JsonNode content = messages.get(m).path("content");
            for (int p = 0; p < content.size(); p++) {
                JsonNode part = content.get(p);
                if (!isPdf(part)) {
                    continue;
                }
                String at = "messages[" + m + "].content[" + p + "].file";
                String name = part.path("file").path("filename").asString("document.pdf");
                byte[] pdf = bytes(part.path("file").path("file_data").asString(""), at);
                String hash = sha256(pdf);
                String text = known.get(hash);
                if (text == null) {
                    text = parsedHere.computeIfAbsent(hash, h -> PdfText.extract(pdf, name).text());
                }
                if (annotations.valueStream().noneMatch(a -> a.path("file").path("hash").asString("").equals(hash))) {
                    annotation(annotations, hash, name, text);
                }
                ((ArrayNode) content).set(p, Json.object().put("type", "text")
                        .put("text", "<file name=\"" + name + "\">\n" + text + "\n</file>"));
            }
        }
        return new Parsed(out, annotations);
    }

    private static boolean isPdf(JsonNode part) {
        if (!"file".equals(part.path("type").asString(""))) {
            return false;
        }
        String data = part.path("file").path("file_data").asString("");
        String name = part.path("file").path("filename").asString("").toLowerCase(Locale.ROOT);
        return data.regionMatches(true, 0, "data:application/pdf", 0, "data:application/pdf".length())
                || (!data.startsWith("data:") && name.endsWith(".pdf"));
    }

    /** The PDF's bytes from a base64 data: URL (or bare base64); a URL is not fetched. */
    private static byte[] bytes(String data, String at) {
        if (data.startsWith("http://") || data.startsWith("https://")) {
            throw new InvalidRequestException(at + ".file_data: a PDF given by URL is not fetched by this gateway for "
                    + "an upstream that cannot read PDFs; send it as a base64 data: URL");
        }
        String payload = data;
        if (data.startsWith("data:")) {
            int comma = data.indexOf(',');
            if (comma < 0 || !data.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
                throw new InvalidRequestException(at + ".file_data: expected a base64 data: URL "
                        + "(data:application/pdf;base64,…)");
            }
            payload = data.substring(comma + 1);
        }
        try {
            return Base64.getMimeDecoder().decode(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(at + ".file_data: not valid base64");
        }
    }

    /** The text of each document a client sent back in an earlier answer's {@code file} annotations, by hash. */
    private static Map<String, String> sentBack(JsonNode body) {
        Map<String, String> known = new HashMap<>();
        for (JsonNode message : body.path("messages")) {
            for (JsonNode annotation : message.path("annotations")) {
                JsonNode file = annotation.path("file");
                if ("file".equals(annotation.path("type").asString("")) && file.path("hash").isString()) {
                    StringBuilder text = new StringBuilder();
                    file.path("content").forEach(c -> text.append(c.path("text").asString("")));
                    known.put(file.get("hash").asString(), text.toString());
                }
            }
        }
        return known;
    }

    private static void annotation(ArrayNode annotations, String hash, String name, String text) {
        ObjectNode file = annotations.addObject().put("type", "file").putObject("file");
        file.put("hash", hash).put("name", name);
        file.putArray("content").addObject().put("type", "text").put("text", text);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
