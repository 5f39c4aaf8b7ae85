package io.zkmon.core.spec;

/**
 * Thrown by a {@link Rule} that cannot tell whether it holds (a data regex that ran out of time): the path is then
 * Unknown with this message, neither in nor out of spec.
 */
public final class UnknownVerdict extends RuntimeException {

    /**
     * @param message why the rule cannot tell, for people
     */
    public UnknownVerdict(String message) {
        super(message, null, false, false);
    }
}
