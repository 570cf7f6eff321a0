package dev.junction.accounting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The app a request came from, as its attribution headers name it: {@code HTTP-Referer} (the app's URL, its
 * identity, as on OpenRouter) and {@code X-Title} / {@code X-OpenRouter-Title} (its display name). Its id is a number,
 * as OpenRouter's {@code app_id} is, derived from the identity — the URL, else the title — so that every instance of
 * a cluster gives an app the same id without a table of apps: the first 48 bits of the identity's SHA-256, which
 * JSON clients read exactly.
 *
 * @param name the title, else the URL
 * @param url  the {@code HTTP-Referer}, when sent
 */
public record App(long id, String name, Optional<String> url) {

    public static Optional<App> of(Optional<String> httpReferer, Optional<String> title) {
        Optional<String> url = httpReferer.filter(s -> !s.isBlank());
        Optional<String> name = title.filter(s -> !s.isBlank()).or(() -> url);
        return name.map(n -> new App(id(url.orElse(n)), n, url));
    }

    private static long id(String identity) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            long id = 0;
            for (int i = 0; i < 6; i++) {
                id = (id << 8) | (hash[i] & 0xff);
            }
            return id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
