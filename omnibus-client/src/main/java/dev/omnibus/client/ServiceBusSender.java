package dev.omnibus.client;

import dev.omnibus.client.implementation.AwaitWindow;
import dev.omnibus.client.implementation.Futures;
import dev.omnibus.client.implementation.SenderCore;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusMessageBatch;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages to a queue. Get one from {@link ServiceBusClient#getQueueSender(String)}. Each call blocks until
 * the service confirmed, retrying transient errors, and never longer than the client's retry options allow.
 * Thread-safe.
 */
public final class ServiceBusSender implements AutoCloseable {
    private final ServiceBusAsyncSender async;
    private final SenderCore core;
    private final Duration maxWait;
    /** How long this blocking API polls for an answer before parking: learnt from its answers. */
    private final AwaitWindow window;

    ServiceBusSender(ServiceBusAsyncSender async) {
        this.async = async;
        this.core = async.core();
        this.maxWait = async.client().retry().maxTotal(async.client().retry().options().getTryTimeout());
        this.window = new AwaitWindow(async.client().connections().ioWake());
    }

    /**
     * Sends one message.
     *
     * @param message the message
     * @throws dev.omnibus.client.exceptions.ServiceBusException if the service did not accept it
     */
    public void sendMessages(ServiceBusMessage message) {
        Objects.requireNonNull(message, "message");
        await(core.send(message), "send");
    }

    /**
     * Sends messages in one transfer: all are enqueued, or none.
     *
     * @param messages the messages
     * @throws dev.omnibus.client.exceptions.MessageSizeExceededException if together they exceed the link's
     *         maximum message size (use a {@link ServiceBusMessageBatch})
     * @throws dev.omnibus.client.exceptions.ServiceBusException if the service did not accept them
     */
    public void sendMessages(Iterable<ServiceBusMessage> messages) {
        await(core.send(ServiceBusAsyncSender.toList(messages)), "send");
    }

    /**
     * Sends a batch in one transfer.
     *
     * @param batch a batch from {@link #createMessageBatch()}
     * @throws dev.omnibus.client.exceptions.ServiceBusException if the service did not accept it
     */
    public void sendMessages(ServiceBusMessageBatch batch) {
        Objects.requireNonNull(batch, "batch");
        await(core.send(batch), "send batch");
    }

    /**
     * An empty batch sized to the link's maximum message size.
     *
     * @return the batch
     * @throws dev.omnibus.client.exceptions.ServiceBusException if the link cannot be attached
     */
    public ServiceBusMessageBatch createMessageBatch() {
        return await(core.createBatch(0), "create batch");
    }

    /**
     * An empty batch of at most {@code maxSizeInBytes} (or the link's maximum, if smaller).
     *
     * @param maxSizeInBytes the batch's size limit
     * @return the batch
     * @throws IllegalArgumentException if not positive
     */
    public ServiceBusMessageBatch createMessageBatch(long maxSizeInBytes) {
        if (maxSizeInBytes <= 0) {
            throw new IllegalArgumentException("maxSizeInBytes must be positive: " + maxSizeInBytes);
        }
        return await(core.createBatch(maxSizeInBytes), "create batch");
    }

    /**
     * Schedules messages to become available at {@code scheduledEnqueueTime}. Sets that time on each message.
     *
     * @param messages the messages
     * @param scheduledEnqueueTime when they become available
     * @return their sequence numbers, in order; use them to cancel
     */
    public List<Long> scheduleMessages(Iterable<ServiceBusMessage> messages, OffsetDateTime scheduledEnqueueTime) {
        Objects.requireNonNull(scheduledEnqueueTime, "scheduledEnqueueTime");
        long[] numbers = await(core.schedule(ServiceBusAsyncSender.toList(messages), scheduledEnqueueTime),
                "schedule");
        return ServiceBusAsyncSender.boxed(numbers);
    }

    /**
     * Schedules one message.
     *
     * @param message the message
     * @param scheduledEnqueueTime when it becomes available
     * @return its sequence number
     */
    public long scheduleMessage(ServiceBusMessage message, OffsetDateTime scheduledEnqueueTime) {
        Objects.requireNonNull(message, "message");
        return scheduleMessages(List.of(message), scheduledEnqueueTime).get(0);
    }

    /**
     * Cancels scheduled messages that have not yet become available.
     *
     * @param sequenceNumbers their sequence numbers
     */
    public void cancelScheduledMessages(Iterable<Long> sequenceNumbers) {
        Objects.requireNonNull(sequenceNumbers, "sequenceNumbers");
        List<Long> numbers = new ArrayList<>();
        sequenceNumbers.forEach(numbers::add);
        await(core.cancel(numbers.stream().mapToLong(Long::longValue).toArray()), "cancel scheduled");
    }

    /**
     * Cancels one scheduled message.
     *
     * @param sequenceNumber its sequence number
     */
    public void cancelScheduledMessage(long sequenceNumber) {
        cancelScheduledMessages(List.of(sequenceNumber));
    }

    /** @return the queue this sender sends to */
    public String getEntityPath() {
        return core.entityPath();
    }

    /** Detaches the sender's links. Idempotent. */
    @Override
    public void close() {
        async.close();
    }

    private <T> T await(CompletableFuture<T> future, String operation) {
        return Futures.await(future, maxWait, operation + " to " + core.entityPath(), window);
    }
}
