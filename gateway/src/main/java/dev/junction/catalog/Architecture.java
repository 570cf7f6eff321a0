package dev.junction.catalog;

import java.util.List;
import java.util.Optional;

/** What a model takes in and puts out, and how it tokenises. */
public record Architecture(List<String> inputModalities, List<String> outputModalities, Optional<String> tokenizer,
                           Optional<String> instructType) {

    /** OpenRouter's summary form, e.g. {@code text+image->text}. */
    public String modality() {
        return String.join("+", inputModalities) + "->" + String.join("+", outputModalities);
    }
}
