package dev.junction.providers.gemini;

import dev.junction.wire.Json;
import dev.junction.wire.PercentDecoding;
import tools.jackson.databind.node.ObjectNode;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Media references as Gemini parts: a {@code data:} URL becomes {@code inlineData} (base64 bytes with their
 * MIME type); an {@code http(s)} or {@code gs} URL becomes {@code fileData}, which Gemini fetches itself.
 * Gemini requires a MIME type on {@code fileData}, which a URL does not carry: it is guessed from the file
 * extension (of the URL, else of the client's {@code filename}), else the part kind's default. YouTube links
 * are the exception Gemini documents: they go without a MIME type.
 */
final class GeminiMedia {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"), Map.entry("gif", "image/gif"), Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"), Map.entry("pdf", "application/pdf"), Map.entry("txt", "text/plain"),
            Map.entry("md", "text/markdown"), Map.entry("csv", "text/csv"), Map.entry("html", "text/html"),
            Map.entry("xml", "text/xml"), Map.entry("json", "application/json"), Map.entry("mp3", "audio/mp3"),
            Map.entry("wav", "audio/wav"), Map.entry("aiff", "audio/aiff"), Map.entry("aac", "audio/aac"),
            Map.entry("ogg", "audio/ogg"), Map.entry("flac", "audio/flac"), Map.entry("m4a", "audio/m4a"),
            Map.entry("mp4", "video/mp4"), Map.entry("mpeg", "video/mpeg"), Map.entry("mpg", "video/mpg"),
            Map.entry("mov", "video/mov"), Map.entry("avi", "video/avi"), Map.entry("wmv", "video/wmv"),
            Map.entry("webm", "video/webm"), Map.entry("flv", "video/x-flv"), Map.entry("3gp", "video/3gpp"));

    private GeminiMedia() {}

    /**
     * The part for a media URL.
     *
     * @param defaultMime used when neither the URL nor the file name says what the file is
     */
    static ObjectNode part(String url, Optional<String> filename, String defaultMime, String path) {
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            return fromDataUrl(url, path);
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://") && !lower.startsWith("gs://")) {
            throw new GeminiRequestException(path + ": expected a data: URL or an http(s) URL");
        }
        ObjectNode part = Json.object();
        ObjectNode fileData = part.putObject("fileData");
        if (!isYouTube(lower)) {
            fileData.put("mimeType", mimeOf(url).or(() -> filename.flatMap(GeminiMedia::mimeOf)).orElse(defaultMime));
        }
        fileData.put("fileUri", url);
        return part;
    }

    /** Base64 bytes the client sent apart from any URL ({@code input_audio}). */
    static ObjectNode inline(String mimeType, String base64Data) {
        ObjectNode part = Json.object();
        part.putObject("inlineData").put("mimeType", mimeType).put("data", base64Data);
        return part;
    }

    private static ObjectNode fromDataUrl(String dataUrl, String path) {
        int comma = dataUrl.indexOf(',');
        if (comma < 0) {
            throw new GeminiRequestException(path + ": malformed data: URL (no comma)");
        }
        String meta = dataUrl.substring(5, comma);
        String payload = dataUrl.substring(comma + 1);
        boolean base64 = meta.toLowerCase(Locale.ROOT).endsWith(";base64");
        String mime = (base64 ? meta.substring(0, meta.length() - 7) : meta).split(";", 2)[0].strip();
        if (mime.isEmpty()) {
            mime = "text/plain"; // the default RFC 2397 gives a data: URL without a type
        }
        String data;
        try {
            // The bytes as RFC 2397 percent-encodes them ('+' is a plus), whatever their charset.
            data = base64 ? payload : Base64.getEncoder().encodeToString(PercentDecoding.bytes(payload));
        } catch (PercentDecoding.MalformedEscapeException e) {
            throw new GeminiRequestException(path + ": the data: URL has a " + e.getMessage());
        }
        return inline(mime.toLowerCase(Locale.ROOT), data);
    }

    static Optional<String> mimeOf(String urlOrName) {
        String name = urlOrName;
        int cut = firstIndexOf(name, '?', '#');
        if (cut >= 0) {
            name = name.substring(0, cut);
        }
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot < slash) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    /** The MIME type of an {@code input_audio} format name ({@code wav}, {@code mp3}, …). */
    static String audioMime(String format) {
        return BY_EXTENSION.getOrDefault(format.toLowerCase(Locale.ROOT), "audio/" + format.toLowerCase(Locale.ROOT));
    }

    private static boolean isYouTube(String lowerUrl) {
        return lowerUrl.startsWith("https://www.youtube.com/") || lowerUrl.startsWith("https://youtube.com/")
                || lowerUrl.startsWith("https://youtu.be/") || lowerUrl.startsWith("https://m.youtube.com/");
    }

    private static int firstIndexOf(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
