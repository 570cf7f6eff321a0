package dev.junction.generation;

import dev.junction.providers.UpstreamFailure;
import dev.junction.routing.Attempt;
import dev.junction.routing.AttemptFailure;
import dev.junction.wire.ClientRequest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Several {@link GenerationListener}s as one: metrics and tracing side by side. */
final class GenerationListeners implements GenerationListener {
    private final List<GenerationListener> listeners;

    GenerationListeners(List<GenerationListener> listeners) {
        this.listeners = listeners;
    }

    @Override
    public void refused(ClientRequest request, Throwable cause) {
        for (GenerationListener l : listeners) {
            l.refused(request, cause);
        }
    }

    @Override
    public boolean keepsText() {
        for (GenerationListener l : listeners) {
            if (l.keepsText()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Observation opened(Generation generation) {
        Observation[] observations = new Observation[listeners.size()];
        for (int i = 0; i < observations.length; i++) {
            observations[i] = listeners.get(i).opened(generation);
        }
        return new Observations(observations);
    }

    private record Observations(Observation[] each) implements Observation {
        @Override
        public Map<String, String> attempting(Attempt attempt) {
            Map<String, String> headers = Map.of();
            for (Observation o : each) {
                Map<String, String> more = o.attempting(attempt);
                if (!more.isEmpty()) {
                    if (headers.isEmpty()) {
                        headers = more;
                    } else {
                        headers = new HashMap<>(headers);
                        headers.putAll(more);
                    }
                }
            }
            return headers;
        }

        @Override
        public void attemptsFailed(List<AttemptFailure> failures, boolean lastFellBack) {
            for (Observation o : each) {
                o.attemptsFailed(failures, lastFellBack);
            }
        }

        @Override
        public void committed(Attempt attempt) {
            for (Observation o : each) {
                o.committed(attempt);
            }
        }

        @Override
        public void finished(Generation generation, Optional<UpstreamFailure> midStream) {
            for (Observation o : each) {
                o.finished(generation, midStream);
            }
        }

        @Override
        public Optional<String> traceId() {
            for (Observation o : each) {
                Optional<String> id = o.traceId();
                if (id.isPresent()) {
                    return id;
                }
            }
            return Optional.empty();
        }
    }
}
