package dev.junction.plugins;

import dev.junction.accounting.TokenCounter;
import dev.junction.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OpenRouter's {@code middle-out} transform: a chat prompt too long for an endpoint's context window is made to
 * fit by dropping messages from the middle of the conversation — where, in long conversations, the least is
 * lost — and, if that is not enough, by cutting the middle out of the longest messages left. The leading
 * system (or developer) messages and the latest turn are always kept; an assistant message with tool calls
 * goes together with the tool results answering it, so no result is left without its call.
 * <p>Tokens are counted with {@link TokenCounter} (GPT-4o's tokenizer, no upstream's own), with a few tokens
 * per message for the framing; callers leave a margin for the difference. CPU work: callers run it off the
 * event loop. Pure: the body given is not changed.
 */
public final class MiddleOut {
    /** Tokens a message costs besides its text (role, framing), roughly as chat formats spend them. */
    static final int PER_MESSAGE = 4;
    private static final String CUT = "\n[…]\n";

    /**
     * What middle-out did to fit one endpoint.
     *
     * @param body          the request body with the shortened {@code messages}
     * @param removed       the positions (from 0, in the client's {@code messages}) of the messages dropped
     * @param truncated     the positions of the messages shortened
     * @param tokensBefore  the prompt's tokens before, as counted here
     * @param tokensAfter   and after
     */
    public record Result(ObjectNode body, List<Integer> removed, List<Integer> truncated, long tokensBefore,
                         long tokensAfter) {
        public Result {
            removed = List.copyOf(removed);
            truncated = List.copyOf(truncated);
        }

        /** One line for the response header and the generation's record. */
        public String describe() {
            StringBuilder s = new StringBuilder("middle-out: removed ").append(removed.size()).append(" message")
                    .append(removed.size() == 1 ? "" : "s");
            if (!removed.isEmpty()) {
                s.append(' ').append(ranges(removed));
            }
            if (!truncated.isEmpty()) {
                s.append(", truncated ").append(truncated.size()).append(' ').append(ranges(truncated));
            }
            return s.append("; prompt ").append(tokensBefore).append(" -> ").append(tokensAfter).append(" tokens")
                    .toString();
        }
    }

    private MiddleOut() {}

