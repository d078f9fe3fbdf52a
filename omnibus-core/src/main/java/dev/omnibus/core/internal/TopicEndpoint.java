package dev.omnibus.core.internal;

import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.DeliverySink;
import dev.omnibus.core.IncomingMessage;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.QueueEndpoint;
import dev.omnibus.core.ReceiveMode;
import dev.omnibus.core.ReceivedMessage;
import dev.omnibus.core.Receiver;
import dev.omnibus.core.SessionReceiver;
import dev.omnibus.core.SubQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** A topic as protocol adapters see it: it takes sends and schedules; receiving happens on its subscriptions. */
public final class TopicEndpoint implements QueueEndpoint {
    private final TopicEntity topic;

    public TopicEndpoint(TopicEntity topic) {
        this.topic = topic;
    }

    @Override
    public String path() {
        return topic.path();
    }

    @Override
    public SubQueue subQueue() {
        return SubQueue.NONE;
    }

    /** The limits a sender sees: the topic's message size and quota. */
    @Override
    public QueueDescription description() {
        return QueueDescription.builder(topic.path())
                .maxMessageSizeInKilobytes(topic.description().maxMessageSizeInKilobytes())
                .maxSizeInMegabytes(topic.description().maxSizeInMegabytes())
                .status(topic.description().status())
                .build();
    }

    @Override
    public CompletableFuture<Void> send(List<IncomingMessage> messages) {
        return topic.call(() -> topic.accept(messages, false, 0)).thenApply(seqs -> null);
    }

    @Override
    public CompletableFuture<long[]> schedule(List<IncomingMessage> messages) {
        return topic.call(() -> topic.accept(messages, true, 0));
    }

    @Override
    public CompletableFuture<Void> cancelScheduled(long[] sequenceNumbers) {
        return topic.cancelScheduled(sequenceNumbers);
    }

    private <T> CompletableFuture<T> notAllowed() {
        return CompletableFuture.failedFuture(new BrokerException(ServiceBusError.NOT_ALLOWED,
                "'" + topic.path() + "' is a topic: receive from one of its subscriptions ('" + topic.path()
                        + "/Subscriptions/<name>')."));
    }

    @Override
    public CompletableFuture<Receiver> openReceiver(ReceiveMode mode, DeliverySink sink) {
        return notAllowed();
    }

    @Override
    public CompletableFuture<Void> complete(UUID lockToken) {
        return notAllowed();
    }

    @Override
    public CompletableFuture<Void> abandon(UUID lockToken, Map<String, Object> propertiesToModify) {
        return notAllowed();
    }

    @Override
    public CompletableFuture<Void> defer(UUID lockToken, Map<String, Object> propertiesToModify) {
        return notAllowed();
    }

    @Override
    public CompletableFuture<Void> deadLetter(UUID lockToken, String reason, String description,
                                              Map<String, Object> propertiesToModify) {
        return notAllowed();
    }

    @Override
    public CompletableFuture<Void> release(UUID lockToken) {
        return notAllowed();
    }

    @Override
    public CompletableFuture<Instant> renewLock(UUID lockToken) {
        return notAllowed();
    }

    @Override
    public CompletableFuture<List<ReceivedMessage>> peek(long fromSequenceNumber, int maxCount) {
        return notAllowed();
    }

    @Override
    public CompletableFuture<List<ReceivedMessage>> receiveDeferred(long[] sequenceNumbers, ReceiveMode mode) {
        return notAllowed();
    }

    @Override
    public CompletableFuture<Integer> deleteMessages(int maxCount, Instant enqueuedBefore) {
        return notAllowed();
    }

    @Override
    public CompletableFuture<SessionReceiver> acceptSession(String sessionId, ReceiveMode mode, DeliverySink sink,
                                                            Duration timeout) {
        return notAllowed();
    }

    @Override
    public CompletableFuture<Instant> renewSessionLock(String sessionId) {
        return notAllowed();
    }

    @Override
    public CompletableFuture<byte[]> getSessionState(String sessionId) {
        return notAllowed();
    }

    @Override
    public CompletableFuture<Void> setSessionState(String sessionId, byte[] state) {
        return notAllowed();
    }

    @Override
    public CompletableFuture<List<String>> listSessions(Instant updatedAfter, int skip, int top) {
        return notAllowed();
    }

    @Override
    public CompletableFuture<List<ReceivedMessage>> peekSession(String sessionId, long fromSequenceNumber,
                                                                int maxCount) {
        return notAllowed();
    }

    @Override
    public CompletableFuture<List<ReceivedMessage>> receiveDeferred(long[] sequenceNumbers, ReceiveMode mode,
                                                                    String sessionId) {
        return notAllowed();
    }
}
