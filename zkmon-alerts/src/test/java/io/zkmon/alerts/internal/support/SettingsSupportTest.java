package io.zkmon.alerts.internal.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SettingsSupportTest {

    @Test
    void appendsToTheBasePathKeepingPortAndQuery() {
        assertThat(SettingsSupport.append(URI.create("https://slack.com/api"), "/chat.postMessage"))
                .isEqualTo(URI.create("https://slack.com/api/chat.postMessage"));
        assertThat(SettingsSupport.append(URI.create("http://am:9093/"), "/api/v2/alerts")).isEqualTo(URI.create("http://am:9093/api/v2/alerts"));
        assertThat(SettingsSupport.append(URI.create("http://am:9093"), "/api/v2/alerts")).isEqualTo(URI.create("http://am:9093/api/v2/alerts"));
        assertThat(SettingsSupport.append(URI.create("https://h/x//?a=1"), "/y")).isEqualTo(URI.create("https://h/x/y?a=1"));
    }
}
