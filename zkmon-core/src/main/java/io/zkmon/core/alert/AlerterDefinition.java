package io.zkmon.core.alert;

/**
 * An alerter built from config.
 *
 * @param id        unique id referenced by {@link io.zkmon.core.spec.PathSpec#alerters()}: the name for alerters under
 *                  {@code alerters:}, {@code <path>#<type>} for one declared inline on a path
 * @param name      what people see in status ({@code email}, {@code oncall})
 * @param type      the provider type
 * @param alerter   the alerter
 * @param printable its settings as plain values with secrets masked (for {@code zkmon validate})
 */
public record AlerterDefinition(String id, String name, String type, Alerter alerter, Object printable) {
}
