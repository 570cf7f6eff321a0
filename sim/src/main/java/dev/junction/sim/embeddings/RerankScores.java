package dev.junction.sim.embeddings;

import dev.junction.sim.engine.Words;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The sim's reranker, deterministic so that tests can predict the order: a document's relevance is the share of the
 * query's distinct words (lower-cased, punctuation stripped) that it contains, from 0 to 1.
 */
public final class RerankScores {
    private RerankScores() {
    }

    public static double score(String query, String document) {
        Set<String> wanted = words(query);
        if (wanted.isEmpty()) {
            return 0;
        }
        Set<String> found = words(document);
        long shared = wanted.stream().filter(found::contains).count();
        return (double) shared / wanted.size();
    }

    /** Tokens the sim bills for a rerank: the words of the query once per document, and of every document. */
    public static int tokens(String query, Iterable<String> documents) {
        int total = 0;
        for (String document : documents) {
            total += Words.count(query) + Words.count(document);
        }
        return total;
    }

    private static Set<String> words(String text) {
        Set<String> words = new HashSet<>();
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
