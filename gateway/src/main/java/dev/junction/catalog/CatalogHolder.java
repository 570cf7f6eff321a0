package dev.junction.catalog;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The catalog in force. Readers take {@link #current()} once per request and work on that immutable
 * snapshot; a reload swaps in a new catalog without stopping anything.
 */
public final class CatalogHolder implements Supplier<Catalog> {
    private final AtomicReference<Catalog> current;

    public CatalogHolder(Catalog initial) {
        this.current = new AtomicReference<>(initial);
    }

    public Catalog current() {
        return current.get();
    }

    @Override
    public Catalog get() {
        return current.get();
    }

    public void replace(Catalog catalog) {
        current.set(catalog);
    }
}
