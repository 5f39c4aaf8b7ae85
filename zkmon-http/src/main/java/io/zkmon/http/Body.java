package io.zkmon.http;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A rendered answer held in memory, in chunks, counted against the {@link ResponseMemory} until the last of its
 * holders (the cache, each client it is being sent to) lets go. Immutable; sent to any number of clients at once.
 */
final class Body {

    private final byte[][] chunks;
    private final long length;
    private final ResponseMemory memory;
    private final long reserved;
    private final AtomicInteger holders = new AtomicInteger(1);

    /** A body of these chunks (not copied), with one holder: the caller. {@code reserved} is freed with the last. */
    Body(List<byte[]> chunks, ResponseMemory memory, long reserved) {
        this.chunks = chunks.toArray(new byte[0][]);
        long n = 0;
        for (byte[] c : this.chunks) {
            n += c.length;
        }
        this.length = n;
        this.memory = memory;
        this.reserved = reserved;
    }

    /** The number of bytes. */
    long length() {
        return length;
    }

    /** Adds a holder; false when the body was already let go of entirely (then it must not be used). */
    boolean retain() {
        while (true) {
            int n = holders.get();
            if (n == 0) {
                return false;
            }
            if (holders.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** A holder lets go; the last one gives the memory back. */
    void release() {
        int n = holders.decrementAndGet();
        if (n == 0) {
            memory.free(reserved);
        } else if (n < 0) {
            throw new IllegalStateException("a response body was released more often than it was held");
        }
    }

    /** Fresh buffers over the chunks, for one send. */
    ByteBuffer[] buffers() {
        ByteBuffer[] out = new ByteBuffer[chunks.length];
        for (int i = 0; i < chunks.length; i++) {
            out[i] = ByteBuffer.wrap(chunks[i]);
        }
        return out;
    }

    /** The whole body as one array (for tests). */
    byte[] toByteArray() {
        byte[] out = new byte[(int) length];
        int pos = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, out, pos, c.length);
            pos += c.length;
        }
        return out;
    }
}
