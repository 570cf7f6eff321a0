package dev.junction.accounting;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Settles each generation's credit hold to its exact cost as the generation is recorded, then passes
 * the record on. A generation that ends without a record (every attempt failed) has its hold released
 * by {@link #release}. Either way a hold is closed exactly once.
 */
public final class SettlingSink implements GenerationSink {
    private final CreditLedger ledger;
    private final List<GenerationSink> next;
    private final ConcurrentHashMap<String, Hold> open = new ConcurrentHashMap<>();

    public SettlingSink(CreditLedger ledger, List<GenerationSink> next) {
        this.ledger = ledger;
        this.next = List.copyOf(next);
    }

    /** The hold to settle when generation {@code id} is recorded. */
    public void open(String id, Hold hold) {
        open.put(id, hold);
    }

    @Override
    public void record(GenerationRecord generation) {
        Hold hold = open.remove(generation.id());
        if (hold != null) {
            ledger.settle(hold, generation.cost().total());
        }
        for (GenerationSink sink : next) {
            sink.record(generation);
        }
    }

    /** Frees the hold of a generation that produced nothing; a no-op if it was recorded. */
    public void release(String id) {
        Hold hold = open.remove(id);
        if (hold != null) {
            ledger.release(hold);
        }
    }
}
