package dev.omnibus.core.store.tck;

import dev.omnibus.core.store.InMemoryMessageStore;
import dev.omnibus.core.store.MessageStore;
import java.nio.file.Path;

/** The reference store passes its own contract; a restart keeps the same instance and its content. */
class InMemoryMessageStoreTest extends MessageStoreContract {
    @Override
    protected MessageStore open(Path directory) {
        return new InMemoryMessageStore();
    }

    @Override
    protected MessageStore restart(MessageStore store, Path directory) {
        store.close();
        return ((InMemoryMessageStore) store).reopen();
    }
}
