package dev.omnibus.server.amqp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.apache.qpid.protonj2.buffer.ProtonBuffer;
import org.apache.qpid.protonj2.buffer.impl.ProtonByteArrayBufferAllocator;
import org.apache.qpid.protonj2.types.Binary;
import org.apache.qpid.protonj2.types.Symbol;

/**
 * A growable byte buffer that writes AMQP 1.0 encodings: the JDK types the core uses for property values, symbols,
 * timestamps, and maps assembled from raw entries. The counterpart of {@link RawAmqp}. Not thread-safe.
 */
final class AmqpSink {
    private byte[] buf;
    private int length;

    AmqpSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    int length() {
        return length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, length);
    }

    /** The bytes written, without a copy: write nothing more to this sink. */
    ProtonBuffer toProtonBuffer() {
        return ProtonByteArrayBufferAllocator.wrapped(buf, 0, length);
    }

    AmqpSink raw(byte[] b, int start, int end) {
        int n = end - start;
        ensure(n);
        System.arraycopy(b, start, buf, length, n);
        length += n;
        return this;
    }

    AmqpSink raw(byte[] b) {
        return raw(b, 0, b.length);
    }

    AmqpSink u8(int v) {
        ensure(1);
        buf[length++] = (byte) v;
        return this;
    }

    AmqpSink u32(int v) {
        ensure(4);
        buf[length++] = (byte) (v >>> 24);
        buf[length++] = (byte) (v >>> 16);
        buf[length++] = (byte) (v >>> 8);
        buf[length++] = (byte) v;
        return this;
    }

    AmqpSink u64(long v) {
        u32((int) (v >>> 32));
        return u32((int) v);
    }

    /** The constructor of a described section with a small-ulong descriptor, e.g. 0x72 for message-annotations. */
    AmqpSink sectionDescriptor(int code) {
        return u8(0x00).u8(0x53).u8(code);
    }

    AmqpSink symbol(String s) {
        return text(s.getBytes(StandardCharsets.US_ASCII), 0xa3, 0xb3);
    }

    /** A symbol's whole encoding, for keys written on every delivery: encoded once, then copied with {@link #raw}. */
    static byte[] encodedSymbol(String s) {
        return new AmqpSink(s.length() + 5).symbol(s).toByteArray();
    }

    AmqpSink string(String s) {
        return text(s.getBytes(StandardCharsets.UTF_8), 0xa1, 0xb1);
    }

    AmqpSink timestamp(long epochMillis) {
        return u8(0x83).u64(epochMillis);
    }

    AmqpSink longValue(long v) {
        return u8(0x81).u64(v);
    }

    AmqpSink intValue(int v) {
        return u8(0x71).u32(v);
    }

    AmqpSink uuid(UUID u) {
        return u8(0x98).u64(u.getMostSignificantBits()).u64(u.getLeastSignificantBits());
    }

    AmqpSink binary(byte[] b) {
        if (b.length <= 0xff) {
            u8(0xa0).u8(b.length);
        } else {
            u8(0xb0).u32(b.length);
        }
        return raw(b);
    }

    /**
     * Writes a value with the AMQP type Service Bus uses for it. Scalars: null, String, Long, Integer, Short, Byte,
     * Double, Float, Boolean, Character, UUID, byte[] and protonj2 Binary (binary), Instant and Date (timestamp),
     * protonj2 Symbol. Compounds: List (list), Map (map, keys encoded as values), {@link Described} values, and the
     * arrays the management protocol uses: long[], Date[] (timestamps), UUID[], String[].
     *
     * <p>Written here rather than by protonj2, whose encoder writes a Date[] as an array of longs.
     *
     * @throws IllegalArgumentException for any other type
     */
    AmqpSink value(Object v) {
        if (v instanceof Map<?, ?> m) {
            return map(m);
        } else if (v instanceof List<?> l) {
            return list(l);
        } else if (v instanceof Symbol sym) {
            return symbol(sym.toString());
        } else if (v instanceof Described d) {
            u8(0x00);
            if (d.descriptor() instanceof Long code) {
                u8(0x80).u64(code);
            } else {
                symbol((String) d.descriptor());
            }
            return value(d.value());
        } else if (v instanceof Binary bin) {
            byte[] bytes = bin.asByteArray();
            return binary(bytes == null ? new byte[0] : bytes);
        } else if (v instanceof long[] a) {
            return array(0x81, a.length, i -> u64(a[i]));
        } else if (v instanceof Date[] a) {
            return array(0x83, a.length, i -> u64(a[i].getTime()));
        } else if (v instanceof UUID[] a) {
            return array(0x98, a.length, i -> u64(a[i].getMostSignificantBits()).u64(a[i].getLeastSignificantBits()));
        } else if (v instanceof String[] a) {
            return array(0xb1, a.length, i -> {
                byte[] bytes = a[i].getBytes(StandardCharsets.UTF_8);
                u32(bytes.length).raw(bytes);
            });
        }
        return scalar(v);
    }

    private AmqpSink scalar(Object v) {
        if (v == null) {
            return u8(0x40);
        } else if (v instanceof String s) {
            return string(s);
        } else if (v instanceof Long l) {
            return longValue(l);
        } else if (v instanceof Integer i) {
            return intValue(i);
        } else if (v instanceof Short s) {
            return u8(0x61).u8(s >>> 8).u8(s);
        } else if (v instanceof Byte b) {
            return u8(0x51).u8(b);
        } else if (v instanceof Double d) {
            return u8(0x82).u64(Double.doubleToRawLongBits(d));
        } else if (v instanceof Float f) {
            return u8(0x72).u32(Float.floatToRawIntBits(f));
        } else if (v instanceof Boolean b) {
            return u8(b ? 0x41 : 0x42);
        } else if (v instanceof Character c) {
            return u8(0x73).u32(c);
        } else if (v instanceof UUID u) {
            return uuid(u);
        } else if (v instanceof byte[] b) {
            return binary(b);
        } else if (v instanceof Instant t) {
            return timestamp(t.toEpochMilli());
        } else if (v instanceof Date d) {
            return timestamp(d.getTime());
        }
        throw new IllegalArgumentException("No AMQP encoding for " + v.getClass().getName());
    }

    private AmqpSink map(Map<?, ?> m) {
        AmqpSink entries = new AmqpSink(m.size() * 32);
        m.forEach((k, val) -> entries.value(k).value(val));
        return map(entries, m.size());
    }

    private AmqpSink list(List<?> l) {
        AmqpSink items = new AmqpSink(l.size() * 32);
        l.forEach(items::value);
        return list(items, l.size());
    }

    /** An array32: one constructor, then each element's bytes as {@code element} writes them. */
    private AmqpSink array(int constructor, int count, IntConsumer element) {
        int sizeAt = length;
        u8(0xf0).u32(0).u32(count).u8(constructor);
        for (int i = 0; i < count; i++) {
            element.accept(i);
        }
        int size = length - sizeAt - 5;
        buf[sizeAt + 1] = (byte) (size >>> 24);
        buf[sizeAt + 2] = (byte) (size >>> 16);
        buf[sizeAt + 3] = (byte) (size >>> 8);
        buf[sizeAt + 4] = (byte) size;
        return this;
    }

    /** Writes a list32 whose items are already encoded in {@code items} ({@code count} of them). */
    AmqpSink list(AmqpSink items, int count) {
        u8(0xd0).u32(items.length + 4).u32(count);
        return raw(items.buf, 0, items.length);
    }

    /** Starts a map32 written in place: its entries follow, then {@link #endMap32} fills in size and count. */
    int beginMap32() {
        int at = length;
        u8(0xd1).u32(0).u32(0);
        return at;
    }

    /** Completes the map32 begun at {@code at} with {@code pairs} key/value pairs. */
    AmqpSink endMap32(int at, int pairs) {
        return patch32(at, pairs * 2);
    }

    /** Starts a list32 written in place: its items follow, then {@link #endList32} fills in size and count. */
    int beginList32() {
        int at = length;
        u8(0xd0).u32(0).u32(0);
        return at;
    }

    AmqpSink endList32(int at, int count) {
        return patch32(at, count);
    }

    private AmqpSink patch32(int at, int count) {
        int size = length - at - 5;
        putU32(at + 1, size);
        putU32(at + 5, count);
        return this;
    }

    private void putU32(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    /** Writes a map32 whose entries are already encoded in {@code entries} ({@code count} key/value pairs). */
    AmqpSink map(AmqpSink entries, int count) {
        u8(0xd1).u32(entries.length + 4).u32(count * 2);
        return raw(entries.buf, 0, entries.length);
    }

    /** Writes a map32 of symbol keys (for annotations) or string keys to JDK values. */
    AmqpSink map(Map<String, ?> values, boolean symbolKeys) {
        AmqpSink entries = new AmqpSink(values.size() * 32);
        values.forEach((k, v) -> {
            if (symbolKeys) {
                entries.symbol(k);
            } else {
                entries.string(k);
            }
            entries.value(v);
        });
        return map(entries, values.size());
    }

    private AmqpSink text(byte[] bytes, int small, int large) {
        if (bytes.length <= 0xff) {
            u8(small).u8(bytes.length);
        } else {
            u8(large).u32(bytes.length);
        }
        return raw(bytes);
    }

    private void ensure(int more) {
        if (length + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
        }
    }
}
