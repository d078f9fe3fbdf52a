package dev.omnibus.client.models;

import dev.omnibus.client.implementation.BatchSizer;
import dev.omnibus.client.implementation.ModelAccess;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Messages sent together in one transfer, atomically: all are enqueued or none. Create one with the sender's
 * {@code createMessageBatch()}, which sizes it to the link's maximum message size, then add messages until
 * {@link #tryAddMessage} says the batch is full:
 *
 * <pre>{@code
 * ServiceBusMessageBatch batch = sender.createMessageBatch();
 * for (ServiceBusMessage message : messages) {
 *     if (!batch.tryAddMessage(message)) {
 *         sender.sendMessages(batch);
 *         batch = sender.createMessageBatch();
 *         batch.tryAddMessage(message);
 *     }
 * }
 * sender.sendMessages(batch);
 * }</pre>
 *
 * <p>Each message is encoded as it is added, so the size is exact and later changes to the message object are not
 * sent. Not thread-safe.
 */
public final class ServiceBusMessageBatch {
    static {
        ModelAccess.register(new Access());
    }

    private final long maxSizeInBytes;
    private final Function<ServiceBusMessage, byte[]> encoder;
    private final BatchSizer sizer;
    private final List<byte[]> encoded = new ArrayList<>();
    private final List<ServiceBusMessage> messages = new ArrayList<>();
    private long sizeInBytes;

    private ServiceBusMessageBatch(long maxSizeInBytes, Function<ServiceBusMessage, byte[]> encoder,
                                   BatchSizer sizer) {
        this.maxSizeInBytes = maxSizeInBytes;
        this.encoder = encoder;
        this.sizer = sizer;
    }

    /**
     * Adds a message if the batch still fits the link's maximum message size with it.
     *
     * @param message the message
     * @return true if added; false if the batch would be too large (the batch is unchanged)
     * @throws NullPointerException if {@code message} is null
     */
    public boolean tryAddMessage(ServiceBusMessage message) {
        Objects.requireNonNull(message, "message");
        byte[] bytes = encoder.apply(message);
        long size = (messages.isEmpty() ? sizer.envelope(message) : sizeInBytes) + sizer.section(bytes);
        if (size > maxSizeInBytes) {
            return false;
        }
        encoded.add(bytes);
        messages.add(message);
        sizeInBytes = size;
        return true;
    }

    /** @return how many messages the batch holds */
    public int getCount() {
        return messages.size();
    }

    /** @return the encoded size of the batch transfer so far, in bytes */
    public long getSizeInBytes() {
        return sizeInBytes;
    }

    /** @return the largest size the batch may reach, in bytes */
    public long getMaxSizeInBytes() {
        return maxSizeInBytes;
    }

    /** @return the messages added, read-only */
    public List<ServiceBusMessage> getMessages() {
        return Collections.unmodifiableList(messages);
    }

    @Override
    public String toString() {
        return "ServiceBusMessageBatch{count=" + messages.size() + ", size=" + sizeInBytes + "/" + maxSizeInBytes + "}";
    }

    private static final class Access implements ModelAccess.BatchAccess {
        @Override
        public ServiceBusMessageBatch create(long maxSize, Function<ServiceBusMessage, byte[]> encoder,
                                             BatchSizer sizer) {
            return new ServiceBusMessageBatch(maxSize, encoder, sizer);
        }

        @Override
        public List<byte[]> encoded(ServiceBusMessageBatch batch) {
            return Collections.unmodifiableList(batch.encoded);
        }
    }
}
