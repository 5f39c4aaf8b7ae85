package io.zkmon.alerts.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.internal.http.HttpReply;
import io.zkmon.core.alert.SendResult;
import io.zkmon.core.alert.SendResult.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts as sent when a notification goes to several Alertmanagers. */
class FanoutTest {

    private static final HttpReply OK = new HttpReply(200, "", SendResult.sent());
    private static final HttpReply DOWN = new HttpReply(0, "", SendResult.retryable("could not connect to am-2"));
    private static final HttpReply BAD = new HttpReply(400, "", SendResult.permanent("am-3 answered HTTP 400"));

    @Test
    void oneAlertmanagerIsJustItsReply() {
        assertThat(Fanout.combine(List.of(DOWN))).isEqualTo(DOWN.result());
    }

    @Test
    void allAcceptedIsSent() {
        assertThat(Fanout.combine(List.of(OK, OK))).isEqualTo(SendResult.sent());
    }

    @Test
    void oneAcceptedIsSentAndNamesTheOthers() {
        SendResult r = Fanout.combine(List.of(OK, DOWN, BAD));
        assertThat(r.outcome()).isEqualTo(Outcome.SENT);
        assertThat(r.detail()).isEqualTo("accepted by 1 of 3 Alertmanagers; could not connect to am-2; am-3 answered HTTP 400");
    }

    @Test
    void noneAcceptedIsRetryableIfAnyMayAcceptLaterElsePermanent() {
        assertThat(Fanout.combine(List.of(DOWN, BAD)).outcome()).isEqualTo(Outcome.RETRYABLE);
        assertThat(Fanout.combine(List.of(BAD, BAD)).outcome()).isEqualTo(Outcome.PERMANENT);
    }
}
