package dev.junction.generation;

import dev.junction.accounting.Cost;
import dev.junction.accounting.TokenUsage;

/** What a generation was billed: the tokens counted and their exact cost. */
public record Settlement(TokenUsage usage, Cost cost) {
    /** Nothing produced, nothing billed. */
    public static final Settlement NONE = new Settlement(TokenUsage.NONE, Cost.ZERO);
}
