package dev.junction.e2e.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** The head of a fuzzed request: who it claims to be, the headers around that, and how its body is framed. */
final class FuzzHeaders {
    private final SplittableRandom random;
    private final FuzzGenerator.Keys keys;

    FuzzHeaders(SplittableRandom random, FuzzGenerator.Keys keys) {
        this.random = random;
        this.keys = keys;
    }

    /** Host, the role's Authorization, Content-Type (when given) and Connection: close. */
    List<String[]> base(Role role, String contentType) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {"Host", "127.0.0.1"});
        authorization(role).ifPresent(value -> headers.add(new String[] {"Authorization", value}));
        if (contentType != null && !contentType.isEmpty()) {
            headers.add(new String[] {"Content-Type", contentType});
        }
        headers.add(new String[] {"Connection", "close"});
        return headers;
    }

    /** The role's Authorization value, now and then written oddly but validly; none for {@link Role#NONE}. */
    private Optional<String> authorization(Role role) {
        String secret = switch (role) {
            case NONE -> null;
            case PAWN -> pick(keys.pawnSecrets());
            case GARBAGE -> null;
            default -> keys.secrets().get(role);
        };
        if (role == Role.NONE) {
            return Optional.empty();
        }
        if (role == Role.GARBAGE) {
            String valid = keys.secrets().get(Role.TEST);
            return Optional.of(pick(List.of("Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer sk-jn-v1-" + "0".repeat(64),
                    "Bearer " + "x".repeat(6000), "Bearer sk-jn-v1-\u00e9", "Bearer " + valid + "x", "Bearer " + valid.toUpperCase(),
                    "Token abc", "Bearer " + keys.mainHashes().getFirst(), "Bearer \"" + valid + "\"", "Bearer\t" + "%zz")));
        }
        int style = random.nextInt(40);
        return Optional.of(style == 0 ? "bearer " + secret : style == 1 ? "Bearer    " + secret + "   " : "Bearer " + secret);
    }

    /** Now and then one more header: huge, odd bytes, a second Authorization or Host, an Expect, an encoding. */
    void extras(List<String[]> headers, List<String> notes) {
        if (random.nextInt(100) >= 15) {
            return;
        }
        String[] extra = pick(List.of(
                new String[] {"User-Agent", "fuzz/" + "u".repeat(2000)},
                new String[] {"X-Title", "caf\u00e9 \u00ff"},
                new String[] {"HTTP-Referer", "https://app.example/?q=%zz"},
                new String[] {"Accept", "text/event-stream"},
                new String[] {"Origin", "https://evil.example"},
                new String[] {"Content-Encoding", "gzip"},
                new String[] {"Expect", "100-continue"},
                new String[] {"Authorization", "Bearer sk-jn-v1-second"},
                new String[] {"X-Forwarded-For", "1.2.3.4, ::1"},
                new String[] {"Cookie", "a=b; c"},
                new String[] {"Accept-Encoding", "gzip, br"},
                new String[] {"X-Padding", "p".repeat(6500)},
                new String[] {"Host", "evil.example"},
                new String[] {"Content-Type", "text/plain"}));
        headers.add(headers.size() - 1, extra);
        notes.add("header " + extra[0]);
    }

    /** How the body goes on the wire: mostly a correct Content-Length, now and then anything else. */
    FuzzCase.Framing framing(byte[] body, List<String> notes) {
        if (body == null) {
            return FuzzCase.Framing.LENGTH;
        }
        int n = random.nextInt(100);
        FuzzCase.Framing framing = n < 5 ? FuzzCase.Framing.CHUNKED
                : n == 5 ? FuzzCase.Framing.NEGATIVE_LENGTH
                : n == 6 ? FuzzCase.Framing.LENGTH_TOO_LONG
                : n == 7 ? FuzzCase.Framing.MALFORMED_CHUNKED
                : n == 8 ? FuzzCase.Framing.LENGTH_AND_CHUNKED
                : FuzzCase.Framing.LENGTH;
        if (framing != FuzzCase.Framing.LENGTH) {
            notes.add("framing " + framing);
        }
        return framing;
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
