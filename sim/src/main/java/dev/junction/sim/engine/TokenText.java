package dev.junction.sim.engine;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Text produced token by token (see {@link Words} for what a token is). Pieces are produced lazily so that a
 * million-token load test never materialises a list of pieces.
 */
public sealed interface TokenText {

    static TokenText of(String text) {
        return new Literal(text);
    }

    /** "tok0 tok1 … tok(n-1)": the reply of {@code reply_tokens}. */
    static TokenText numbered(int count) {
        return new Numbered(count);
    }

    static TokenText empty() {
        return new Literal("");
    }

    /** Tokens counted in usage. */
    int tokens();

    /** Streamed pieces (equal to {@link #tokens()} except for whitespace-only text, which is one piece). */
    int pieceCount();

    Iterator<String> pieces();

    String text();

    /** The first {@code maxTokens} tokens (this text when it has no more than that). */
    TokenText truncate(int maxTokens);

    default boolean isEmpty() {
        return pieceCount() == 0;
    }

    record Literal(String text) implements TokenText {
        @Override
        public int tokens() {
            return Words.count(text);
        }

        @Override
        public int pieceCount() {
            int words = tokens();
            return words == 0 && !text.isEmpty() ? 1 : words;
        }

        @Override
        public Iterator<String> pieces() {
            return new Iterator<>() {
                private int pos;

                @Override
                public boolean hasNext() {
                    return pos < text.length();
                }

                @Override
                public String next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    int start = pos;
                    int i = pos;
                    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                        i++;
                    }
                    while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                        i++;
                    }
                    int rest = i;
                    while (rest < text.length() && Character.isWhitespace(text.charAt(rest))) {
                        rest++;
                    }
                    pos = rest == text.length() ? rest : i;
                    return text.substring(start, pos);
                }
            };
        }

        @Override
        public TokenText truncate(int maxTokens) {
            if (tokens() <= maxTokens) {
                return this;
            }
            var sb = new StringBuilder();
            Iterator<String> it = pieces();
            for (int i = 0; i < maxTokens; i++) {
                sb.append(it.next());
            }
            return new Literal(sb.toString());
        }
    }

    record Numbered(int count) implements TokenText {
        @Override
        public int tokens() {
            return count;
        }

        @Override
        public int pieceCount() {
            return count;
        }

        @Override
        public Iterator<String> pieces() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < count;
                }

                @Override
                public String next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    int i = next++;
                    return i == 0 ? "tok0" : " tok" + i;
                }
            };
        }

        @Override
        public String text() {
            var sb = new StringBuilder(count * 7);
            pieces().forEachRemaining(sb::append);
            return sb.toString();
        }

        @Override
        public TokenText truncate(int maxTokens) {
            return maxTokens >= count ? this : new Numbered(maxTokens);
        }
    }
}
