package dev.junction.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * The events of a stream whose events are named (the Responses API's, Anthropic's): each {@code event:} line and the
 * {@code data:} line after it. An event without a name has an empty one — Anthropic's SDKs would skip it.
 */
public final class NamedEvents {
    public record Event(String name, String data) {}

    private NamedEvents() {}

    public static List<Event> of(String sse) {
        List<Event> events = new ArrayList<>();
        String name = "";
        for (String line : sse.split("\\r?\\n")) {
            if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                events.add(new Event(name, line.substring(5).strip()));
                name = "";
            } else if (line.isEmpty()) {
                name = "";
            }
        }
        return events;
    }
}
