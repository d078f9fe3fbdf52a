package dev.omnibus.server.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads AMQP 1.0 encodings in place, on a byte array: where each value ends, where each message section lies, the
 * entries of a map, and scalar values as JDK types.
 *
 * <p>Stored messages are rewritten for delivery without decoding what the broker does not change: a section or a
 * map entry that is not touched is copied byte for byte, so every type the sender chose (timestamps, described
 * values, unsigned integers) reaches the receiver exactly as sent. protonj2's object decoder could not promise that
 * (it turns timestamps into longs). Malformed input raises {@link IllegalArgumentException}.
 */
final class RawAmqp {
    static final int HEADER = 0x70;
    static final int DELIVERY_ANNOTATIONS = 0x71;
    static final int MESSAGE_ANNOTATIONS = 0x72;
    static final int PROPERTIES = 0x73;
    static final int APPLICATION_PROPERTIES = 0x74;
    static final int DATA = 0x75;
    static final int AMQP_SEQUENCE = 0x76;
    static final int AMQP_VALUE = 0x77;
    static final int FOOTER = 0x78;

    private static final String[] SECTION_SYMBOLS = {
        "amqp:header:list", "amqp:delivery-annotations:map", "amqp:message-annotations:map",
        "amqp:properties:list", "amqp:application-properties:map", "amqp:data:binary",
        "amqp:amqp-sequence:list", "amqp:amqp-value:*", "amqp:footer:map"};

    private RawAmqp() {
    }

    /** One message section: its descriptor code, where it starts, where its value starts, and where it ends. */
    record Section(int code, int start, int valueStart, int end) {
        int length() {
            return end - start;
        }
    }

    /** One map entry: the key as text (null when the key is not a string or symbol) and the entry's byte ranges. */
    record Entry(String key, int keyStart, int valueStart, int end) {
    }

    /** Splits an encoded message into its sections, in wire order. */
    static List<Section> sections(byte[] b) {
        List<Section> out = new ArrayList<>(6);
        int pos = 0;
        while (pos < b.length) {
            int start = pos;
            if ((b[pos] & 0xff) != 0x00) {
                throw new IllegalArgumentException("Message section at " + pos + " is not a described type");
            }
            int descriptorEnd = skip(b, pos + 1);
            int code = sectionCode(b, pos + 1);
            int end = skip(b, descriptorEnd);
            out.add(new Section(code, start, descriptorEnd, end));
            pos = end;
        }
        return out;
    }

    /** The section code of a descriptor (numeric or symbolic), or -1 when it names no message section. */
    private static int sectionCode(byte[] b, int pos) {
        int c = u8(b, pos);
        long code;
        if (c == 0x53) {
            code = u8(b, pos + 1);
        } else if (c == 0x80) {
            code = u64(b, pos + 1);
        } else if (c == 0x44) {
            code = 0;
        } else if (c == 0xa3 || c == 0xb3) {
            String name = symbolOrString(b, pos);
            for (int i = 0; i < SECTION_SYMBOLS.length; i++) {
                if (SECTION_SYMBOLS[i].equals(name)) {
                    return HEADER + i;
                }
            }
            return -1;
        } else {
            return -1;
        }
        return code >= HEADER && code <= FOOTER ? (int) code : -1;
    }

    /** The position right after the value encoded at {@code pos}. */
    static int skip(byte[] b, int pos) {
        int c = u8(b, pos);
        int p = pos + 1;
        if (c == 0x00) {
            return skip(b, skip(b, p));
        }
        int end = switch (c >>> 4) {
            case 0x4 -> p;
            case 0x5 -> p + 1;
            case 0x6 -> p + 2;
            case 0x7 -> p + 4;
            case 0x8 -> p + 8;
            case 0x9 -> p + 16;
            case 0xA, 0xC, 0xE -> p + 1 + u8(b, p);
            case 0xB, 0xD, 0xF -> p + 4 + size32(b, p);
            default -> throw new IllegalArgumentException("Unknown AMQP constructor 0x" + Integer.toHexString(c));
        };
        if (end > b.length || end < p) {
            throw new IllegalArgumentException("Truncated AMQP value at " + pos);
        }
        return end;
    }

    /** The entries of the map encoded at {@code pos} (an AMQP null is an empty map). */
    static List<Entry> mapEntries(byte[] b, int pos) {
        int[] starts = elements(b, pos, 0x40, 0xc1, "map");
        if (starts.length % 2 != 0) {
            throw new IllegalArgumentException("AMQP map with an odd element count");
        }
        List<Entry> entries = new ArrayList<>(starts.length / 2);
        for (int i = 0; i < starts.length; i += 2) {
            int end = i + 2 < starts.length ? starts[i + 2] : skip(b, starts[i + 1]);
            entries.add(new Entry(stringKey(b, starts[i]), starts[i], starts[i + 1], end));
        }
        return entries;
    }

    /** Where each element of the list encoded at {@code pos} starts (list0, list8 or list32). */
    static int[] listElements(byte[] b, int pos) {
        return elements(b, pos, 0x45, 0xc0, "list");
    }

