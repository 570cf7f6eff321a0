package dev.junction.providers;

/** What happens after an attempt failed before its first token: the next endpoint gets the request, or not. */
public enum FailureClass {
    /** Another endpoint may well serve it: the provider failed, or cannot express the request. */
    TRY_NEXT,
    /** Every endpoint would answer the same (the caller's own mistake or prompt), or the client has gone. */
    STOP
}
