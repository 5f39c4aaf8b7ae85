package io.zkmon.alerts.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.zkmon.alerts.internal.support.Json;
import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.SendResult;
import java.util.Set;

/**
 * Classifies a Slack Web API answer. The Web API answers HTTP 200 even when it refuses a message, with
 * {@code {"ok": false, "error": "channel_not_found"}}: rate limits and Slack's own trouble are retryable; everything
 * else (bad token, unknown channel, bot not in channel, ...) needs a person and is permanent.
 */
final class SlackApiAnswer {

    static final Set<String> RETRYABLE = Set.of("ratelimited", "rate_limited", "service_unavailable", "internal_error", "fatal_error",
            "request_timeout", "team_added_to_org");

    private SlackApiAnswer() {
    }

    static SendResult classify(String body, Redactor redactor) {
        JsonNode answer = Json.parseOrNull(body);
        if (answer == null || !answer.has("ok")) {
            return SendResult.retryable("Slack answered HTTP 200 with something that is not a Web API answer: " + redactor.excerpt(body, 120));
        }
        if (answer.path("ok").asBoolean(false)) {
            return SendResult.sent();
        }
        String error = redactor.excerpt(answer.path("error").asText("unknown_error"), 80);
        String detail = "Slack refused the message: " + error + hint(error);
        return RETRYABLE.contains(error) ? SendResult.retryable(detail) : SendResult.permanent(detail);
    }

    private static String hint(String error) {
        return switch (error) {
            case "not_authed", "invalid_auth", "token_revoked", "token_expired", "account_inactive" -> " (check the token)";
            case "channel_not_found", "not_in_channel", "is_archived" -> " (check the channel, and invite the app to it)";
            case "missing_scope" -> " (the token needs the chat:write scope)";
            default -> "";
        };
    }
}