    /**
     * The body shortened to at most {@code budget} prompt tokens; empty when it fits already or has no
     * {@code messages}. The result may still be over budget when what must be kept is over it alone.
     */
    public static Optional<Result> fit(ObjectNode body, long budget) {
        if (!(body.get("messages") instanceof ArrayNode messages) || messages.isEmpty()) {
            return Optional.empty();
        }
        int n = messages.size();
        long[] tokens = new long[n];
        long fixed = body.has("tools") ? TokenCounter.count(Json.text(body.get("tools"))) : 0;
        long total = fixed;
        for (int i = 0; i < n; i++) {
            tokens[i] = count(messages.get(i));
            total += tokens[i];
        }
        if (total <= budget) {
            return Optional.empty();
        }
        long before = total;
        boolean[] drop = new boolean[n];
        List<int[]> units = middleUnits(messages);
        for (int[] unit : middleFirst(units)) {
            if (total <= budget) {
                break;
            }
            for (int i = unit[0]; i < unit[1]; i++) {
                drop[i] = true;
                total -= tokens[i];
            }
        }
        ArrayNode kept = Json.NODES.arrayNode();
        List<Integer> removed = new ArrayList<>();
        List<Integer> truncated = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (drop[i]) {
                removed.add(i);
            } else {
                kept.add(messages.get(i));
            }
        }
        int head = leadingSystem(messages);
        while (total > budget) {
            int longest = longestText(kept, head, kept.size() - 1, drop, truncated);
            if (longest < 0) {
                longest = longestText(kept, head, kept.size(), drop, truncated); // the latest turn, last of all
            }
            if (longest < 0) {
                break; // nothing left to cut but what must be kept
            }
            ObjectNode message = (ObjectNode) kept.get(longest).deepCopy();
            long had = count(message);
            long target = Math.max(had - (total - budget), PER_MESSAGE + 16);
            message.put("content", cutMiddle(message.get("content").asString(), target - PER_MESSAGE));
            long has = count(message);
            kept.set(longest, message);
            truncated.add(original(longest, drop));
            total -= had - has;
        }
        ObjectNode out = body.deepCopy();
        out.set("messages", kept);
        return Optional.of(new Result(out, removed, truncated.stream().sorted().toList(), before, total));
    }

    static long count(JsonNode message) {
        long t = PER_MESSAGE;
        JsonNode content = message.get("content");
        if (content != null && content.isString()) {
            t += TokenCounter.count(content.asString());
        } else if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                t += TokenCounter.count(part.path("text").asString(""));
            }
        }
        for (JsonNode call : message.path("tool_calls")) {
            t += TokenCounter.count(call.path("function").path("name").asString("")
                    + call.path("function").path("arguments").asString(""));
        }
        return t;
    }

    /** The messages that may go, as [from, to) units: all but the leading system messages and the latest turn. */
    private static List<int[]> middleUnits(ArrayNode messages) {
        int from = leadingSystem(messages);
        int to = latestTurn(messages);
        List<int[]> units = new ArrayList<>();
        int i = from;
        while (i < to) {
            int end = i + 1;
            if (messages.get(i).path("tool_calls").isArray() && !messages.get(i).path("tool_calls").isEmpty()) {
                while (end < to && "tool".equals(role(messages.get(end)))) {
                    end++; // the results travel with their calls
                }
            }
            while (end < to && "tool".equals(role(messages.get(i))) && "tool".equals(role(messages.get(end)))) {
                end++; // orphan results (their call before the range): together
            }
            units.add(new int[] {i, end});
            i = end;
        }
        return units;
    }

    /** The units ordered from the middle outwards, alternating sides, the later side first. */
    private static List<int[]> middleFirst(List<int[]> units) {
        List<int[]> order = new ArrayList<>(units.size());
        int mid = units.size() / 2;
        for (int step = 0; order.size() < units.size(); step++) {
            int later = mid + step;
            int earlier = mid - step - 1;
            if (later < units.size()) {
                order.add(units.get(later));
            }
            if (earlier >= 0) {
                order.add(units.get(earlier));
            }
        }
        return order;
    }

    private static int leadingSystem(ArrayNode messages) {
        int i = 0;
        while (i < messages.size() - 1 && isSystem(messages.get(i))) {
            i++;
        }
        return i;
    }

    /** Where the latest turn starts: the last message, back to the assistant's call when it is tool results. */
    private static int latestTurn(ArrayNode messages) {
        int last = messages.size() - 1;
        while (last > 0 && "tool".equals(role(messages.get(last)))) {
            last--;
        }
        return Math.max(last, leadingSystem(messages));
    }

    /**
     * The kept message in [head, to) with the most text in a string content, not cut before; -1 when none.
     */
    private static int longestText(ArrayNode kept, int head, int to, boolean[] drop, List<Integer> done) {
        int best = -1;
        int bestLength = 200; // shorter texts are not worth cutting
        for (int i = head; i < to; i++) {
            JsonNode content = kept.get(i).get("content");
            if (content != null && content.isString() && content.asString().length() > bestLength
                    && !done.contains(original(i, drop))) {
                best = i;
                bestLength = content.asString().length();
            }
        }
        return best;
    }

    private static int original(int keptIndex, boolean[] drop) {
        int seen = -1;
        for (int i = 0; i < drop.length; i++) {
            if (!drop[i] && ++seen == keptIndex) {
                return i;
            }
        }
        throw new IllegalArgumentException("no kept message " + keptIndex);
    }

    /** The text with its middle cut out to about {@code tokens} tokens, the start and the end kept. */
    static String cutMiddle(String text, long tokens) {
        long has = Math.max(1, TokenCounter.count(text));
        long keep = (long) ((double) text.length() * tokens / has);
        String cut = text;
        for (int tries = 0; tries < 8 && keep > 0; tries++) {
            int half = (int) Math.min(keep / 2, text.length() / 2);
            cut = text.substring(0, boundary(text, half)) + CUT
                    + text.substring(boundary(text, text.length() - half));
            if (TokenCounter.count(cut) <= tokens) {
                return cut;
            }
            keep = keep * 9 / 10;
        }
        return keep > 0 ? cut : CUT.strip();
    }

    /** A cut never splits a surrogate pair. */
    private static int boundary(String text, int at) {
        return at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at)) ? at - 1 : at;
    }

    private static boolean isSystem(JsonNode message) {
        String role = role(message);
        return role.equals("system") || role.equals("developer");
    }

    private static String role(JsonNode message) {
        return message.path("role").asString("");
    }

    /** Consecutive positions as ranges: {@code #3-7, #9}. */
    static String ranges(List<Integer> positions) {
        StringBuilder s = new StringBuilder();
        int i = 0;
        while (i < positions.size()) {
            int start = positions.get(i);
            int end = start;
            while (i + 1 < positions.size() && positions.get(i + 1) == end + 1) {
                end = positions.get(++i);
            }
            s.append(s.isEmpty() ? "" : ", ").append('#').append(start);
            if (end > start) {
                s.append('-').append(end);
            }
            i++;
        }
        return s.toString();
    }
}
