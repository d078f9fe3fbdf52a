package dev.omnibus.core.store.tck;

import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.MessageState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Test data for store contracts: metas and payloads whose content can be checked after the fact. */
public final class StoreFixtures {
    /** How long a test waits for one commit before it fails instead of hanging. */
    public static final long COMMIT_TIMEOUT_SECONDS = 30;

    private StoreFixtures() {
    }

    /** An Active message with a message id derived from its sequence number. */
    public static MessageMeta meta(long seq) {
        return meta(seq, MessageState.ACTIVE);
    }

    public static MessageMeta meta(long seq, MessageState state) {
        long scheduledAt = state == MessageState.SCHEDULED ? 2_000_000_000_000L + seq : 0;
        return new MessageMeta(seq, state, 0, 1_700_000_000_000L + seq, Long.MAX_VALUE, Long.MAX_VALUE,
                scheduledAt, 1024, "msg-" + seq, null, null, null, null, null, 0, Map.of());
    }

    /** A meta that sets every field, including property changes of every type that compares by value. */
    public static MessageMeta richMeta(long seq) {
        Map<String, Object> props = new java.util.HashMap<>();
        props.put("text", "ünïcødé ✓");
        props.put("long", 42L);
        props.put("int", 7);
        props.put("double", 2.5d);
        props.put("bool", true);
        props.put("uuid", java.util.UUID.fromString("6f1c1f0e-7a3b-4c52-9d8e-0a1b2c3d4e5f"));
        props.put("instant", java.time.Instant.ofEpochMilli(1_700_000_000_123L));
        props.put("short", (short) 3);
        props.put("byte", (byte) -1);
        props.put("float", 1.25f);
        props.put("char", 'x');
        props.put("null", null);
        return new MessageMeta(seq, MessageState.DEFERRED, 3, 1_700_000_000_000L, 60_000, 1_700_000_060_000L,
                0, 77, "id-" + seq, "session-ä", "pk", "source/queue", "MaxDeliveryCountExceeded",
                "too many deliveries", 99, props);
    }

    /** A payload of {@code size} bytes (at least 16) that names its queue and sequence number. */
    public static byte[] payload(long queueId, long seq, int size) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(16, size));
        b.putLong(queueId).putLong(seq);
        // Fill deterministically but not trivially compressible, so stores really move the bytes.
        long x = queueId * 31 + seq * 1_000_003 + 17;
        while (b.hasRemaining()) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b.put((byte) x);
        }
        return b.array();
    }

    public static byte[] payload(long queueId, long seq) {
        return payload(queueId, seq, 64);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Waits for a commit, failing the test after {@link #COMMIT_TIMEOUT_SECONDS}. */
    public static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (Exception e) {
            throw new AssertionError("commit did not complete normally: " + e, e);
        }
    }
}
