package org.lfenergy.cds.billing.mapping;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * A response body assembled without copying the stored documents: bytes written here (brackets, commas, shaped
 * parts of a document) go into small buffers, while a long run of a document's bytes is appended as a reference to
 * that document's array. The documents are the page's own rows, read once, never changed after they are appended.
 * The body is copied once, into the socket's buffer, when it is written. Not thread-safe (one request's page).
 */
public final class Body {

    /** Runs at least this long are referenced, shorter ones copied (a reference costs a component of its own). */
    static final int REFERENCE_FROM = 512;
    private static final int CHUNK = 4096;

    private final CompositeByteBuf parts = Unpooled.compositeBuffer(Integer.MAX_VALUE);
    /** Where written bytes go; the part from {@link #pendingFrom} on is not yet a component. */
    private ByteBuf pending;
    private int pendingFrom;

    /** Appends one byte. */
    public Body appendByte(byte b) {
        pending(1).writeByte(b);
        return this;
    }

    /** Appends {@code bytes}. */
    public Body appendBytes(byte[] bytes) {
        return appendBytes(bytes, 0, bytes.length);
    }

    /**
     * Appends {@code length} bytes of {@code bytes} from {@code offset}: a long run by reference ({@code bytes}
     * must not change afterwards), a short one copied.
     */
    public Body appendBytes(byte[] bytes, int offset, int length) {
        if (length < REFERENCE_FROM) {
            pending(length).writeBytes(bytes, offset, length);
        } else {
            flush();
            parts.addComponent(true, Unpooled.wrappedBuffer(bytes, offset, length));
        }
        return this;
    }

    /** Appends the UTF-8 bytes of {@code text}. */
    public Body appendString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        pending(bytes.length).writeBytes(bytes);
        return this;
    }

    /** The number of bytes appended. */
    public int length() {
        return parts.readableBytes() + (pending == null ? 0 : pending.writerIndex() - pendingFrom);
    }

    /** The body, for the response (no copy). Nothing may be appended afterwards. */
    public Buffer toBuffer() {
        flush();
        // Heap memory only, left to the garbage collector: the parts share chunks, so they are never released one by one.
        return Buffer.buffer(Unpooled.unreleasableBuffer(parts));
    }

    /** The body as UTF-8 text (tests, small bodies). */
    @Override
    public String toString() {
        flush();
        return parts.toString(StandardCharsets.UTF_8);
    }

    /** The buffer for {@code room} more written bytes (a new chunk when the current one is full). */
    private ByteBuf pending(int room) {
        if (pending == null || pending.capacity() - pending.writerIndex() < room) {
            flush();
            pending = Unpooled.buffer(Math.max(CHUNK, room), Math.max(CHUNK, room));
            pendingFrom = 0;
        }
        return pending;
    }

    /** Makes the bytes written since the last component a component (the chunk keeps its free room for more). */
    private void flush() {
        if (pending != null && pending.writerIndex() > pendingFrom) {
            parts.addComponent(true, pending.slice(pendingFrom, pending.writerIndex() - pendingFrom));
            pendingFrom = pending.writerIndex();
        }
    }
}
