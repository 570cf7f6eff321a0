package dev.junction.providers.openai;

/**
 * Splits a model's {@code <think>…</think>} block off the start of its content, piece by piece as a stream
 * delivers it: a tag may arrive cut across pieces, so a piece ending in what could be the start of a tag is held
 * back until the next one says. Only a block that opens the content (after whitespace) is reasoning; content
 * that starts otherwise is content throughout, tags and all. The whitespace models put after {@code </think>}
 * is dropped. One per choice of one answer.
 */
final class ThinkTagSplitter {
    static final String OPEN = "<think>";
    static final String CLOSE = "</think>";

    private enum State { BEFORE, THINKING, ANSWERING }

    /** One piece, split: the reasoning and the content it holds (either may be empty). */
    record Split(String reasoning, String content) {}

    private State state = State.BEFORE;
    private String pending = "";
    private boolean trimAnswerStart;

    Split next(String piece) {
        String text = pending + piece;
        pending = "";
        StringBuilder reasoning = new StringBuilder();
        StringBuilder content = new StringBuilder();
        while (!text.isEmpty()) {
            switch (state) {
                case BEFORE -> {
                    String start = text.stripLeading();
                    if (start.startsWith(OPEN)) {
                        state = State.THINKING;
                        text = start.substring(OPEN.length());
                    } else if (OPEN.startsWith(start)) {
                        pending = text; // blank so far, or a tag cut short: wait for more
                        text = "";
                    } else {
                        state = State.ANSWERING;
                    }
                }
                case THINKING -> {
                    int close = text.indexOf(CLOSE);
                    if (close >= 0) {
                        reasoning.append(text, 0, close);
                        text = text.substring(close + CLOSE.length());
                        state = State.ANSWERING;
                        trimAnswerStart = true;
                    } else {
                        int keep = partialTagAtEnd(text, CLOSE);
                        reasoning.append(text, 0, text.length() - keep);
                        pending = text.substring(text.length() - keep);
                        text = "";
                    }
                }
                case ANSWERING -> {
                    if (trimAnswerStart) {
                        text = text.stripLeading();
                        trimAnswerStart = text.isEmpty();
                    }
                    content.append(text);
                    text = "";
                }
            }
        }
        return new Split(reasoning.toString(), content.toString());
    }

    /** The end of the answer: what was held back is given out as what it would have been. */
    Split finish() {
        String rest = pending;
        pending = "";
        return switch (state) {
            case THINKING -> new Split(rest, "");
            case BEFORE, ANSWERING -> new Split("", rest);
        };
    }

    /** The length of the longest proper prefix of {@code tag} that {@code text} ends with. */
    private static int partialTagAtEnd(String text, String tag) {
        for (int n = Math.min(tag.length() - 1, text.length()); n > 0; n--) {
            if (text.regionMatches(text.length() - n, tag, 0, n)) {
                return n;
            }
        }
        return 0;
    }
}
