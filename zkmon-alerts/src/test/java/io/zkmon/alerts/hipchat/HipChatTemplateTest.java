package io.zkmon.alerts.hipchat;

import static io.zkmon.core.testing.AlerterContract.firing;
import static io.zkmon.core.testing.AlerterContract.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.core.alert.MessageTemplate;
import org.junit.jupiter.api.Test;

/** HipChat's text from its template; the seed preset's words as the old daemon wrote them. */
class HipChatTemplateTest {

    @Test
    void theSeedPresetWritesTheOldDaemonsText() {
        MessageTemplate seed = MessageTemplate.compile(HipChatMessage.MESSAGE.get(MessageTemplate.SEED_PRESET), MessageTemplate.PLAIN);
        assertThat(HipChatMessage.of(firing("/services/foo"), seed, "ZK Monitor", true).path("message").asText())
                .isEqualTo("(failed) /services/foo is in Error - Found children (0) less than minimum (1)");
        assertThat(HipChatMessage.of(resolved("/services/foo"), seed, "ZK Monitor", true).path("message").asText())
                .isEqualTo("(successful) /services/foo is in OK - All checks pass.");
        assertThat(HipChatMessage.of(resolved("/services/foo"), seed, "ZK Monitor", true).path("color").asText()).isEqualTo("green");
    }
}
