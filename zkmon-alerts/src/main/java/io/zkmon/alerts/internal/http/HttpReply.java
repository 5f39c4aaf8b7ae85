package io.zkmon.alerts.internal.http;

import io.zkmon.core.alert.SendResult;

/**
 * What came back from one HTTP request, already classified.
 *
 * @param status the HTTP status, or 0 when no answer arrived (connection refused, timeout, TLS failure)
 * @param body   the start of the response body (bounded), empty when none
 * @param result {@link SendResult#sent()} for 2xx, otherwise a retryable or permanent failure whose detail is safe
 *               to show (no secret, no full URL)
 */
public record HttpReply(int status, String body, SendResult result) {

    public HttpReply {
        body = body == null ? "" : body;
    }

    /** True when the server answered with 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** True when a server answered at all (any status). */
    public boolean answered() {
        return status > 0;
    }
}
