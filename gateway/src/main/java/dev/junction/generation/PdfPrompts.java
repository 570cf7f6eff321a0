package dev.junction.generation;

import dev.junction.catalog.Endpoint;
import dev.junction.config.ProviderKind;
import dev.junction.plugins.FileParser;
import dev.junction.routing.Attempt;
import dev.junction.routing.RoutePlan;
import dev.junction.wire.ApiKind;
import dev.junction.wire.ClientRequest;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * The {@code file-parser} plugin for one request: which attempts get the PDFs as text rather than as documents,
 * and that text, extracted once, before the first attempt, off the event loop. Anthropic and Gemini read PDFs, as
 * does an OpenAI-compatible model whose catalog entry lists {@code file} among its input modalities; every other
 * endpoint gets the text unless the request asks for {@code native}.
 */
final class PdfPrompts {
    static final PdfPrompts NONE = new PdfPrompts(FileParser.Engine.NATIVE, Optional.empty());

    private final FileParser.Engine engine;
    private final Optional<FileParser.Parsed> parsed;

    private PdfPrompts(FileParser.Engine engine, Optional<FileParser.Parsed> parsed) {
        this.engine = engine;
        this.parsed = parsed;
    }

    /** The engine asked for (a 400 for one not available), when the request has PDFs some attempt needs as text. */
    static Optional<FileParser.Engine> needed(RoutePlan plan, ClientRequest request) {
        if (request.api() != ApiKind.CHAT || !request.inputModalities().contains("file")) {
            return Optional.empty();
        }
        FileParser.Engine engine = FileParser.engine(request.body());
        if (engine == FileParser.Engine.NATIVE || !FileParser.hasPdf(request.body())) {
            return Optional.empty();
        }
        boolean some = plan.attempts().stream().anyMatch(a -> wantsText(engine, a));
        return some ? Optional.of(engine) : Optional.empty();
    }

    /** Extracts the text of the request's PDFs. CPU work: not on the event loop. */
    static PdfPrompts of(FileParser.Engine engine, ClientRequest request) {
        return new PdfPrompts(engine, Optional.of(FileParser.parse(request.body())));
    }

    /** The body this attempt is sent, before middle-out: the PDFs as text where the endpoint cannot read them. */
    ObjectNode body(Attempt attempt, ObjectNode original) {
        return parsed.isPresent() && wantsText(engine, attempt) ? parsed.get().body() : original;
    }

    /** The {@code file} annotations of the answer, when this attempt was sent text. */
    Optional<ArrayNode> annotations(Attempt attempt) {
        return parsed.filter(p -> wantsText(engine, attempt) && !p.annotations().isEmpty())
                .map(FileParser.Parsed::annotations);
    }

    private static boolean wantsText(FileParser.Engine engine, Attempt attempt) {
        return switch (engine) {
            case NATIVE -> false;
            case TEXT -> true;
            case DEFAULT -> !readsPdf(attempt);
        };
    }

    private static boolean readsPdf(Attempt attempt) {
        Endpoint e = attempt.endpoint();
        ProviderKind kind = e.provider().kind();
        return kind == ProviderKind.ANTHROPIC || kind == ProviderKind.GEMINI
                || attempt.model().architecture().inputModalities().contains("file");
    }
}
