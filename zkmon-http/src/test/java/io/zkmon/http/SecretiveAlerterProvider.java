package io.zkmon.http;

import io.zkmon.core.alert.Alerter;
import io.zkmon.core.alert.AlerterProvider;
import io.zkmon.core.alert.AlerterSettings;
import io.zkmon.core.alert.SendResult;

/**
 * Alerter type {@code secretive} for tests: it has a secret {@code token} and a plain {@code channel}, so tests can
 * prove that no response ever shows an alerter's settings.
 */
public final class SecretiveAlerterProvider implements AlerterProvider {

    @Override
    public String type() {
        return "secretive";
    }

    @Override
    public Alerter create(AlerterSettings settings) {
        settings.secret("token");
        settings.string("channel");
        return n -> SendResult.sent();
    }
}
