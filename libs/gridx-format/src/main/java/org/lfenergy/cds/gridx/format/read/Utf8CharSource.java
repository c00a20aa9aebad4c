package org.lfenergy.cds.gridx.format.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding that delivers every character before a bad byte sequence and only then fails, so the
 * reader can report the exact line and keep the rows before it. (InputStreamReader would fail a whole buffer
 * early, or replace bad bytes silently.)
 */
final class Utf8CharSource {

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes;
    private long bytesRead;
    private boolean eof;
    private boolean flushed;

    Utf8CharSource(InputStream in, int bufferSize) {
        this.in = in;
        this.bytes = ByteBuffer.allocate(bufferSize);
        this.bytes.flip();
    }

    /** Reads up to {@code len} chars; -1 at the end of input. */
    int read(char[] dst, int off, int len) throws IOException {
        CharBuffer out = CharBuffer.wrap(dst, off, len);
        while (true) {
            CoderResult result = decoder.decode(bytes, out, eof);
            int produced = out.position() - off;
            if (result.isError()) {
                if (produced > 0) {
                    return produced;
                }
                long at = bytesRead - bytes.remaining();
                throw new UndecodableInputException(at, result.length());
            }
            if (produced > 0) {
                return produced;
            }
            if (eof) {
                if (!flushed) {
                    flushed = true;
                    decoder.flush(out);
                    if (out.position() > off) {
                        return out.position() - off;
                    }
                }
                return -1;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
            bytesRead += n;
        }
        bytes.flip();
    }

    /** Bytes that are not UTF-8, at a known offset of the decompressed stream. */
    static final class UndecodableInputException extends IOException {
        private final long byteOffset;

        UndecodableInputException(long byteOffset, int length) {
            super("Bytes at offset " + byteOffset + " (length " + length + ") are not valid UTF-8");
            this.byteOffset = byteOffset;
        }

        long byteOffset() {
            return byteOffset;
        }
    }
}
