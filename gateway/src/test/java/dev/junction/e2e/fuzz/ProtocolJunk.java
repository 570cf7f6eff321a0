package dev.junction.e2e.fuzz;

import java.util.List;
import java.util.Set;

/**
 * Requests that break HTTP/1.1 itself — request lines, headers and lengths no well-behaved client sends —
 * written byte for byte. README: 414, 431, 400 or 505, in the envelope.
 */
final class ProtocolJunk {
    /**
     * RFC 9112 allows {@code ;name=value}, but Netty 4.2.12's chunk-line validation only accepts an extension
     * without a value or with a quoted one, and Vert.x then closes the connection as for any malformed chunked
     * body (README: without an answer). Sent all the same, so a Netty that accepts it shows up here as answered.
     */
    private static final String TOKEN_EXTENSION = "chunk extension with a token value";

    private ProtocolJunk() {}

    static FuzzCase random(FuzzGenerator generator, int index) {
        String key = generator.keys().secrets().get(Role.TEST);
        String chat = "{\"model\":\"fuzz/ok\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        List<String[]> junk = List.of(
                new String[] {"URL over 4 KiB", "GET /api/v1/models?q=" + "x".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n"},
                new String[] {"URL just under 4 KiB", "GET /api/v1/models?q=" + "x".repeat(3900) + " HTTP/1.1\r\nHost: x\r\n\r\n"},
                new String[] {"headers over 8 KiB", "GET /api/v1/key HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + key + "\r\n"
                        + ("X-Padding: " + "y".repeat(1000) + "\r\n").repeat(9) + "\r\n"},
                new String[] {"many small headers", "GET /health HTTP/1.1\r\nHost: x\r\n" + "X-a: b\r\n".repeat(500) + "\r\n"},
                new String[] {"negative Content-Length", "POST /api/v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + key + "\r\nContent-Length: -1\r\n\r\n" + chat},
                new String[] {"Content-Length not a number", "POST /api/v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Length: lots\r\n\r\n"},
                new String[] {"Content-Length beyond long", "POST /api/v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + key + "\r\nContent-Length: 99999999999999999999\r\n\r\n" + chat},
                new String[] {"Content-Length beyond the body limit", "POST /api/v1/chat/completions HTTP/1.1\r\nHost: x\r\n"
                        + "Authorization: Bearer " + key + "\r\nContent-Type: application/json\r\nContent-Length: 2147483648\r\n\r\n" + chat},
                new String[] {"two Content-Lengths", "POST /api/v1/keys HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"},
                new String[] {"not HTTP", "THIS IS NOT HTTP\r\n\r\n"},
                new String[] {"method only", "GET\r\n\r\n"},
                new String[] {"HTTP/0.9", "GET /health\r\n\r\n"},
                new String[] {"unknown version", "GET /api/v1/models HTTP/9.9\r\nHost: x\r\n\r\n"},
                new String[] {"garbled version", "GET /api/v1/models HTTP-1.1\r\nHost: x\r\n\r\n"},
                new String[] {"header without colon", "GET /api/v1/models HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n"},
                new String[] {"folded header", "GET /health HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n  continued\r\n\r\n"},
                new String[] {"NUL in a header", "GET /api/v1/key HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\u0000b\r\n\r\n"},
                new String[] {"space before colon", "GET /health HTTP/1.1\r\nHost : x\r\n\r\n"},
                new String[] {"leading blank lines", "\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\n"},
                new String[] {"tabs in request line", "GET\t/health\tHTTP/1.1\r\nHost: x\r\n\r\n"},
                new String[] {"absolute form", "GET http://127.0.0.1/api/v1/models HTTP/1.1\r\nHost: x\r\n\r\n"},
                new String[] {"asterisk form", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n"},
                new String[] {"target without slash", "GET health HTTP/1.1\r\nHost: x\r\n\r\n"},
                new String[] {"raw UTF-8 and controls in the path", "GET /api/v1/models/\u00c3\u00bc/\u0001 HTTP/1.1\r\nHost: x\r\n\r\n"},
                new String[] {"HTTP/1.0 without Host", "GET /api/v1/providers HTTP/1.0\r\n\r\n"},
                new String[] {"unknown transfer coding", "POST /api/v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + key + "\r\nTransfer-Encoding: gzip, chunked\r\n\r\n5\r\n{\"a\":\r\n0\r\n\r\n"},
                new String[] {"binary garbage", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u00fc\u0003\u0003\r\n\r\n"},
                new String[] {"lower-case method", "get /health HTTP/1.1\r\nHost: x\r\n\r\n"},
                new String[] {"empty header name", "GET /health HTTP/1.1\r\nHost: x\r\n: empty\r\n\r\n"},
                new String[] {"chunk extension and trailer", "POST /api/v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + key + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(chat.length()) + ";ext=\"1\"\r\n" + chat + "\r\n0\r\nX-Trailer: t\r\n\r\n"},
                new String[] {TOKEN_EXTENSION, "POST /api/v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                        + key + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(chat.length()) + ";ext=1\r\n" + chat + "\r\n0\r\n\r\n"});
        String[] pick = generator.pick(junk);
        FuzzCase c = generator.verbatim(index, "protocol: " + pick[0], pick[1], Set.of(505));
        return pick[0].equals(TOKEN_EXTENSION) ? c.unanswerable() : c;
    }
}
