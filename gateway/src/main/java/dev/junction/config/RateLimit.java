package dev.junction.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A request rate: at most {@code requests} per {@code interval}. Written like {@code 10s}, {@code 1m}, {@code 1h}, {@code 1d}. */
public record RateLimit(int requests, Duration interval) {
    private static final Pattern INTERVAL = Pattern.compile("(\\d+)(s|m|h|d)");
    /** The longest interval a rate limit may have. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(365);

    public RateLimit {
        if (requests < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("a rate limit allows at least one request per positive interval");
        }
    }

    /** {@code 10s}, {@code 1m}, … — the form the API shows and accepts. */
    public String intervalText() {
        long s = interval.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** {@code 100/10s}: requests per interval, as the configuration writes a rate. */
    public static Optional<RateLimit> parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 1) {
            return Optional.empty();
        }
        try {
            int requests = Integer.parseInt(text.substring(0, slash).trim());
            return requests < 1 ? Optional.empty()
                    : parseInterval(text.substring(slash + 1)).map(interval -> new RateLimit(requests, interval));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code 10s}, {@code 1m}, {@code 1h}, {@code 1d}: a positive interval of at most {@link #MAX_INTERVAL}. Longer
     * ones are refused rather than carried: the limiter works in nanoseconds, which a long holds for 292 years.
     */
    public static Optional<Duration> parseInterval(String text) {
        Matcher m = INTERVAL.matcher(text.trim());
        if (!m.matches() || m.group(1).length() > 9) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration interval = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return n < 1 || interval.compareTo(MAX_INTERVAL) > 0 ? Optional.empty() : Optional.of(interval);
    }
}
