package io.zkmon.alerts.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.internal.support.Redactor;
import io.zkmon.core.alert.SendResult;
import org.junit.jupiter.api.Test;

class SlackApiAnswerTest {

    @Test
    void okIsSentEvenWithWarnings() {
        assertThat(SlackApiAnswer.classify("{\"ok\":true,\"warning\":\"superfluous_charset\"}", Redactor.none()).isSent()).isTrue();
    }

    @Test
    void aRefusalNamesSlacksErrorAndWhatToCheck() {
        SendResult r = SlackApiAnswer.classify("{\"ok\":false,\"error\":\"not_in_channel\"}", Redactor.none());
        assertThat(r).isEqualTo(SendResult.permanent("Slack refused the message: not_in_channel (check the channel, and invite the app to it)"));
        assertThat(SlackApiAnswer.classify("{\"ok\":false,\"error\":\"ratelimited\"}", Redactor.none()))
                .isEqualTo(SendResult.retryable("Slack refused the message: ratelimited"));
    }
}
