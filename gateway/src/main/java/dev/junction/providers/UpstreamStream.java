package dev.junction.providers;

/**
 * A started upstream stream. Nothing is delivered until {@link #start}; {@link #pause} and
 * {@link #resume} apply back-pressure to the upstream connection itself, so a slow client never makes
 * the gateway buffer without bound.
 */
public interface UpstreamStream {
    void start(StreamListener listener);

    void pause();

    void resume();

    /** Aborts the upstream request at once; no listener callback follows. */
    void cancel();
}
