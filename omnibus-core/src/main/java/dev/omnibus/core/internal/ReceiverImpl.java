package dev.omnibus.core.internal;

import dev.omnibus.core.DeliverySink;
import dev.omnibus.core.ReceiveMode;
import dev.omnibus.core.Receiver;
import java.util.concurrent.CompletableFuture;

/** A consumer of one message queue. Its fields are confined to the entity mailbox; its methods post into it. */
class ReceiverImpl implements Receiver {
    final MessageQueue queue;
    final ReceiveMode mode;
    final DeliverySink sink;
    int credit;
    boolean draining;
    boolean closed;

    ReceiverImpl(MessageQueue queue, ReceiveMode mode, DeliverySink sink) {
        this.queue = queue;
        this.mode = mode;
        this.sink = sink;
    }

    @Override
    public void addCredit(int more) {
        if (more < 0) {
            throw new IllegalArgumentException("credit must not be negative");
        }
        queue.mailbox().execute(() -> queue.addCredit(this, more));
    }

    @Override
    public void drain() {
        queue.mailbox().execute(() -> queue.drain(this));
    }

    @Override
    public CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.mailbox().execute(() -> {
            queue.closeReceiver(this);
            done.complete(null);
        });
        return done;
    }
}
