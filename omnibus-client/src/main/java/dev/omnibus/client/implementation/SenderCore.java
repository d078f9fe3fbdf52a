package dev.omnibus.client.implementation;

import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.client.exceptions.MessageSizeExceededException;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusMessageBatch;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a sender does, on internal futures: encode, check the size against the link's limit, send with retries,
 * schedule and cancel through {@code $management}. The public sync and async senders wrap it. Thread-safe.
 */
public final class SenderCore {
    private final String entityPath;
    private final RetryPolicy retry;
    private final LinkSlot<SendLink> link;
    private final LinkSlot<ManagementChannel> management;

    /** A sender to {@code entityPath} (a queue or topic) on the manager's connection. */
    public SenderCore(ConnectionManager connections, RetryPolicy retry, String entityPath) {
        this.entityPath = entityPath;
        this.retry = retry;
        this.link = new LinkSlot<>(connections, c -> SendLink.open(c, entityPath), SendLink::isUsable,
                SendLink::close);
        this.management = new LinkSlot<>(connections, c -> ManagementChannel.open(c, entityPath, entityPath),
                ManagementChannel::isUsable, ManagementChannel::close);
    }

    /** Sends one message. */
    public CompletableFuture<Void> send(ServiceBusMessage message) {
        byte[] encoded = MessageCodec.encode(message);
        return sendEncoded(encoded, 0, "Message");
    }

    /** Sends messages in one batch transfer, all or none. */
    public CompletableFuture<Void> send(List<ServiceBusMessage> messages) {
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (messages.size() == 1) {
            return send(messages.get(0));
        }
        List<byte[]> encoded = new ArrayList<>(messages.size());
        for (ServiceBusMessage message : messages) {
            encoded.add(MessageCodec.encode(message));
        }
        return sendEncoded(MessageCodec.encodeBatch(messages.get(0), encoded), ServiceBusNames.BATCH_MESSAGE_FORMAT,
                "The batch of " + messages.size() + " messages");
    }

    /** Sends a batch made by {@link #createBatch(long)}. */
    public CompletableFuture<Void> send(ServiceBusMessageBatch batch) {
        if (batch.getCount() == 0) {
            return CompletableFuture.completedFuture(null);
        }
        List<byte[]> encoded = ModelAccess.batches().encoded(batch);
        return sendEncoded(MessageCodec.encodeBatch(batch.getMessages().get(0), encoded),
                ServiceBusNames.BATCH_MESSAGE_FORMAT, "The batch of " + batch.getCount() + " messages");
    }

    private CompletableFuture<Void> sendEncoded(byte[] payload, long format, String what) {
        return retry.run("send to " + entityPath, () -> link.get().thenCompose(l -> {
            if (payload.length > l.maxMessageSize()) {
                throw new MessageSizeExceededException(what + " is " + payload.length + " bytes; " + entityPath
                        + " accepts at most " + l.maxMessageSize(), null);
            }
            return l.send(payload, format);
        }));
    }

    /** An empty batch sized to the link's maximum message size (or {@code maxSize} when smaller and positive). */
    public CompletableFuture<ServiceBusMessageBatch> createBatch(long maxSize) {
        return retry.run("attach sender to " + entityPath, link::get).thenApply(l -> {
            long limit = maxSize > 0 ? Math.min(maxSize, l.maxMessageSize()) : l.maxMessageSize();
            return ModelAccess.batches().create(limit, MessageCodec::encode, MessageCodec.BATCH_SIZER);
        });
    }

    /** Schedules messages for {@code time}; returns their sequence numbers. */
    public CompletableFuture<long[]> schedule(List<ServiceBusMessage> messages, OffsetDateTime time) {
        for (ServiceBusMessage message : messages) {
            message.setScheduledEnqueueTime(time);
        }
        return retry.run("schedule on " + entityPath, () -> management.get().thenCompose(m -> m.schedule(messages)));
    }

    /** Cancels scheduled messages by sequence number. */
    public CompletableFuture<Void> cancel(long[] sequenceNumbers) {
        return retry.run("cancel scheduled on " + entityPath,
                () -> management.get().thenCompose(m -> m.cancelScheduled(sequenceNumbers)));
    }

    /** @return the entity this sender sends to */
    public String entityPath() {
        return entityPath;
    }

    /** Detaches the links. */
    public void close() {
        link.close();
        management.close();
    }
}
