package dev.junction.api;

import java.net.URI;
import java.util.Optional;

/** The minimal OAuth consent page: which app asks, where the key will go, and a field for a provisioning key. */
final class ConsentPage {
    private ConsentPage() {}

    static String render(String callbackUrl, String challenge, String method, Optional<String> error) {
        String app = URI.create(callbackUrl).getHost();
        return """
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Authorise %1$s — Junction</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}
                input[type=password]{width:100%%;padding:.5rem;margin:.5rem 0}button{padding:.5rem 1rem}
                .error{color:#b00020}</style></head>
                <body><h1>Authorise <em>%1$s</em></h1>
                <p><strong>%1$s</strong> asks for an API key to use this Junction gateway on your account.
                After you approve, you will be sent back to <code>%2$s</code>.</p>
                %5$s
                <form method="post" action="/auth/approve">
                <input type="hidden" name="callback_url" value="%2$s">
                <input type="hidden" name="code_challenge" value="%3$s">
                <input type="hidden" name="code_challenge_method" value="%4$s">
                <label for="key">Your provisioning key</label>
                <input type="password" id="key" name="key" autocomplete="off" required>
                <button type="submit">Approve</button>
                </form></body></html>
                """.formatted(escape(app), escape(callbackUrl), escape(challenge), escape(method),
                error.map(e -> "<p class=\"error\">" + escape(e) + "</p>").orElse(""));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
