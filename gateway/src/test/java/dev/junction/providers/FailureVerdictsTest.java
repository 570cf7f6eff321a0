package dev.junction.providers;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one table of upstream failures: what happens next, what the client is told, and whose fault it is. */
class FailureVerdictsTest {

    @ParameterizedTest(name = "{0} {1} -> {2} {3} {4} outage={5}")
    @CsvSource({
            // kind,              status, next,     client, error_type,               outage
            "CONNECT,             0,      TRY_NEXT, 502,    provider_unavailable,     true",
            "TIMEOUT,             0,      TRY_NEXT, 408,    timeout,                  true",
            "PROTOCOL,            0,      TRY_NEXT, 502,    provider_unavailable,     true",
            "STREAM_ERROR,        0,      TRY_NEXT, 502,    provider_unavailable,     true",
            "UNSUPPORTED_REQUEST, 0,      TRY_NEXT, 400,    invalid_request,          false",
            "CONTENT_POLICY,      0,      STOP,     403,    content_policy_violation, false",
            "CANCELLED,           0,      STOP,     499,    provider_unavailable,     false",
            "HTTP_STATUS,         400,    STOP,     400,    invalid_request,          false",
            "HTTP_STATUS,         413,    STOP,     413,    payload_too_large,        false",
            "HTTP_STATUS,         422,    STOP,     422,    unprocessable,            false",
            "HTTP_STATUS,         401,    TRY_NEXT, 502,    authentication,           true",
            "HTTP_STATUS,         403,    TRY_NEXT, 502,    permission_denied,        true",
            "HTTP_STATUS,         404,    TRY_NEXT, 404,    not_found,                true",
            "HTTP_STATUS,         408,    TRY_NEXT, 408,    timeout,                  true",
            "HTTP_STATUS,         429,    TRY_NEXT, 429,    rate_limit_exceeded,      false",
            "HTTP_STATUS,         500,    TRY_NEXT, 502,    provider_unavailable,     true",
            "HTTP_STATUS,         502,    TRY_NEXT, 502,    provider_unavailable,     true",
            "HTTP_STATUS,         503,    TRY_NEXT, 502,    provider_overloaded,      true",
            "HTTP_STATUS,         529,    TRY_NEXT, 502,    provider_overloaded,      true",
            "HTTP_STATUS,         418,    TRY_NEXT, 502,    unmapped,                 true",
    })
    void eachFailureHasOneVerdict(UpstreamFailure.Kind kind, int status, FailureClass next, int clientStatus,
                                  String errorType, boolean outage) {
        UpstreamFailure failure = new UpstreamFailure(kind, "P", status, "m", Optional.empty(), Optional.empty());

        assertThat(failure.verdict()).isEqualTo(new FailureVerdict(next, clientStatus, errorType, outage));
    }
}
