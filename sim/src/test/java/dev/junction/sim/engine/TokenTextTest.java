package dev.junction.sim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TokenTextTest {

    private static List<String> pieces(TokenText text) {
        var out = new ArrayList<String>();
        text.pieces().forEachRemaining(out::add);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "one", "one two", "  lead", "trail  ", " \n a\tb  c \n", "   ", "héllo 🌍 wörld"})
    void piecesConcatenateToTheText(String text) {
        TokenText tokens = TokenText.of(text);
        List<String> pieces = pieces(tokens);
        assertThat(String.join("", pieces)).isEqualTo(text);
        assertThat(pieces).hasSize(tokens.pieceCount());
    }

    @Test
    void aTokenIsAWhitespaceDelimitedWord() {
        assertThat(Words.count("")).isZero();
        assertThat(Words.count("   ")).isZero();
        assertThat(Words.count("Hello, world!")).isEqualTo(2);
        assertThat(Words.count(" a\tb\nc  ")).isEqualTo(3);
        assertThat(pieces(TokenText.of("Hi there, you"))).containsExactly("Hi", " there,", " you");
    }

    @Test
    void numberedTokensAndTruncation() {
        assertThat(pieces(TokenText.numbered(3))).containsExactly("tok0", " tok1", " tok2");
        assertThat(TokenText.numbered(3).text()).isEqualTo("tok0 tok1 tok2");
        assertThat(TokenText.numbered(5).truncate(2).text()).isEqualTo("tok0 tok1");
        assertThat(TokenText.of("a b c d").truncate(2).text()).isEqualTo("a b");
        assertThat(TokenText.of("a b").truncate(5).text()).isEqualTo("a b");
    }

    @Test
    void argumentFragmentsNeverSplitASurrogatePair() {
        String args = "{\"e\":\"1234🌍567\"}";
        List<String> fragments = Generation.argumentFragments(args);
        assertThat(String.join("", fragments)).isEqualTo(args);
        assertThat(fragments).allSatisfy(f -> assertThat(Character.isHighSurrogate(f.charAt(f.length() - 1))).isFalse());
    }
}
