package dev.omnibus.client.admin.models;

import dev.omnibus.client.implementation.admin.EntityRuntime;
import java.time.OffsetDateTime;

/** A subscription's message counts and times, as of the moment the service answered. Immutable. */
public final class SubscriptionRuntimeProperties {
    private final String topicName;
    private final String subscriptionName;
    private final EntityRuntime runtime;

    SubscriptionRuntimeProperties(String topicName, String subscriptionName, EntityRuntime runtime) {
        this.topicName = topicName;
        this.subscriptionName = subscriptionName;
        this.runtime = runtime;
    }

    /** @return the topic the subscription belongs to */
    public String getTopicName() {
        return topicName;
    }

    /** @return the subscription's name */
    public String getSubscriptionName() {
        return subscriptionName;
    }

    /** @return all messages in the subscription: active, dead-lettered and in transfer */
    public long getTotalMessageCount() {
        return runtime.totalMessageCount();
    }

    /** @return messages ready to be received (or locked by a receiver) */
    public long getActiveMessageCount() {
        return runtime.activeMessageCount();
    }

    /** @return messages in the dead-letter queue */
    public long getDeadLetterMessageCount() {
        return runtime.deadLetterMessageCount();
    }

    /** @return messages that could not be forwarded and were dead-lettered */
    public long getTransferDeadLetterMessageCount() {
        return runtime.transferDeadLetterMessageCount();
    }

    /** @return messages waiting to be forwarded */
    public long getTransferMessageCount() {
        return runtime.transferMessageCount();
    }

    /** @return when the subscription was created, or null if the service did not say */
    public OffsetDateTime getCreatedAt() {
        return runtime.createdAt();
    }

    /** @return when the subscription was last changed, or null if the service did not say */
    public OffsetDateTime getUpdatedAt() {
        return runtime.updatedAt();
    }

    /** @return when a message was last received, or null if never */
    public OffsetDateTime getAccessedAt() {
        return runtime.accessedAt();
    }

    @Override
    public String toString() {
        return "SubscriptionRuntimeProperties{topic=" + topicName + ", name=" + subscriptionName + ", active="
                + getActiveMessageCount() + ", deadLetter=" + getDeadLetterMessageCount() + "}";
    }
}
