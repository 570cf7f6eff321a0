package dev.junction.sim.engine;

/**
 * The sim's token model, deterministic so that tests can compute expected usage by hand: a token is a
 * whitespace-delimited word ({@link Character#isWhitespace}). {@code prompt_tokens} is the number of words across
 * all text of the request (message {@code content} strings and {@code text} parts, or the legacy {@code prompt});
 * {@code completion_tokens} is the words of the reply, plus the reasoning tokens (scripted, else the words of the
 * reasoning text), plus for each tool call the words of its name and of its arguments text. A reply is streamed as
 * one piece per word with its leading whitespace kept (trailing whitespace rides on the last piece), so the
 * concatenated deltas equal the reply exactly.
 */
public final class Words {
    private Words() {
    }

    public static int count(CharSequence text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }
}
