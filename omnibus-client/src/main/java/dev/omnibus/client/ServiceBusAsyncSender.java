package dev.omnibus.client;

import dev.omnibus.client.implementation.Futures;
import dev.omnibus.client.implementation.SenderCore;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusMessageBatch;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Sends messages to a queue, asynchronously. Get one from {@link ServiceBusAsyncClient#getQueueSender(String)}.
 * Every future completes on the client's callback threads; failures are the client's exceptions, after the retries
 * the client's {@link RetryOptions} allow. Thread-safe.
 */
public final class ServiceBusAsyncSender implements AutoCloseable {
    private final SenderCore core;
    private final ServiceBusAsyncClient client;

    ServiceBusAsyncSender(SenderCore core, ServiceBusAsyncClient client) {
        this.core = core;
        this.client = client;
    }

    /**
     * Sends one message.
     *
     * @param message the message
     * @return completes when the service has accepted the message
     */
    public CompletableFuture<Void> sendMessages(ServiceBusMessage message) {
        Objects.requireNonNull(message, "message");
        return user(core.send(message));
    }

    /**
     * Sends messages in one transfer: all are enqueued, or none. Fails with a
     * {@code MessageSizeExceededException} if together they exceed the link's maximum message size; use a
     * {@link ServiceBusMessageBatch} to split them.
     *
     * @param messages the messages
     * @return completes when the service has accepted all of them
     */
    public CompletableFuture<Void> sendMessages(Iterable<ServiceBusMessage> messages) {
        return user(core.send(toList(messages)));
    }

    /**
     * Sends a batch in one transfer.
     *
     * @param batch a batch from {@link #createMessageBatch()}
     * @return completes when the service has accepted the batch
     */
    public CompletableFuture<Void> sendMessages(ServiceBusMessageBatch batch) {
        Objects.requireNonNull(batch, "batch");
        return user(core.send(batch));
    }

    /**
     * An empty batch sized to the link's maximum message size (attaching the link if needed).
     *
     * @return the batch
     */
    public CompletableFuture<ServiceBusMessageBatch> createMessageBatch() {
        return user(core.createBatch(0));
    }

    /**
     * An empty batch of at most {@code maxSizeInBytes} (or the link's maximum, if smaller).
     *
     * @param maxSizeInBytes the batch's size limit
     * @return the batch
     * @throws IllegalArgumentException if not positive
     */
    public CompletableFuture<ServiceBusMessageBatch> createMessageBatch(long maxSizeInBytes) {
        if (maxSizeInBytes <= 0) {
            throw new IllegalArgumentException("maxSizeInBytes must be positive: " + maxSizeInBytes);
        }
        return user(core.createBatch(maxSizeInBytes));
    }

    /**
     * Schedules messages to become available at {@code scheduledEnqueueTime}. Sets that time on each message.
     *
     * @param messages the messages
     * @param scheduledEnqueueTime when they become available
     * @return their sequence numbers, in order; use them to cancel
     */
    public CompletableFuture<List<Long>> scheduleMessages(Iterable<ServiceBusMessage> messages,
                                                          OffsetDateTime scheduledEnqueueTime) {
        Objects.requireNonNull(scheduledEnqueueTime, "scheduledEnqueueTime");
        List<ServiceBusMessage> list = toList(messages);
        return user(core.schedule(list, scheduledEnqueueTime).thenApply(ServiceBusAsyncSender::boxed));
    }

    /**
     * Schedules one message.
     *
     * @param message the message
     * @param scheduledEnqueueTime when it becomes available
     * @return its sequence number
     */
    public CompletableFuture<Long> scheduleMessage(ServiceBusMessage message, OffsetDateTime scheduledEnqueueTime) {
        Objects.requireNonNull(message, "message");
        return scheduleMessages(List.of(message), scheduledEnqueueTime).thenApply(numbers -> numbers.get(0));
    }

    /**
     * Cancels scheduled messages that have not yet become available.
     *
     * @param sequenceNumbers their sequence numbers
     * @return completes when they are cancelled
     */
    public CompletableFuture<Void> cancelScheduledMessages(Iterable<Long> sequenceNumbers) {
        Objects.requireNonNull(sequenceNumbers, "sequenceNumbers");
        List<Long> numbers = new ArrayList<>();
        sequenceNumbers.forEach(numbers::add);
        return user(core.cancel(numbers.stream().mapToLong(Long::longValue).toArray()));
    }

    /**
     * Cancels one scheduled message.
     *
     * @param sequenceNumber its sequence number
     * @return completes when it is cancelled
     */
    public CompletableFuture<Void> cancelScheduledMessage(long sequenceNumber) {
        return cancelScheduledMessages(List.of(sequenceNumber));
    }

    /** @return the queue (or topic) this sender sends to */
    public String getEntityPath() {
        return core.entityPath();
    }

    /** Detaches the sender's links. Idempotent. */
    @Override
    public void close() {
        core.close();
        client.forget(this);
    }

    ServiceBusAsyncClient client() {
        return client;
    }

    SenderCore core() {
        return core;
    }

    private <T> CompletableFuture<T> user(CompletableFuture<T> internal) {
        return Futures.toUser(internal, client.connections().callbacks());
    }

    static List<ServiceBusMessage> toList(Iterable<ServiceBusMessage> messages) {
        Objects.requireNonNull(messages, "messages");
        List<ServiceBusMessage> list = new ArrayList<>();
        for (ServiceBusMessage message : messages) {
            list.add(Objects.requireNonNull(message, "message"));
        }
        return list;
    }

    static List<Long> boxed(long[] numbers) {
        List<Long> list = new ArrayList<>(numbers.length);
        for (long number : numbers) {
            list.add(number);
        }
        return list;
    }
}
