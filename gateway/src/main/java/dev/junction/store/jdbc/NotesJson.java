package dev.junction.store.jdbc;

import dev.junction.store.StoreException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A generation's notes as the JSON text stored in {@code generations.notes}: an array of strings, or no value
 * at all when there are none (as for every record made before notes were kept).
 */
final class NotesJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private NotesJson() {}

    static Optional<String> write(List<String> notes) {
        if (notes.isEmpty()) {
            return Optional.empty();
        }
        ArrayNode array = MAPPER.createArrayNode();
        notes.forEach(array::add);
        return Optional.of(MAPPER.writeValueAsString(array));
    }

    static List<String> read(String json) {
        if (json == null) {
            return List.of();
        }
        try {
            List<String> notes = new ArrayList<>();
            for (JsonNode note : MAPPER.readTree(json)) {
                notes.add(note.asString());
            }
            return List.copyOf(notes);
        } catch (JacksonException e) {
            throw new StoreException("malformed notes in a stored generation: " + json, e);
        }
    }
}
