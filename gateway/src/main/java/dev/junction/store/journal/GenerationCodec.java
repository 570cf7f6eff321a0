package dev.junction.store.journal;

import dev.junction.accounting.Cost;
import dev.junction.accounting.GenerationRecord;
import dev.junction.accounting.GenerationRecord.ProviderAttempt;
import dev.junction.money.Money;
import dev.junction.accounting.TokenUsage;
import dev.junction.store.StoreException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The journal's binary form of a {@link GenerationRecord}: hand-written rather than JSON because it
 * runs on the event loop inside {@code record()}, where a few hundred nanoseconds matter, and because
 * a fixed field order with a version byte is easy to keep readable across releases (a journal written
 * by one version is replayed by the next). Strings are UTF-8 with an int length, {@code -1} for an
 * empty optional.
 */
public final class GenerationCodec {
    /**
     * Version 5 added the API type at the end; version 4 the notes; version 3 the session id, the router and the cache
     * discount after the media count; version 2 each attempt's failure reason. Records of versions 1 to 4 are still
     * read (an API type absent is {@code completions}).
     */
    static final byte VERSION = 5;
    private static final byte VERSION_WITHOUT_API_TYPE = 4;
    private static final byte VERSION_WITHOUT_NOTES = 3;
    private static final byte VERSION_WITHOUT_SESSION = 2;
    private static final byte VERSION_WITHOUT_REASONS = 1;

    private GenerationCodec() {}

    public static byte[] encode(GenerationRecord g) {
        Writer w = new Writer();
        w.bytes(VERSION);
        w.string(g.id());
        w.string(g.keyHash());
        w.string(g.accountId());
        w.string(g.model());
        w.string(g.providerName());
        w.string(g.endpointId());
        w.optional(g.upstreamId());
        w.int64(g.createdAt().getEpochSecond());
        w.int32(g.createdAt().getNano());
        w.bool(g.streamed());
        w.bool(g.cancelled());
        w.optional(g.finishReason());
        w.optional(g.nativeFinishReason());
        TokenUsage u = g.usage();
        w.int64(u.promptTokens());
        w.int64(u.completionTokens());
        w.int64(u.cachedTokens());
        w.int64(u.cacheWriteTokens());
        w.int64(u.reasoningTokens());
        w.bool(u.estimated());
        w.int64(g.cost().prompt().picos());
        w.int64(g.cost().completion().picos());
        w.int64(g.cost().fees().picos());
        w.int64(g.latencyMillis());
        w.int64(g.generationMillis());
        w.optional(g.externalUser());
        w.optional(g.httpReferer());
        w.optional(g.appTitle());
        w.optional(g.userAgent());
        w.int32(g.attempts().size());
        for (ProviderAttempt a : g.attempts()) {
            w.string(a.providerName());
            w.string(a.model());
            w.int32(a.status());
            w.int64(a.latencyMillis());
            w.optional(a.reason());
        }
        w.int32(g.mediaInPrompt());
        w.optional(g.sessionId());
        w.optional(g.router());
        w.int64(g.cacheDiscount().picos());
        w.int32(g.notes().size());
        for (String note : g.notes()) {
            w.string(note);
        }
        w.string(g.apiType());
        return w.toArray();
    }

