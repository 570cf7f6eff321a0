package dev.junction.store.journal;

import dev.junction.accounting.GenerationRecord;
import dev.junction.store.StoreException;
import dev.junction.store.StoreTesting;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerationCodecTest {
    private static final Instant AT = Instant.parse("2026-11-20T12:00:00.123456789Z");

    @Test
    void everyFieldSurvivesTheRoundTripToTheNanosecond() {
        GenerationRecord full = StoreTesting.full("gen-ü", "k", AT);
        GenerationRecord minimal = StoreTesting.minimal("gen-2", "k", AT, 42);
        assertThat(GenerationCodec.decode(GenerationCodec.encode(full))).isEqualTo(full);
        assertThat(GenerationCodec.decode(GenerationCodec.encode(minimal))).isEqualTo(minimal);
    }

    @Test
    void aTruncatedOrForeignRecordIsRejectedNotMisread() {
        byte[] bytes = GenerationCodec.encode(StoreTesting.full("gen-1", "k", AT));
        assertThatThrownBy(() -> GenerationCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> GenerationCodec.decode(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(StoreException.class).hasMessageContaining("trailing");
        bytes[0] = 9;
        assertThatThrownBy(() -> GenerationCodec.decode(bytes)).isInstanceOf(StoreException.class)
                .hasMessageContaining("version 9");
    }
}
