package dev.junction.e2e.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One generated request and what may come of it. The request is kept in parts — request line, headers, body,
 * framing — so that placeholders ({@code {{gen}}}, {@code {{code}}}, {@code {{created}}}: a generation id, an
 * OAuth code or a key hash the run has seen) are filled in when it is sent, with the framing still right.
 *
 * @param label            what the generator did, for the report
 * @param headers          name and value, in order, as sent (ISO-8859-1, so a value may carry any byte)
 * @param role             the key it carries
 * @param mustFail         why no 2xx/3xx may answer it, or null when success is possible
 * @param allowed5xx       the 5xx statuses README documents for what this request asks (502 upstream failure,
 *                         503 no credentials, 505 HTTP version); a 500 never is
 * @param mayGoUnanswered  a malformed chunked body: README says the connection closes without an answer
 * @param htmlErrors       the consent form, which answers a browser with its page, not the envelope
 * @param completion       a chat or legacy completion: a 200 costs money
 * @param hangUpAfterEvents hang up once this many SSE data events of the answer have arrived, keep-alives aside
 *                         (0: read everything); a client leaving before the answer began is {@link Role#CHAOS}'s
 * @param hangUpAtOnce     hang up right after sending, before any answer
 * @param followUp         keep the connection open and send {@link #FOLLOW_UP} after the request
 * @param verbatim         when not null, the exact bytes to send instead of the parts (HTTP itself broken)
 */
public record FuzzCase(int index, String label, String method, String target, String version,
                       List<String[]> headers, byte[] body, Framing framing, Role role, String mustFail,
                       Set<Integer> allowed5xx, boolean mayGoUnanswered, boolean htmlErrors, boolean completion,
                       int hangUpAfterEvents, boolean hangUpAtOnce, boolean followUp, byte[] verbatim) {
    /** What a keep-alive client sends next on the same connection. */
    public static final String FOLLOW_UP = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";


    /** How the body is delimited on the wire. */
    public enum Framing {
        /** A correct Content-Length (none when there is no body). */
        LENGTH,
        /** Transfer-Encoding: chunked, well formed. */
        CHUNKED,
        /** Content-Length: -1. */
        NEGATIVE_LENGTH,
        /** A Content-Length larger than the body sent: the body never completes. */
        LENGTH_TOO_LONG,
        /** Chunked with a chunk size that is not hexadecimal. */
        MALFORMED_CHUNKED,
        /** Both Content-Length and Transfer-Encoding. */
        LENGTH_AND_CHUNKED
    }

    /** The same request, which the server may answer by closing the connection (README documents when). */
    public FuzzCase unanswerable() {
        return new FuzzCase(index, label, method, target, version, headers, body, framing, role, mustFail, allowed5xx, true,
                htmlErrors, completion, hangUpAfterEvents, hangUpAtOnce, followUp, verbatim);
    }

    public boolean head() {
        return method.equals("HEAD");
    }

    /** The bytes on the wire, with each {@code {{name}}} replaced by {@code fill.apply(name)}. */
    public byte[] render(UnaryOperator<String> fill) {
        if (verbatim != null) {
            return verbatim.clone();
        }
        String line = method + " " + fillIn(target, fill) + " " + version + "\r\n";
        byte[] content = body == null ? null : fillIn(new String(body, StandardCharsets.ISO_8859_1), fill)
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
        for (String[] header : headers) {
            if (followUp && header[0].equals("Connection")) {
                continue;
            }
            out.writeBytes((header[0] + ": " + header[1] + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        int length = content == null ? 0 : content.length;
        switch (framing) {
            case LENGTH -> {
                if (content != null) {
                    header(out, "Content-Length", Integer.toString(length));
                }
            }
            case CHUNKED -> header(out, "Transfer-Encoding", "chunked");
            case NEGATIVE_LENGTH -> header(out, "Content-Length", "-1");
            case LENGTH_TOO_LONG -> header(out, "Content-Length", Integer.toString(length + 17));
            case MALFORMED_CHUNKED -> header(out, "Transfer-Encoding", "chunked");
            case LENGTH_AND_CHUNKED -> {
                header(out, "Content-Length", Integer.toString(length));
                header(out, "Transfer-Encoding", "chunked");
            }
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        byte[] payload = content == null ? new byte[0] : content;
        switch (framing) {
            case CHUNKED, LENGTH_AND_CHUNKED -> {
                // Two chunks, so the decoder has to join them.
                int half = payload.length / 2;
                chunk(out, payload, 0, half);
                chunk(out, payload, half, payload.length);
                out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            case MALFORMED_CHUNKED -> {
                out.writeBytes("zz\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(payload);
                out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            default -> out.writeBytes(payload);
        }
        if (followUp) {
            out.writeBytes(FOLLOW_UP.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }

    /** The body as sent, placeholders filled in; empty for a request without one. */
    public byte[] renderBody(UnaryOperator<String> fill) {
        if (body == null || verbatim != null) {
            return new byte[0];
        }
        return fillIn(new String(body, StandardCharsets.ISO_8859_1), fill).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The request as a reader can reproduce it: printable, long runs shortened. */
    public static String describe(byte[] request) {
        String text = new String(request, StandardCharsets.ISO_8859_1);
        StringBuilder shown = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '\r') {
                shown.append("\\r");
            } else if (c == '\n') {
                shown.append("\\n\n");
            } else if (c < 0x20 || c >= 0x7f) {
                shown.append(String.format("\\x%02x", (int) c));
            } else {
                shown.append(c);
            }
        }
        String s = shown.toString();
        return s.length() <= 2000 ? s : s.substring(0, 1500) + "…[" + (s.length() - 2000) + " more]…" + s.substring(s.length() - 500);
    }

    private static void header(ByteArrayOutputStream out, String name, String value) {
        out.writeBytes((name + ": " + value + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void chunk(ByteArrayOutputStream out, byte[] payload, int from, int to) {
        if (to > from) {
            out.writeBytes((Integer.toHexString(to - from) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(payload, from, to - from);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static String fillIn(String text, UnaryOperator<String> fill) {
        if (!text.contains("{{")) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int open = text.indexOf("{{"); open >= 0; open = text.indexOf("{{", from)) {
            int close = text.indexOf("}}", open);
            if (close < 0) {
                break;
            }
            out.append(text, from, open).append(fill.apply(text.substring(open + 2, close)));
            from = close + 2;
        }
        return out.append(text.substring(from)).toString();
    }
}
