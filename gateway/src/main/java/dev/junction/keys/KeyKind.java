package dev.junction.keys;

/** What a key may do: call models, or manage keys and read account figures (and nothing else). */
public enum KeyKind {
    STANDARD,
    PROVISIONING
}
