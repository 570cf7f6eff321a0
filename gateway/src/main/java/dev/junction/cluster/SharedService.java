package dev.junction.cluster;

/** A service the instances of a cluster share, as {@code /ready} reports it. */
public interface SharedService {
    /** {@code redis}, {@code database}. */
    String name();

    /** Whether this instance should receive traffic as far as this service is concerned. */
    boolean ready();

    /** {@code up}, {@code down}, {@code down (failing open)}. */
    String state();
}
