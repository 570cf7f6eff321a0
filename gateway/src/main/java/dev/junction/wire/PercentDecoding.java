package dev.junction.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding as RFC 3986 defines it, for what clients write in URLs: path segments, query strings,
 * {@code data:} URLs (RFC 2397). Unlike {@link java.net.URLDecoder} a {@code +} stays a plus — it means a space
 * only in HTML forms — and a malformed escape is a {@link MalformedEscapeException} naming it, not an
 * {@code IllegalArgumentException} that would surface as a 500.
 */
public final class PercentDecoding {
    private PercentDecoding() {}

    /** A {@code %} not followed by two hexadecimal digits. */
    public static final class MalformedEscapeException extends RuntimeException {
        private final String escape;

        MalformedEscapeException(String escape) {
            super("malformed %-escape '" + escape + "' (a % must be followed by two hexadecimal digits)", null, false, false);
            this.escape = escape;
        }

        /** The offending text: the {@code %} and up to two characters after it, e.g. {@code %zz}. */
        public String escape() {
            return escape;
        }
    }

    /** The bytes {@code encoded} stands for. */
    public static byte[] bytes(String encoded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(encoded.length());
        int from = 0;
        for (int percent = encoded.indexOf('%'); percent >= 0; percent = encoded.indexOf('%', from)) {
            out.writeBytes(encoded.substring(from, percent).getBytes(StandardCharsets.UTF_8));
            requireEscapeAt(encoded, percent);
            out.write(Integer.parseInt(encoded, percent + 1, percent + 3, 16));
            from = percent + 3;
        }
        out.writeBytes(encoded.substring(from).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** The UTF-8 text {@code encoded} stands for; byte sequences that are not UTF-8 become U+FFFD. */
    public static String text(String encoded) {
        return encoded.indexOf('%') < 0 ? encoded : new String(bytes(encoded), StandardCharsets.UTF_8);
    }

    /** Checks that every escape in {@code encoded} is well formed, without decoding. */
    public static void check(String encoded) {
        for (int percent = encoded.indexOf('%'); percent >= 0; percent = encoded.indexOf('%', percent + 3)) {
            requireEscapeAt(encoded, percent);
        }
    }

    private static void requireEscapeAt(String encoded, int percent) {
        if (percent + 2 >= encoded.length() || !isHex(encoded.charAt(percent + 1)) || !isHex(encoded.charAt(percent + 2))) {
            throw new MalformedEscapeException(encoded.substring(percent, Math.min(percent + 3, encoded.length())));
        }
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
