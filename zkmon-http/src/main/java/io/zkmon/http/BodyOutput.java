package io.zkmon.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where an answer is rendered: into memory, in chunks taken from the {@link ResponseMemory}, as long as it stays
 * within {@code max} bytes and the memory has room; past that it spills, and everything (what was buffered, then
 * the rest as it comes) goes to the client's stream instead. {@link #finish()} then says which happened.
 *
 * <p>Not thread-safe: one request renders into it.
 */
final class BodyOutput extends OutputStream {

    /** The size of each chunk of memory taken at once. */
    static final int CHUNK = 32 * 1024;

    /** Opens the client's stream when the answer spills. */
    @FunctionalInterface
    interface Spill {
        OutputStream open() throws IOException;
    }

    private final ResponseMemory memory;
    private final long max;
    private final Spill spill;
    private List<byte[]> chunks = new ArrayList<>();
    private byte[] current;
    private int pos;
    private long reserved;
    private long length;
    private OutputStream spilled;
    private boolean finished;

    /**
     * @param memory where chunks are reserved
     * @param max    the most this answer may hold in memory
     * @param spill  the client's stream, opened on the first byte past {@code max}; null when the answer must fit
     *               (then going past it is an {@link IOException})
     */
    BodyOutput(ResponseMemory memory, long max, Spill spill) {
        this.memory = memory;
        this.max = max;
        this.spill = spill;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("the answer was already finished");
        }
        if (spilled != null) {
            spilled.write(b, off, len);
            return;
        }
        while (len > 0) {
            if (current == null || pos == current.length) {
                if (!grow()) {
                    spillNow();
                    spilled.write(b, off, len);
                    return;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(b, off, current, pos, n);
            pos += n;
            off += n;
            len -= n;
            length += n;
        }
    }

    private boolean grow() {
        if (reserved + CHUNK > max || !memory.reserve(CHUNK)) {
            return false;
        }
        reserved += CHUNK;
        if (current != null) {
            chunks.add(current);
        }
        current = new byte[CHUNK];
        pos = 0;
        return true;
    }

    private void spillNow() throws IOException {
        if (spill == null) {
            throw new IOException("the answer is larger than the " + max + " bytes it may take in memory");
        }
        OutputStream out = spill.open();
        for (byte[] c : chunks) {
            out.write(c);
        }
        if (current != null) {
            out.write(current, 0, pos);
        }
        release();
        spilled = out;
    }

    /** True once the answer went to the client's stream rather than memory. */
    boolean spilled() {
        return spilled != null;
    }

    /** Bytes written so far. */
    long length() {
        return length;
    }

    /**
     * Ends the answer: the body, holding the memory (one holder: the caller), or null when it spilled (the client's
     * stream is left to the caller to close).
     */
    Body finish() {
        finished = true;
        if (spilled != null) {
            return null;
        }
        long kept = reserved;
        if (current != null) {
            if (pos > 0) {
                chunks.add(pos == current.length ? current : Arrays.copyOf(current, pos));
            }
            long unused = current.length - pos; // the last chunk, trimmed, no longer takes a whole one
            if (unused > 0) {
                memory.free(unused);
                kept -= unused;
            }
        }
        Body body = new Body(chunks, memory, kept);
        chunks = null;
        current = null;
        reserved = 0;
        return body;
    }

    /** Drops what was buffered (the answer failed); idempotent. */
    void abandon() {
        finished = true;
        release();
    }

    private void release() {
        if (reserved > 0) {
            memory.free(reserved);
            reserved = 0;
        }
        chunks = List.of();
        current = null;
    }
}
