package io.zkmon.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Guards mutations with {@code Authorization: Bearer <token>}. With no token configured every mutation is refused
 * (403); a missing or wrong token is a 401. Tokens are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, in constant time whatever their lengths; the token itself is never kept, logged or
 * echoed.
 */
final class BearerToken {

    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"zkmon\"");
    private static final Map<String, String> INVALID = Map.of("WWW-Authenticate", "Bearer realm=\"zkmon\", error=\"invalid_token\"");
    private static final String SCHEME = "Bearer ";

    private final byte[] expected;

    private BearerToken(byte[] expected) {
        this.expected = expected;
    }

    /** A guard for this token; null or blank means mutations are disabled. */
    static BearerToken of(String token) {
        return new BearerToken(token == null || token.isBlank() ? null : digest(token));
    }

    /** True when a token is configured. */
    boolean configured() {
        return expected != null;
    }

    /**
     * Lets the request through or throws the 401/403 that says why not.
     *
     * @param authorization the request's {@code Authorization} header, or null
     */
    void check(String authorization) {
        if (expected == null) {
            throw new ApiException(403, "changing silences is disabled: no API token is configured "
                    + "(start zkmon with --api_token or the environment variable ZKMON_API_TOKEN)");
        }
        if (authorization == null || authorization.isBlank()) {
            throw new ApiException(401, "this request changes state: send the API token as 'Authorization: Bearer <token>'", CHALLENGE);
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new ApiException(401, "the Authorization header must be 'Bearer <token>'", CHALLENGE);
        }
        String presented = authorization.substring(SCHEME.length()).trim();
        if (!MessageDigest.isEqual(digest(presented), expected)) {
            throw new ApiException(401, "the API token is not valid", INVALID);
        }
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