    public static GenerationRecord decode(byte[] data) {
        Reader r = new Reader(data);
        try {
            byte version = r.byte8();
            if (version != VERSION && version != VERSION_WITHOUT_API_TYPE && version != VERSION_WITHOUT_NOTES
                    && version != VERSION_WITHOUT_SESSION && version != VERSION_WITHOUT_REASONS) {
                throw new StoreException("journal record of unknown version " + version);
            }
            String id = r.string();
            String keyHash = r.string();
            String accountId = r.string();
            String model = r.string();
            String providerName = r.string();
            String endpointId = r.string();
            Optional<String> upstreamId = r.optional();
            Instant createdAt = Instant.ofEpochSecond(r.int64(), r.int32());
            boolean streamed = r.bool();
            boolean cancelled = r.bool();
            Optional<String> finishReason = r.optional();
            Optional<String> nativeFinishReason = r.optional();
            TokenUsage usage = new TokenUsage(r.int64(), r.int64(), r.int64(), r.int64(), r.int64(), r.bool());
            Cost cost = new Cost(Money.ofPicos(r.int64()), Money.ofPicos(r.int64()), Money.ofPicos(r.int64()));
            long latency = r.int64();
            long generation = r.int64();
            Optional<String> externalUser = r.optional();
            Optional<String> referer = r.optional();
            Optional<String> title = r.optional();
            Optional<String> userAgent = r.optional();
            int n = r.int32();
            if (n < 0 || n > data.length) {
                throw new StoreException("journal record with " + n + " attempts");
            }
            List<ProviderAttempt> attempts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                attempts.add(new ProviderAttempt(r.string(), r.string(), r.int32(), r.int64(),
                        version >= VERSION_WITHOUT_SESSION ? r.optional() : Optional.empty()));
            }
            int media = r.int32();
            Optional<String> session = version >= VERSION_WITHOUT_NOTES ? r.optional() : Optional.empty();
            Optional<String> router = version >= VERSION_WITHOUT_NOTES ? r.optional() : Optional.empty();
            Money cacheDiscount = version >= VERSION_WITHOUT_NOTES ? Money.ofPicos(r.int64()) : Money.ZERO;
            List<String> notes = new ArrayList<>();
            if (version >= VERSION_WITHOUT_API_TYPE) {
                int count = r.int32();
                if (count < 0 || count > data.length) {
                    throw new StoreException("journal record with " + count + " notes");
                }
                for (int i = 0; i < count; i++) {
                    notes.add(r.string());
                }
            }
            String apiType = version >= VERSION ? r.string() : GenerationRecord.COMPLETIONS;
            if (r.remaining() != 0) {
                throw new StoreException("journal record has " + r.remaining() + " trailing bytes");
            }
            return new GenerationRecord(id, keyHash, accountId, model, providerName, endpointId, upstreamId,
                    createdAt, streamed, cancelled, finishReason, nativeFinishReason, usage, cost, latency,
                    generation, externalUser, referer, title, userAgent, List.copyOf(attempts), media, session, router,
                    cacheDiscount, notes, apiType);
        } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
            throw new StoreException("journal record is truncated", e);
        }
    }

    private static final class Writer {
        private byte[] buf = new byte[512];
        private int pos;

        private void ensure(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        void bytes(byte b) {
            ensure(1);
            buf[pos++] = b;
        }

        void bool(boolean b) {
            bytes(b ? (byte) 1 : (byte) 0);
        }

        void int32(int v) {
            ensure(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buf[pos++] = (byte) (v >>> shift);
            }
        }

        void int64(long v) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[pos++] = (byte) (v >>> shift);
            }
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int32(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        void optional(Optional<String> s) {
            if (s.isPresent()) {
                string(s.get());
            } else {
                int32(-1);
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, pos);
        }
    }

    private static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        int remaining() {
            return buf.length - pos;
        }

        byte byte8() {
            return buf[pos++];
        }

        boolean bool() {
            return buf[pos++] != 0;
        }

        int int32() {
            int v = 0;
            for (int i = 0; i < 4; i++) {
                v = (v << 8) | (buf[pos++] & 0xff);
            }
            return v;
        }

        long int64() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (buf[pos++] & 0xff);
            }
            return v;
        }

        String string() {
            int n = int32();
            if (n < 0 || n > remaining()) {
                throw new StoreException("journal record has a string of " + n + " bytes");
            }
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        Optional<String> optional() {
            int n = int32();
            if (n == -1) {
                return Optional.empty();
            }
            pos -= 4;
            return Optional.of(string());
        }
    }
}
