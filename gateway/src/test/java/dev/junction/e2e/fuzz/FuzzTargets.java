package dev.junction.e2e.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Where a fuzzed request goes: path parameters, odd paths, query strings; and the consent form's fields. */
final class FuzzTargets {
    static final List<String> SLUGS = List.of("fuzz/ok", "google/flash", "anthropic/claude", "nobody/none",
            "%zz/x", "fuzz/%zz", "a%2Fb/c", "fuzz/ok:free", "%C3%BC/%C3%9F", "%00/%00", "a".repeat(1000) + "/b",
            "fuzz/%", "..%2F../x", "fuzz/ok%20");
    private static final List<String> ODD_VALUES = List.of("", "%zz", "%", "%e2%82", "%ff%fe", "-1", "0",
            "99999999999999999999", "1e999", "NaN", "%C3%BC", "a%00b", "x".repeat(2000), "true", "null", "%2B%20+",
            "2026-02-30", "+99999-01-01");

    private final SplittableRandom random;
    private final FuzzGenerator.Keys keys;
    private final String challenge;

    FuzzTargets(SplittableRandom random, FuzzGenerator.Keys keys, String challenge) {
        this.random = random;
        this.keys = keys;
        this.challenge = challenge;
    }

    /** A model slug for {author}/{slug}, real or not, escaped or malformed. */
    String slug() {
        return pick(SLUGS);
    }

    /** A model id as one path segment: the slash encoded, as the OpenAI SDKs send it (sometimes not, or badly). */
    String encodedModel() {
        String slug = slug();
        return switch (random.nextInt(6)) {
            case 0 -> slug;
            case 1 -> slug.replace("/", "%2f");
            case 2 -> slug.replace("/", "%zz");
            default -> slug.replace("/", "%2F");
        };
    }

    /**
     * A key hash for /keys/{hash}: mostly the run's pawns or a key the run created, also the main and the broke
     * accounts' fixed keys — except those of the account that would change them (the money check reads them) —
     * and malformed ones.
     */
    String hash(boolean sparingMain, boolean sparingBroke) {
        int n = random.nextInt(100);
        if (n < 45 || sparingBroke && n >= 60 && n < 68 || sparingMain && n >= 68 && n < 76) {
            return pick(keys.pawnHashes());
        }
        if (n < 60) {
            return "{{created}}";
        }
        if (n < 68) {
            return pick(keys.brokeHashes());
        }
        if (n < 76) {
            return pick(keys.mainHashes());
        }
        return pick(List.of("%zz", "0".repeat(64), "nope", "%2e%2e", "a%2Fb", "x".repeat(3000), "%C3%BC", "%00", "ab%2"));
    }

    /** A query string for the route's path: its own parameters, valid or odd, and now and then junk. */
    String query(String path) {
        List<String> params = new ArrayList<>();
        if (path.endsWith("/generation")) {
            params.add("id=" + (random.nextInt(4) > 0 ? "{{gen}}" : pick(ODD_VALUES)));
        } else if (path.endsWith("/models") || path.endsWith("/count") || path.endsWith("/user") || path.endsWith("/embeddings")) {
            for (String name : List.of("category", "supported_parameters", "input_modalities", "output_modalities", "q",
                    "providers", "model_authors", "context", "zdr", "min_price", "max_price", "sort", "offset", "limit",
                    "include_unavailable", "use_rss", "use_rss_chat_links")) {
                if (random.nextInt(8) == 0) {
                    params.add(name + "=" + queryValue(name));
                }
            }
        } else if (path.startsWith("/api/v1/parameters")) {
            if (random.nextBoolean()) {
                params.add("provider=" + (random.nextBoolean() ? "sim" : pick(ODD_VALUES)));
            }
        } else if (path.equals("/api/v1/keys")) {
            if (random.nextBoolean()) {
                params.add("offset=" + (random.nextBoolean() ? "0" : pick(ODD_VALUES)));
            }
            if (random.nextBoolean()) {
                params.add("include_disabled=" + pick(List.of("true", "false", "1", "%zz")));
            }
        } else if (path.equals("/api/v1/activity")) {
            if (random.nextBoolean()) {
                params.add("date=" + pick(List.of("2026-01-01", "", "yesterday", "2026-13-01", "%zz", "+99999-01-01",
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(2).toString())));
            }
        } else if (path.equals("/api/v1/generations")) {
            for (String name : List.of("limit", "cursor", "model", "provider", "key", "status", "cancelled", "from", "to")) {
                if (random.nextInt(4) == 0) {
                    params.add(name + "=" + (random.nextInt(3) == 0 ? pick(ODD_VALUES) : switch (name) {
                        case "limit" -> Integer.toString(random.nextInt(0, 300));
                        case "status" -> pick(List.of("success", "error"));
                        case "cancelled" -> pick(List.of("true", "false"));
                        case "from", "to" -> pick(List.of("2026-01-01", "2026-01-01T00:00:00Z", "yesterday"));
                        case "cursor" -> pick(List.of("MTIzOmdlbi0x", "%%%", "abc"));
                        default -> pick(List.of("fuzz/ok", "Sim", "nope"));
                    }));
                }
            }
        } else if (path.equals("/api/v1/activity/series")) {
            if (random.nextBoolean()) {
                params.add("interval=" + pick(List.of("day", "hour", "week", "%zz")));
            }
            if (random.nextBoolean()) {
                params.add("group_by=" + pick(List.of("model", "provider", "key", "app", "session", "")));
            }
        } else if (path.equals("/auth")) {
            if (random.nextInt(10) > 0) {
                params.add("callback_url=" + pick(List.of("https%3A%2F%2Fapp.example%2Fcb", "%zz", "javascript:alert(1)",
                        "http://evil.example/", "https://app.example/cb?x=%22%3E%3Cscript%3E", "http://127.0.0.1:9/cb", "")));
            }
            if (random.nextInt(10) > 1) {
                params.add("code_challenge=" + pick(List.of(challenge, "", "%zz", "<b>")));
            }
            if (random.nextBoolean()) {
                params.add("code_challenge_method=" + pick(List.of("S256", "plain", "MD5", "%zz", "\"'><")));
            }
        }
        if (random.nextInt(25) == 0) {
            params.add(pick(List.of("x=%zz", "=", "&&", "a=1&a=2", "%=%", "q=" + "w".repeat(3000), "y=%e2%82", "z")));
        }
        return params.isEmpty() ? "" : "?" + String.join("&", params);
    }

