package dev.junction.accounting;

/**
 * Where finished generations go. {@link #record} is called on an event loop and must never block: an
 * implementation hands the record to a writer behind the response path.
 */
public interface GenerationSink {
    void record(GenerationRecord generation);
}
