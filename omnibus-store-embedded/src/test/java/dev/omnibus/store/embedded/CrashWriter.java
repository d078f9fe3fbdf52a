package dev.omnibus.store.embedded;

import dev.omnibus.core.MessageMeta;
import dev.omnibus.core.MessageState;
import dev.omnibus.core.store.QueueIds;
import dev.omnibus.core.store.RecoveryVisitor;
import dev.omnibus.core.store.StoreBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The child process of {@link EmbeddedStoreCrashTest}: opens the store and commits numbered batches forever, a few
 * in flight at a time, printing {@code ACK n} only after batch n's future completed. It never stops by itself:
 * the test kills it with SIGKILL. A restarted writer continues after the last batch found on disk. An optional second
 * argument sets the journal segment size.
 */
public final class CrashWriter {
    static final long ENTITY = 1;
    static final long QUEUE = QueueIds.firstOf(ENTITY);
    static final int MESSAGES_PER_BATCH = 8;
    private static final int IN_FLIGHT = 16;

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.defaults(Path.of(args[0]));
        if (args.length > 1) {
            options = options.withJournalSegmentBytes(Long.parseLong(args[1]));
        }
        EmbeddedMessageStore store = EmbeddedMessageStore.open(options);
        long[] last = {0};
        store.recover(new RecoveryVisitor() {
            @Override
            public void entity(long entityId, byte[] definition) {
            }

            @Override
            public void sequence(long entityId, long lastSequenceNumber) {
                last[0] = lastSequenceNumber;
            }

            @Override
            public void duplicate(long entityId, String messageId, long expiresAt) {
            }

            @Override
            public void sessionState(long entityId, String sessionId, byte[] state, long updatedAt) {
            }

            @Override
            public void message(long queueId, MessageMeta meta) {
            }
        });
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        System.out.println("START " + last[0] / MESSAGES_PER_BATCH);
        System.out.flush();
        for (long batch = last[0] / MESSAGES_PER_BATCH; ; batch++) {
            inFlight.acquire();
            long n = batch;
            // Futures complete in submission order on one thread, so the ACK lines come out in order.
            store.commit(batch(n)).whenComplete((v, e) -> {
                if (e == null) {
                    System.out.println("ACK " + n);
                    System.out.flush();
                } else {
                    System.out.println("FAILED " + n + " " + e);
                    System.out.flush();
                    System.exit(3);
                }
                inFlight.release();
            });
        }
    }

    static StoreBatch batch(long n) {
        StoreBatch b = new StoreBatch();
        for (int i = 0; i < MESSAGES_PER_BATCH; i++) {
            long seq = n * MESSAGES_PER_BATCH + i + 1;
            b.putMessage(QUEUE, meta(seq), payload(n, i));
        }
        return b.putSequence(ENTITY, (n + 1) * MESSAGES_PER_BATCH);
    }

    static MessageMeta meta(long seq) {
        return new MessageMeta(seq, MessageState.ACTIVE, 0, 1_700_000_000_000L + seq, Long.MAX_VALUE,
                Long.MAX_VALUE, 0, 600, "crash-" + seq, null, null, null, null, null, 0, Map.of());
    }

    /** About 600 bytes naming the batch and the message, so a torn or misplaced body is recognisable. */
    static byte[] payload(long batch, int index) {
        return ("batch " + batch + " message " + index + " ").repeat(24).getBytes(StandardCharsets.UTF_8);
    }
}
