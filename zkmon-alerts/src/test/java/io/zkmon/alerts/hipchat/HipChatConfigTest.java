package io.zkmon.alerts.hipchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkmon.alerts.testing.Configs;
import io.zkmon.core.alert.Alerter;
import io.zkmon.core.config.ConfigError;
import org.junit.jupiter.api.Test;

class HipChatConfigTest {

    @Test
    void usesTheHostedServiceUnlessAUrlIsGiven() {
        try (Alerter hosted = Configs.named("type: hipchat, room: ops, token: t0k3n-1");
                Alerter own = Configs.named("type: hipchat, room: 'Ops Room', token: t0k3n-1, url: 'https://chat.example.com/'")) {
            assertThat(hosted).hasToString("hipchat room 'ops' at https://api.hipchat.com");
            assertThat(own).hasToString("hipchat room 'Ops Room' at https://chat.example.com");
        }
    }

    @Test
    void needsRoomAndToken() {
        assertThat(Configs.errors("/p:\n  alerter:\n    hipchat: {from: zkmon}\n")).extracting(ConfigError::key).containsExactly("room", "token");
    }

    @Test
    void aMalformedUrlIsAnError() {
        assertThat(Configs.errors("/p: {alerter: {hipchat: {room: ops, token: t, url: 'ftp://chat'}}}\n")).singleElement()
                .satisfies(e -> {
                    assertThat(e.key()).isEqualTo("url");
                    assertThat(e.message()).contains("absolute http or https URL", "ftp://chat");
                });
    }

    @Test
    void fromIsAtMost64Characters() {
        assertThat(Configs.errors("/p: {alerter: {hipchat: {room: ops, token: t, from: " + "x".repeat(65) + "}}}\n")).singleElement()
                .satisfies(e -> assertThat(e.key()).isEqualTo("from"));
    }
}
