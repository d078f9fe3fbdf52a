package dev.omnibus.bench.amqp;

import org.apache.qpid.protonj2.buffer.ProtonBuffer;

/** Reading and patching the generator's messages in their encoded form, without decoding them. */
final class AmqpBytes {
    private AmqpBytes() {
    }

    static byte[] readAll(ProtonBuffer buffer) {
        if (buffer == null) {
            return new byte[0];
        }
        byte[] bytes = new byte[buffer.getReadableBytes()];
        buffer.readBytes(bytes, 0, bytes.length);
        return bytes;
    }

    /** Where the first data section's bytes start (an index into {@code b}): earlier sections skipped by size. */
    static int bodyStart(ProtonBuffer b) {
        int p = b.getReadOffset();
        int end = b.getWriteOffset();
        while (p < end) {
            // Every section is described by a small ulong (0x00 0x53 code) or a ulong (0x00 0x80 8 bytes).
            int code;
            if (u8(b, p + 1) == 0x53) {
                code = u8(b, p + 2);
                p += 3;
            } else {
                code = (int) getLong(b, p + 2);
                p += 10;
            }
            int c = u8(b, p);
            if (code == 0x75) {
                return p + (c == 0xa0 ? 2 : 5);
            }
            p = skip(b, p);
        }
        throw new IllegalArgumentException("A delivered message has no data section");
    }

    private static int skip(ProtonBuffer b, int p) {
        int c = u8(b, p);
        return switch (c >>> 4) {
            case 0x4 -> p + 1;
            case 0x5 -> p + 2;
            case 0x6 -> p + 3;
            case 0x7 -> p + 5;
            case 0x8 -> p + 9;
            case 0x9 -> p + 17;
            case 0xA, 0xC, 0xE -> p + 2 + u8(b, p + 1);
            case 0xB, 0xD, 0xF -> p + 5 + (u8(b, p + 1) << 24 | u8(b, p + 2) << 16 | u8(b, p + 3) << 8 | u8(b, p + 4));
            default -> throw new IllegalArgumentException("Unexpected AMQP constructor 0x" + Integer.toHexString(c));
        };
    }

    private static int u8(ProtonBuffer b, int at) {
        return b.getByte(at) & 0xff;
    }

    static void putLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    static long getLong(ProtonBuffer b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | u8(b, at + i);
        }
        return v;
    }
}
