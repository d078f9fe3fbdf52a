package dev.omnibus.client.admin.models;

import dev.omnibus.client.implementation.admin.EntityRuntime;
import java.time.OffsetDateTime;

/**
 * A topic's size, subscription count, scheduled messages and times, as of the moment the service answered. The
 * topic's other messages are counted in its subscriptions. Immutable.
 */
public final class TopicRuntimeProperties {
    private final String name;
    private final EntityRuntime runtime;

    TopicRuntimeProperties(String name, EntityRuntime runtime) {
        this.name = name;
        this.runtime = runtime;
    }

    /** @return the topic's name */
    public String getName() {
        return name;
    }

    /** @return the size of the topic's messages in bytes */
    public long getSizeInBytes() {
        return runtime.sizeInBytes();
    }

    /** @return how many subscriptions the topic has */
    public int getSubscriptionCount() {
        return runtime.subscriptionCount();
    }

    /** @return messages scheduled for later on the topic */
    public long getScheduledMessageCount() {
        return runtime.scheduledMessageCount();
    }

    /** @return when the topic was created, or null if the service did not say */
    public OffsetDateTime getCreatedAt() {
        return runtime.createdAt();
    }

    /** @return when the topic was last changed, or null if the service did not say */
    public OffsetDateTime getUpdatedAt() {
        return runtime.updatedAt();
    }

    /** @return when a message was last sent, or null if never */
    public OffsetDateTime getAccessedAt() {
        return runtime.accessedAt();
    }

    @Override
    public String toString() {
        return "TopicRuntimeProperties{name=" + name + ", subscriptions=" + getSubscriptionCount() + "}";
    }
}
