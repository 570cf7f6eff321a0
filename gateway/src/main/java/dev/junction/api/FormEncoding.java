package dev.junction.api;

import dev.junction.wire.PercentDecoding;

/**
 * Checks {@code application/x-www-form-urlencoded} text — a query string, or a form body — before Netty's
 * decoder reads it: behind {@code getParam} that decoder throws {@code IllegalArgumentException} on a malformed
 * %-escape, which would be a 500. A malformed escape is the caller's 400, naming the parameter it is in.
 */
final class FormEncoding {
    private static final int MAX_NAME_SHOWN = 64;

    private FormEncoding() {}

    /**
     * @param what how the message calls one entry, e.g. {@code query parameter}
     */
    static void check(String encoded, String what) {
        for (String entry : encoded.split("&", -1)) {
            try {
                PercentDecoding.check(entry);
            } catch (PercentDecoding.MalformedEscapeException e) {
                throw ApiException.badRequest(what + " '" + name(entry) + "': " + e.getMessage());
            }
        }
    }

    private static String name(String entry) {
        int equals = entry.indexOf('=');
        String name = equals < 0 ? entry : entry.substring(0, equals);
        try {
            name = PercentDecoding.text(name.replace('+', ' '));
        } catch (PercentDecoding.MalformedEscapeException e) {
            // The name itself is malformed: shown as sent.
        }
        return name.length() <= MAX_NAME_SHOWN ? name : name.substring(0, MAX_NAME_SHOWN) + "…";
    }
}
