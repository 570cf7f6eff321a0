package dev.junction.accounting;

/** A request's worst-case cost does not fit the key's remaining limit or the account's balance: a 402. */
public final class InsufficientCreditsException extends RuntimeException {
    public InsufficientCreditsException(String message) {
        super(message, null, false, false);
    }
}
