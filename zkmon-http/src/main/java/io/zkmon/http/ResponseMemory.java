package io.zkmon.http;

import java.util.function.BooleanSupplier;

/**
 * The one bound on the bytes of rendered answers the server holds: documents in the {@link RenderCache}, answers
 * being rendered into memory, and answers waiting for a slow client to read them. What does not fit is streamed to
 * the client as it is written, at the cost of a worker thread instead of memory.
 *
 * <p>The default is an eighth of the heap, between 8 and 64 MiB: 32 MiB under the {@code -Xmx256m} of the shipped
 * systemd unit, enough for {@code /status} of 100,000 paths (about 8 MB) in two shapes.
 */
final class ResponseMemory {

    static final long MIN_DEFAULT = 8L << 20;
    static final long MAX_DEFAULT = 64L << 20;

    private final long limit;
    private long used;
    private volatile BooleanSupplier evictor = () -> false;

    ResponseMemory(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the response memory must be at least 1 byte, got " + limit);
        }
        this.limit = limit;
    }

    /** An eighth of the maximum heap, between 8 and 64 MiB. */
    static long defaultLimit() {
        return Math.max(MIN_DEFAULT, Math.min(MAX_DEFAULT, Runtime.getRuntime().maxMemory() / 8));
    }

    /** What is asked to let go of something when memory runs short; returns false when it has nothing left. */
    void evictor(BooleanSupplier evictor) {
        this.evictor = evictor;
    }

    /** Takes {@code bytes} from the budget, evicting cached documents if needed; false when they cannot be had. */
    boolean reserve(long bytes) {
        while (true) {
            if (tryReserve(bytes)) {
                return true;
            }
            if (!evictor.getAsBoolean()) {
                return false;
            }
        }
    }

    private synchronized boolean tryReserve(long bytes) {
        if (used + bytes > limit) {
            return false;
        }
        used += bytes;
        return true;
    }

    /** Gives back what {@link #reserve} took. */
    synchronized void free(long bytes) {
        used -= bytes;
        if (used < 0) {
            throw new IllegalStateException("freed more response memory than was reserved (" + used + ")");
        }
    }

    /** Bytes held now. */
    synchronized long used() {
        return used;
    }

    /** The bound. */
    long limit() {
        return limit;
    }
}
