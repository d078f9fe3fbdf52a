package dev.omnibus.core.store.tck;

import static dev.omnibus.core.store.tck.StoreFixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.SubQueue;
import dev.omnibus.core.store.MessageStore;
import dev.omnibus.core.store.QueueIds;
import dev.omnibus.core.store.StoreBatch;
import dev.omnibus.core.store.StoredMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hooks a store's test implements, and the fixture they share: a fresh directory and an open store per test.
 * Subclass {@link MessageStoreContract}, not this class.
 */
public abstract class StoreContractSupport {
    protected static final long E = 5;
    protected static final long Q = QueueIds.of(E, SubQueue.NONE);
    protected static final long DLQ = QueueIds.of(E, SubQueue.DEAD_LETTER);

    /** A fresh, empty directory per test. */
    @TempDir
    protected Path directory;

    /** The store under test; replaced by {@link #restart()}. */
    protected MessageStore store;

    /** Opens a store on {@code directory}; called once per test, on an empty directory. */
    protected abstract MessageStore open(Path directory) throws Exception;

    /** Closes {@code store} and opens it again on the same directory (a process restart); returns the new one. */
    protected abstract MessageStore restart(MessageStore store, Path directory) throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = open(directory);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected final void restart() throws Exception {
        store = restart(store, directory);
    }

    protected final void commit(StoreBatch batch) {
        await(store.commit(batch));
    }

    /** Recovers the store's content, failing on any visiting-order or duplicate-report violation. */
    protected final RecoveredState recover() {
        RecoveredState state = RecoveredState.of(store);
        assertThat(state.violations).as("recovery contract violations").isEmpty();
        return state;
    }

    protected static List<Long> seqs(List<StoredMessage> messages) {
        return messages.stream().map(m -> m.meta().sequenceNumber()).toList();
    }
}
