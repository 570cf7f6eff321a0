package dev.junction.web;

import java.util.Map;

/**
 * The headers every dashboard file is served with. The Content-Security-Policy allows only the gateway's own
 * scripts, styles and API ({@code 'self'}): no inline script or style, no {@code eval}, no other origin, no
 * framing — so even a value that slipped past escaping could not run. Styles set from script through the CSSOM
 * (which the chart library does) are not inline styles and stay allowed.
 */
public final class SecurityHeaders {
    public static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Opener-Policy", "same-origin",
            // Revalidated on every visit (cheap, with the entity tag), so a new version is never mixed with an old one.
            "Cache-Control", "no-cache");

    private SecurityHeaders() {}

    public static Map<String, String> all() {
        return HEADERS;
    }
}