    /**
     * Where each element of the compound value at {@code pos} starts: {@code none} is the constructor that holds
     * nothing, {@code small} the one with 8-bit size and count (the 32-bit one is {@code small + 0x10}).
     */
    private static int[] elements(byte[] b, int pos, int none, int small, String kind) {
        int c = u8(b, pos);
        int count;
        int p;
        if (c == none) {
            return new int[0];
        } else if (c == small) {
            count = u8(b, pos + 2);
            p = pos + 3;
        } else if (c == small + 0x10) {
            count = size32(b, pos + 5);
            p = pos + 9;
        } else {
            throw new IllegalArgumentException("Expected an AMQP " + kind + " at " + pos + ", found 0x"
                    + Integer.toHexString(c));
        }
        if (count < 0 || count > b.length - p) { // every element takes a byte at least
            throw new IllegalArgumentException("AMQP " + kind + " at " + pos + " claims more elements than it holds");
        }
        int[] starts = new int[count];
        for (int i = 0; i < count; i++) {
            starts[i] = p;
            p = skip(b, p);
        }
        return starts;
    }

    /** The value of a data section (vbin8/vbin32) as a copy. */
    static byte[] binary(byte[] b, int pos) {
        int c = u8(b, pos);
        if (c == 0xa0) {
            return copy(b, pos + 2, u8(b, pos + 1));
        } else if (c == 0xb0) {
            return copy(b, pos + 5, size32(b, pos + 1));
        }
        throw new IllegalArgumentException("Expected AMQP binary at " + pos);
    }

    /**
     * A scalar value as a JDK type: string and symbol as String, signed integers as themselves, ubyte as Short,
     * ushort as Integer, uint and ulong as Long, timestamp as Instant, uuid as UUID, binary as byte[], char as
     * Character. Returns {@link #NOT_SCALAR} for anything else (lists, maps, arrays, described and decimal values).
     */
    static Object scalar(byte[] b, int pos) {
        int c = u8(b, pos);
        int p = pos + 1;
        return switch (c) {
            case 0x40 -> null;
            case 0x41 -> Boolean.TRUE;
            case 0x42 -> Boolean.FALSE;
            case 0x56 -> u8(b, p) != 0;
            case 0x50 -> (short) u8(b, p);
            case 0x51 -> b[p];
            case 0x60 -> (u8(b, p) << 8) | u8(b, p + 1);
            case 0x61 -> (short) ((u8(b, p) << 8) | u8(b, p + 1));
            case 0x43, 0x44 -> 0L;
            case 0x52, 0x53 -> (long) u8(b, p);
            case 0x70 -> u32(b, p) & 0xffffffffL;
            case 0x80 -> u64(b, p);
            case 0x54 -> (int) b[p];
            case 0x71 -> u32(b, p);
            case 0x55 -> (long) b[p];
            case 0x81 -> u64(b, p);
            case 0x72 -> Float.intBitsToFloat(u32(b, p));
            case 0x82 -> Double.longBitsToDouble(u64(b, p));
            case 0x73 -> character(u32(b, p));
            case 0x83 -> Instant.ofEpochMilli(u64(b, p));
            case 0x98 -> new UUID(u64(b, p), u64(b, p + 8));
            case 0xa0, 0xb0 -> binary(b, pos);
            case 0xa1, 0xa3, 0xb1, 0xb3 -> symbolOrString(b, pos);
            default -> NOT_SCALAR;
        };
    }

    /** Marks a value {@link #scalar} cannot express as a JDK type. */
    static final Object NOT_SCALAR = new Object() {
        @Override
        public String toString() {
            return "NOT_SCALAR";
        }
    };

    /** The text of a string or symbol at {@code pos}, or null when it is neither. */
    static String stringKey(byte[] b, int pos) {
        int c = u8(b, pos);
        return c == 0xa1 || c == 0xa3 || c == 0xb1 || c == 0xb3 ? symbolOrString(b, pos) : null;
    }

    private static String symbolOrString(byte[] b, int pos) {
        int c = u8(b, pos);
        boolean small = c == 0xa1 || c == 0xa3;
        int length = small ? u8(b, pos + 1) : size32(b, pos + 1);
        int start = pos + (small ? 2 : 5);
        if (start + length > b.length) {
            throw new IllegalArgumentException("Truncated AMQP string at " + pos);
        }
        return new String(b, start, length, (c & 0x0f) == 0x03 ? StandardCharsets.US_ASCII : StandardCharsets.UTF_8);
    }

    private static Object character(int codePoint) {
        return Character.isBmpCodePoint(codePoint) ? (Object) (char) codePoint : new String(Character.toChars(codePoint));
    }

    private static byte[] copy(byte[] b, int start, int length) {
        if (start + length > b.length) {
            throw new IllegalArgumentException("Truncated AMQP binary at " + start);
        }
        byte[] out = new byte[length];
        System.arraycopy(b, start, out, 0, length);
        return out;
    }

    static int u8(byte[] b, int pos) {
        if (pos >= b.length) {
            throw new IllegalArgumentException("Truncated AMQP value at " + pos);
        }
        return b[pos] & 0xff;
    }

    static int u32(byte[] b, int pos) {
        if (pos + 4 > b.length) {
            throw new IllegalArgumentException("Truncated AMQP value at " + pos);
        }
        return ((b[pos] & 0xff) << 24) | ((b[pos + 1] & 0xff) << 16) | ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
    }

    private static int size32(byte[] b, int pos) {
        int size = u32(b, pos);
        if (size < 0) {
            throw new IllegalArgumentException("AMQP size out of range at " + pos);
        }
        return size;
    }

    static long u64(byte[] b, int pos) {
        return ((long) u32(b, pos) << 32) | (u32(b, pos + 4) & 0xffffffffL);
    }
}
