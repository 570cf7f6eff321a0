package dev.junction.store;

import java.util.Optional;

/** PKCE authorisation codes. Blocking JDBC: call off the event loops. */
public interface AuthCodeRepository {
    void insert(AuthCode code);

    /** Removes and returns the code: a code is good for one exchange only. */
    Optional<AuthCode> take(String codeHash);
}