    private String queryValue(String name) {
        if (random.nextInt(3) == 0) {
            return pick(ODD_VALUES);
        }
        return switch (name) {
            case "sort" -> pick(List.of("newest", "pricing-low-to-high", "context-high-to-low", "throughput-high-to-low",
                    "latency-low-to-high", "best"));
            case "context", "offset", "limit" -> Integer.toString(random.nextInt(0, 5000));
            case "min_price", "max_price" -> pick(List.of("0", "0.5", "1e3", "-5"));
            case "zdr", "include_unavailable", "use_rss", "use_rss_chat_links" -> pick(List.of("true", "false"));
            case "output_modalities" -> pick(List.of("text", "all", "image,text"));
            default -> pick(List.of("ok", "fuzz", "google", "text"));
        };
    }

    /** The path with an odd segment: trailing or doubled slashes, case, dot segments, escapes, raw bytes, length. */
    String oddPath(String path) {
        return switch (random.nextInt(11)) {
            case 0 -> path + "/";
            case 1 -> "/" + path;
            case 2 -> path.toUpperCase(java.util.Locale.ROOT);
            case 3 -> path.replaceFirst("/v1/", "/v1/./");
            case 4 -> path.replaceFirst("/v1/", "/%76%31/");
            case 5 -> path + "/extra";
            case 6 -> path + "/..";
            case 7 -> path + ";jsessionid=1";
            case 8 -> path + "/\u00c3\u00bc";
            case 9 -> path.replaceFirst("/", "/" + "s".repeat(3000) + "/");
            default -> path + "%";
        };
    }

    /** The consent form, approved with the role's key (the form's own {@code key} field), now and then damaged. */
    byte[] form(Role role, List<String> notes) {
        String key = role.provisioning() ? keys.secrets().get(role)
                : role == Role.NONE || role == Role.GARBAGE ? "sk-jn-v1-nope"
                : role == Role.PAWN ? pick(keys.pawnSecrets()) : keys.secrets().get(role);
        if (role.provisioning()) {
            notes.add("provisioning key in form");
        }
        List<String> fields = new ArrayList<>(List.of("callback_url=https%3A%2F%2Fapp.example%2Fcb",
                "code_challenge=" + challenge, "code_challenge_method=S256", "key=" + key));
        if (random.nextInt(3) == 0) {
            int at = random.nextInt(fields.size());
            String damaged = pick(List.of("callback_url=%zz", "callback_url=javascript%3Aalert(1)", "code_challenge=",
                    "code_challenge_method=MD5", "key=", "x=%", "callback_url=https%3A%2F%2Fapp.example%2Fcb%3Fa%3D1",
                    "=&&=", "key=" + key + "%00"));
            fields.set(at, damaged);
            notes.add("form " + damaged);
        }
        return String.join("&", fields).getBytes(StandardCharsets.US_ASCII);
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
