package dev.junction.store.journal;

import dev.junction.accounting.GenerationRecord;
import dev.junction.accounting.GenerationRecord.ProviderAttempt;
import dev.junction.store.StoreException;
import dev.junction.store.StoreTesting;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

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

    /** A journal written before attempts kept their failure reason is replayed by this version. */
    @Test
    void aVersionOneRecordIsStillRead() {
        GenerationRecord noReasons = StoreTesting.minimal("gen-3", "k", AT, 42);
        noReasons = new GenerationRecord(noReasons.id(), noReasons.keyHash(), noReasons.accountId(), noReasons.model(),
                noReasons.providerName(), noReasons.endpointId(), noReasons.upstreamId(), noReasons.createdAt(),
                noReasons.streamed(), noReasons.cancelled(), noReasons.finishReason(), noReasons.nativeFinishReason(),
                noReasons.usage(), noReasons.cost(), noReasons.latencyMillis(), noReasons.generationMillis(),
                noReasons.externalUser(), noReasons.httpReferer(), noReasons.appTitle(), noReasons.userAgent(),
                List.of(new ProviderAttempt("Groq", "llama", 502, 12), new ProviderAttempt("OpenAI", "gpt", 200, 40)),
                noReasons.mediaInPrompt());
        byte[] v2 = versionTwo(versionFour(GenerationCodec.encode(noReasons)));
        // Version 1 is version 2 without the empty-reason marker (-1) after each attempt's latency.
        int media = v2.length - 4;
        int secondMarker = media - 4;
        int secondAttempt = secondMarker - 8 - 4 - (4 + "gpt".length()) - (4 + "OpenAI".length());
        int firstMarker = secondAttempt - 4;
        ByteArrayOutputStream v1 = new ByteArrayOutputStream();
        v1.write(v2, 0, firstMarker);
        v1.write(v2, firstMarker + 4, secondMarker - firstMarker - 4);
        v1.write(v2, media, 4);
        byte[] bytes = v1.toByteArray();
        bytes[0] = 1;

        assertThat(GenerationCodec.decode(bytes)).isEqualTo(noReasons);
    }

    /** A journal written before records kept their session, router and cache discount is replayed by this version. */
    @Test
    void aVersionTwoRecordIsStillRead() {
        GenerationRecord full = StoreTesting.full("gen-4", "k", AT);
        GenerationRecord before = new GenerationRecord(full.id(), full.keyHash(), full.accountId(), full.model(),
                full.providerName(), full.endpointId(), full.upstreamId(), full.createdAt(), full.streamed(),
                full.cancelled(), full.finishReason(), full.nativeFinishReason(), full.usage(), full.cost(),
                full.latencyMillis(), full.generationMillis(), full.externalUser(), full.httpReferer(), full.appTitle(),
                full.userAgent(), full.attempts(), full.mediaInPrompt());
        assertThat(GenerationCodec.decode(versionTwo(versionFour(GenerationCodec.encode(before))))).isEqualTo(before);
    }

    /** A journal written before records kept their API type is replayed by this version: its records are completions. */
    @Test
    void aVersionFourRecordIsStillReadAsCompletions() {
        GenerationRecord full = StoreTesting.full("gen-5", "k", AT);
        GenerationRecord completions = new GenerationRecord(full.id(), full.keyHash(), full.accountId(), full.model(),
                full.providerName(), full.endpointId(), full.upstreamId(), full.createdAt(), full.streamed(),
                full.cancelled(), full.finishReason(), full.nativeFinishReason(), full.usage(), full.cost(),
                full.latencyMillis(), full.generationMillis(), full.externalUser(), full.httpReferer(), full.appTitle(),
                full.userAgent(), full.attempts(), full.mediaInPrompt(), full.sessionId(), full.router(),
                full.cacheDiscount());
        assertThat(completions.apiType()).isEqualTo("completions");
        assertThat(GenerationCodec.decode(versionFour(GenerationCodec.encode(completions)))).isEqualTo(completions);
    }

    /** Version 4 is version 5 without the API type at the end (a string: its length, then "completions"). */
    private static byte[] versionFour(byte[] v5) {
        assertThat(v5[0]).isEqualTo((byte) 5);
        byte[] v4 = Arrays.copyOf(v5, v5.length - 4 - "completions".length());
        v4[0] = 4;
        return v4;
    }

    /** A journal written before records kept their notes is replayed by this version. */
    @Test
    void aVersionThreeRecordIsStillRead() {
        GenerationRecord full = StoreTesting.full("gen-5", "k", AT);
        GenerationRecord before = new GenerationRecord(full.id(), full.keyHash(), full.accountId(), full.model(),
                full.providerName(), full.endpointId(), full.upstreamId(), full.createdAt(), full.streamed(),
                full.cancelled(), full.finishReason(), full.nativeFinishReason(), full.usage(), full.cost(),
                full.latencyMillis(), full.generationMillis(), full.externalUser(), full.httpReferer(), full.appTitle(),
                full.userAgent(), full.attempts(), full.mediaInPrompt(), full.sessionId(), full.router(),
                full.cacheDiscount());
        assertThat(GenerationCodec.decode(versionThree(versionFour(GenerationCodec.encode(before))))).isEqualTo(before);
    }

    /** Version 3 is version 4 without the notes at the end: for a record without them, a zero count. */
    private static byte[] versionThree(byte[] v4) {
        assertThat(v4[0]).isEqualTo((byte) 4);
        byte[] v3 = Arrays.copyOf(v4, v4.length - 4);
        v3[0] = 3;
        return v3;
    }

    /**
     * Version 2 is version 3 without the session, router and cache discount at the end: for a record without them,
     * two empty-string markers (-1) and a zero.
     */
    private static byte[] versionTwo(byte[] v4) {
        byte[] v3 = versionThree(v4);
        byte[] v2 = Arrays.copyOf(v3, v3.length - 16);
        v2[0] = 2;
        return v2;
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
