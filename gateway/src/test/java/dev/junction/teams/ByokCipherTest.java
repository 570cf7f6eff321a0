package dev.junction.teams;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sealing provider keys: what is stored opens only under the same key, for the same entry, unaltered. */
class ByokCipherTest {
    private static final byte[] KEY = new byte[32];
    private static final String SECRET = "sk-team-own-key-7f3a9c2e41b8";

    @Test
    void aSealedSecretOpensForItsEntryAndNeverShowsInTheStoredForm() {
        ByokCipher cipher = new ByokCipher(KEY);
        String sealed = cipher.seal("entry-1", SECRET);
        assertThat(sealed).doesNotContain(SECRET);
        assertThat(new String(Base64.getDecoder().decode(sealed), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        assertThat(cipher.open("entry-1", sealed)).isEqualTo(SECRET);
        assertThat(cipher.seal("entry-1", SECRET)).as("a fresh nonce each time").isNotEqualTo(sealed);
    }

    @Test
    void anotherEntryAnotherKeyOrAnAlteredSecretDoNotOpen() {
        ByokCipher cipher = new ByokCipher(KEY);
        String sealed = cipher.seal("entry-1", SECRET);
        assertThatThrownBy(() -> cipher.open("entry-2", sealed)).isInstanceOf(IllegalStateException.class);
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> new ByokCipher(other).open("entry-1", sealed)).isInstanceOf(IllegalStateException.class);
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open("entry-1", Base64.getEncoder().encodeToString(bytes)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ByokCipher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
