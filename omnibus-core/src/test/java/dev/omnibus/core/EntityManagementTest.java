package dev.omnibus.core;

import static dev.omnibus.core.BrokerAssertions.failsWith;
import static dev.omnibus.core.BrokerAssertions.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.amqp.ServiceBusError;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EntityManagementTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void createsWithServiceBusDefaults() {
        QueueDescription d = h.ns().createQueue(QueueDescription.builder("orders").build()).join();
        assertThat(d.lockDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(d.maxDeliveryCount()).isEqualTo(10);
        assertThat(Durations.isUnlimited(d.defaultMessageTimeToLive())).isTrue();
        assertThat(d.duplicateDetectionHistoryTimeWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.maxSizeInMegabytes()).isEqualTo(1024);
        assertThat(d.maxMessageSizeInKilobytes()).isEqualTo(256);
        assertThat(d.status()).isEqualTo(EntityStatus.ACTIVE);
        assertThat(d.enableBatchedOperations()).isTrue();
        assertThat(d.createdAt().toEpochMilli()).isEqualTo(h.time.now());
    }

    @Test
    void looksUpCaseInsensitivelyAndKeepsTheCreatedSpelling() {
        h.queue("Orders.EU");
        assertThat(h.ns().getQueue("orders.eu")).get().extracting(QueueDescription::name).isEqualTo("Orders.EU");
        assertThat(h.ns().queue("ORDERS.EU").path()).isEqualTo("Orders.EU");
        failsWith(h.ns().createQueue(QueueDescription.builder("orders.eu").build()),
                ServiceBusError.ENTITY_ALREADY_EXISTS);
    }

    @Test
    void unknownQueueIsNotFoundWithTheWordingTheSdksMatch() {
        assertThatThrownBy(() -> h.ns().queue("missing"))
                .isInstanceOfSatisfying(BrokerException.class, e -> {
                    assertThat(e.error()).isEqualTo(ServiceBusError.ENTITY_NOT_FOUND);
                    assertThat(e.getMessage()).matches("The messaging entity '.*missing' could not be found.*");
                });
    }

    @Test
    void validatesNamesAsServiceBusDoes() {
        for (String bad : new String[] {"", "-starts", "ends-", "has space", "a//b", "x".repeat(261), "t/subscriptions/s"}) {
            BrokerException e = failure(h.ns().createQueue(QueueDescription.builder(bad).build()));
            assertThat(e.error()).as(bad).isEqualTo(ServiceBusError.ARGUMENT_ERROR);
        }
        for (String good : new String[] {"a", "queue.1", "my-queue_2", "folder/queue", "x".repeat(260)}) {
            assertThat(h.ns().createQueue(QueueDescription.builder(good).build()).join().name()).isEqualTo(good);
        }
    }

    @Test
    void validatesPropertyRanges() {
        assertThat(failure(h.ns().createQueue(QueueDescription.builder("q").lockDuration(Duration.ofSeconds(4)).build()))
                .getMessage()).contains("LockDuration");
        assertThat(failure(h.ns().createQueue(QueueDescription.builder("q").lockDuration(Duration.ofMinutes(6)).build()))
                .getMessage()).contains("LockDuration");
        assertThat(failure(h.ns().createQueue(QueueDescription.builder("q")
                .duplicateDetectionHistoryTimeWindow(Duration.ofSeconds(19)).build())).getMessage())
                .contains("DuplicateDetectionHistoryTimeWindow");
        assertThat(failure(h.ns().createQueue(QueueDescription.builder("q")
                .duplicateDetectionHistoryTimeWindow(Duration.ofDays(8)).build())).getMessage())
                .contains("DuplicateDetectionHistoryTimeWindow");
        assertThat(failure(h.ns().createQueue(QueueDescription.builder("q").maxDeliveryCount(0).build()))
                .getMessage()).contains("MaxDeliveryCount");
        assertThat(failure(h.ns().createQueue(QueueDescription.builder("q").maxMessageSizeInKilobytes(102_401).build()))
                .getMessage()).contains("MaxMessageSizeInKilobytes");
        assertThat(failure(h.ns().createQueue(QueueDescription.builder("q")
                .autoDeleteOnIdle(Duration.ofMinutes(4)).build())).getMessage()).contains("AutoDeleteOnIdle");
        assertThat(h.ns().createQueue(QueueDescription.builder("q").maxMessageSizeInKilobytes(102_400)
                .lockDuration(Duration.ofMinutes(5)).build()).join().maxMessageSizeBytes()).isEqualTo(102_400L * 1024);
    }

    @Test
    void updatesKeepCreationTimeAndRefuseImmutableChanges() {
        QueueDescription created = h.ns().createQueue(QueueDescription.builder("q").build()).join();
        h.advance(Duration.ofSeconds(10));
        QueueDescription updated = h.ns().updateQueue(created.toBuilder().maxDeliveryCount(3)
                .userMetadata("meta").build()).join();
        assertThat(updated.maxDeliveryCount()).isEqualTo(3);
        assertThat(updated.userMetadata()).isEqualTo("meta");
        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
        assertThat(updated.updatedAt()).isAfter(created.updatedAt());
        assertThat(h.ns().getQueue("q")).get().extracting(QueueDescription::maxDeliveryCount).isEqualTo(3);
        assertThat(failure(h.ns().updateQueue(created.toBuilder().requiresSession(true).build())).getMessage())
                .contains("RequiresSession");
        failsWith(h.ns().updateQueue(QueueDescription.builder("nope").build()), ServiceBusError.ENTITY_NOT_FOUND);
    }

    @Test
    void deleteRemovesTheQueueAndItsMessages() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "a", "b");
        h.ns().deleteQueue("Q").join();
        assertThat(h.ns().hasQueue("q")).isFalse();
        failsWith(q.send(java.util.List.of(CoreHarness.message("c"))), ServiceBusError.ENTITY_NOT_FOUND);
        h.queue("q");
        assertThat(CoreHarness.receive(h.ns().queue("q"), 10)).isEmpty();
        failsWith(h.ns().deleteQueue("q2"), ServiceBusError.ENTITY_NOT_FOUND);
    }

    @Test
    void deleteClosesReceivers() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.Collector c = CoreHarness.receiver(q, ReceiveMode.PEEK_LOCK);
        h.ns().deleteQueue("q").join();
        assertThat(c.closedWith).isNotNull();
        assertThat(c.closedWith.error()).isEqualTo(ServiceBusError.ENTITY_NOT_FOUND);
    }

    @Test
    void listsQueuesByName() {
        h.queue("b");
        h.queue("A");
        h.queue("c");
        assertThat(h.ns().listQueues()).extracting(QueueDescription::name).containsExactly("A", "b", "c");
    }

    @Test
    void refusesForwardingLoops() {
        h.queue("a");
        h.queue("b", b -> b.forwardTo("a"));
        QueueDescription a = h.ns().getQueue("a").orElseThrow();
        assertThat(failure(h.ns().updateQueue(a.toBuilder().forwardTo("b").build())).getMessage()).contains("loop");
        assertThat(failure(h.ns().createQueue(QueueDescription.builder("c").forwardTo("C").build())).getMessage())
                .contains("ForwardTo");
        assertThat(failure(h.ns().createQueue(QueueDescription.builder("d").forwardDeadLetteredMessagesTo("d")
                .build())).getMessage()).contains("ForwardDeadLetteredMessagesTo");
    }
}
