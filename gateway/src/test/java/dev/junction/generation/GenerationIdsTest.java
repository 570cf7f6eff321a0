package dev.junction.generation;

import dev.junction.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class GenerationIdsTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00.000Z");

    @Test
    void idsKeepOpenRoutersShapeAndTheSecondTheyWereMadeIn() {
        MutableClock clock = new MutableClock(T0.plusMillis(999));
        String id = new GenerationIds(new Random(1), clock).next();

        assertThat(id).matches("gen-" + T0.getEpochSecond() + "-[A-Za-z0-9]{20}");
    }

    @Test
    void idsMadeLaterSortAfterIdsMadeEarlierToTheMillisecond() {
        MutableClock clock = new MutableClock(T0);
        GenerationIds ids = new GenerationIds(new Random(7), clock);
        List<String> made = new ArrayList<>();
        // Every millisecond of two seconds, twice each: across the second's boundary and within one millisecond.
        for (int ms = 0; ms < 2000; ms++) {
            made.add(ids.next());
            made.add(ids.next());
            clock.advance(Duration.ofMillis(1));
        }

        for (int ms = 1; ms < 2000; ms++) {
            List<String> before = made.subList(2 * ms - 2, 2 * ms);
            for (String id : made.subList(2 * ms, 2 * ms + 2)) {
                assertThat(before).as("the ids of millisecond %d against %s", ms, id).allMatch(b -> b.compareTo(id) < 0);
            }
        }
        assertThat(new HashSet<>(made)).as("no id repeats").hasSize(made.size());
    }

    @Test
    void theRestOfAnIdIsRandom() {
        MutableClock clock = new MutableClock(T0);
        String a = new GenerationIds(new Random(1), clock).next();
        String b = new GenerationIds(new Random(2), clock).next();

        assertThat(a.substring(0, a.length() - 18)).isEqualTo(b.substring(0, b.length() - 18));
        assertThat(a.substring(a.length() - 18)).isNotEqualTo(b.substring(b.length() - 18));
    }
}
