package io.zkmon.core.alert;

/**
 * Alerter type {@code log}: writes notifications to the log (logger {@code io.zkmon.alert}), firing at WARN and
 * resolved at INFO. Takes no settings: {@code alerter: log} or {@code alerter: {log: true}}.
 */
public final class LogAlerterProvider implements AlerterProvider {

    @Override
    public String type() {
        return "log";
    }

    @Override
    public Alerter create(AlerterSettings settings) {
        return new LogAlerter();
    }
}
