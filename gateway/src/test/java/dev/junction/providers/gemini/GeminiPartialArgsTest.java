package dev.junction.providers.gemini;

import dev.junction.wire.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The arguments a client receives for a call Gemini streamed in {@code partialArgs} pieces. */
class GeminiPartialArgsTest {

    @Test
    void nestedPathsAndContinuedStringsMakeOneObject() {
        GeminiPartialArgs args = new GeminiPartialArgs();
        args.apply(Json.parse("""
                [{"jsonPath":"$.recipe.ingredients[0].name","stringValue":"San ","willContinue":true},
                 {"jsonPath":"$.recipe.ingredients[0].name","stringValue":"Marzano"},
                 {"jsonPath":"$['odd key']","boolValue":false},
                 {"jsonPath":"$.recipe.quantity","numberValue":2}]"""));
        assertThat(args.json()).isEqualTo(
                "{\"recipe\":{\"ingredients\":[{\"name\":\"San Marzano\"}],\"quantity\":2},\"odd key\":false}");
    }

    @Test
    void aStringNotMarkedToContinueIsReplacedNotExtended() {
        GeminiPartialArgs args = new GeminiPartialArgs();
        args.apply(Json.parse("[{\"jsonPath\":\"$.city\",\"stringValue\":\"Oslo\"}]"));
        args.apply(Json.parse("[{\"jsonPath\":\"$.city\",\"stringValue\":\"Bergen\"}]"));
        assertThat(args.json()).isEqualTo("{\"city\":\"Bergen\"}");
    }

    @Test
    void unreadableOrClashingPathsAreDroppedNotFatal() {
        GeminiPartialArgs args = new GeminiPartialArgs();
        args.apply(Json.parse("""
                [{"jsonPath":"$.a","stringValue":"x"},
                 {"jsonPath":"$.a.b","stringValue":"clash"},
                 {"jsonPath":"$[","stringValue":"bad"},
                 {"jsonPath":"$.list[99999999]","stringValue":"far"},
                 {"jsonPath":"city","stringValue":"bare"}]"""));
        assertThat(args.json()).isEqualTo("{\"a\":\"x\",\"city\":\"bare\"}");
        assertThat(GeminiPartialArgs.steps("$.a[2]['b.c']")).isEqualTo(Optional.of(List.of("a", 2, "b.c")));
    }
}
