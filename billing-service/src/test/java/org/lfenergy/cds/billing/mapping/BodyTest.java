package org.lfenergy.cds.billing.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A response body built from written bytes and referenced runs of documents holds exactly the appended bytes. */
class BodyTest {

    /** Run lengths around the reference threshold and the chunk size, each appended after a few written bytes. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, Body.REFERENCE_FROM - 1, Body.REFERENCE_FROM, Body.REFERENCE_FROM + 1, 4095, 4096,
        4097, 9000, 70_000})
    void runsOfEveryLengthKeepTheirBytesAndOrder(int length) {
        byte[] doc = bytes(length + 10, length);
        Body body = new Body();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        body.appendByte((byte) '[');
        expected.write('[');
        body.appendBytes(doc, 3, length);
        expected.write(doc, 3, length);
        body.appendString("],\"é\"");
        expected.writeBytes("],\"é\"".getBytes(StandardCharsets.UTF_8));
        body.appendBytes(doc, 0, Math.min(2, length));
        expected.write(doc, 0, Math.min(2, length));

        assertEquals(expected.size(), body.length());
        Buffer buffer = body.toBuffer();
        assertEquals(expected.size(), buffer.length());
        assertArrayEquals(expected.toByteArray(), buffer.getBytes());
    }

    /** Many interleaved writes and runs (as a page of shaped documents): the body is their concatenation. */
    @Test
    void interleavedWritesAndRunsAreConcatenatedInOrder() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            Body body = new Body();
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            int ops = 1 + random.nextInt(300);
            for (int i = 0; i < ops; i++) {
                switch (random.nextInt(4)) {
                    case 0 -> {
                        byte b = (byte) random.nextInt(256);
                        body.appendByte(b);
                        expected.write(b);
                    }
                    case 1 -> {
                        String s = List.of("null", "\":", ",", "{\"bill_sections\":[", "ü€😀", "").get(random.nextInt(6));
                        body.appendString(s);
                        expected.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                    }
                    default -> {
                        byte[] doc = bytes(1 + random.nextInt(6000), random.nextInt());
                        int from = random.nextInt(doc.length);
                        int len = random.nextInt(doc.length - from + 1);
                        body.appendBytes(doc, from, len);
                        expected.write(doc, from, len);
                    }
                }
                assertEquals(expected.size(), body.length(), "length after op " + i + " of round " + round);
            }
            assertArrayEquals(expected.toByteArray(), body.toBuffer().getBytes(), "round " + round);
        }
    }

    /** The text form (tests of the shaper) decodes the same bytes as UTF-8. */
    @Test
    void textIsTheUtf8OfTheBytes() {
        byte[] doc = "{\"name\":\"Zoë 😀\"}".repeat(100).getBytes(StandardCharsets.UTF_8);
        Body body = new Body().appendByte((byte) '[').appendBytes(doc, 0, doc.length).appendByte((byte) ']');
        assertEquals("[" + "{\"name\":\"Zoë 😀\"}".repeat(100) + "]", body.toString());
    }

    /** An empty body is empty. */
    @Test
    void nothingAppendedIsEmpty() {
        Body body = new Body();
        assertEquals(0, body.length());
        assertEquals(0, body.toBuffer().length());
        assertEquals("", body.toString());
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
