package dev.junction.accounting;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with the o200k tokenizer (GPT-4o's) as a stand-in for any model's: close enough to
 * decide whether a prompt fits a context window. CPU work (about 14 MB/s, and a quarter second to load
 * the first time), so callers run it off the event loops and only when a context limit is in reach.
 */
public final class TokenCounter {
    private static volatile Encoding encoding;

    private TokenCounter() {}

    public static long count(String text) {
        Encoding e = encoding;
        if (e == null) {
            synchronized (TokenCounter.class) {
                e = encoding;
                if (e == null) {
                    e = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
                    encoding = e;
                }
            }
        }
        return e.countTokensOrdinary(text);
    }
}
