package dev.omnibus.core;

import static dev.omnibus.core.BrokerAssertions.failsWith;
import static dev.omnibus.core.BrokerAssertions.failure;
import static dev.omnibus.core.CoreHarness.bodies;
import static dev.omnibus.core.CoreHarness.message;
import static dev.omnibus.core.CoreHarness.receive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.amqp.ServiceBusError;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SendTest {
    private final CoreHarness h = new CoreHarness();

    @Test
    void sendsOneAndABatchWithIncreasingSequenceNumbers() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "one");
        CoreHarness.send(q, "two", "three", "four");
        List<ReceivedMessage> got = receive(q, 10);
        assertThat(bodies(got)).containsExactly("one", "two", "three", "four");
        assertThat(got).extracting(ReceivedMessage::sequenceNumber).containsExactly(1L, 2L, 3L, 4L);
        assertThat(got.get(0).meta().enqueuedAt()).isEqualTo(h.time.now());
    }

    @Test
    void aBatchIsAllOrNothing() {
        QueueEndpoint q = h.queue("q", b -> b.maxMessageSizeInKilobytes(1));
        BrokerException e = failure(q.send(List.of(message("small"),
                IncomingMessage.builder(new byte[1025]).build())));
        assertThat(e.error()).isEqualTo(ServiceBusError.MESSAGE_SIZE_EXCEEDED);
        assertThat(e.getMessage()).contains("1025").contains("1024");
        assertThat(receive(q, 10)).isEmpty();
        assertThat(h.ns().queueRuntimeInfo("q").join().sizeInBytes()).isZero();
    }

    @Test
    void sendEachStoresEveryListOnItsOwnAndReportsEachOutcome() {
        QueueEndpoint q = h.queue("q", b -> b.maxMessageSizeInKilobytes(1));
        CompletableFuture<Throwable[]> outcomes = new CompletableFuture<>();
        q.sendEach(List.of(List.of(message("a")), List.of(message("b"), IncomingMessage.builder(new byte[1025])
                .build()), List.of(message("c"), message("d"))), outcomes::complete);

        Throwable[] failures = outcomes.join();
        assertThat(failures).hasSize(3);
        assertThat(failures[0]).isNull();
        assertThat(((BrokerException) failures[1]).error()).isEqualTo(ServiceBusError.MESSAGE_SIZE_EXCEEDED);
        assertThat(failures[2]).isNull();
        assertThat(bodies(receive(q, 10))).as("the refused list stores nothing").containsExactly("a", "c", "d");
    }

    @Test
    void sendEachToASubQueueFailsEveryList() {
        h.queue("q");
        QueueEndpoint dlq = h.ns().endpoint("q", SubQueue.DEAD_LETTER);
        CompletableFuture<Throwable[]> outcomes = new CompletableFuture<>();
        dlq.sendEach(List.of(List.of(message("a")), List.of(message("b"))), outcomes::complete);

        assertThat(outcomes.join()).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(BrokerException.class));
        assertThat(dlq.peek(0, 10).join()).isEmpty();
    }

    @Test
    void quotaExceededWhenTheEntityIsFull() {
        QueueEndpoint q = h.queue("q", b -> b.maxSizeInMegabytes(1).maxMessageSizeInKilobytes(1024));
        q.send(List.of(IncomingMessage.builder(new byte[600 * 1024]).build())).join();
        BrokerException e = failure(q.send(List.of(IncomingMessage.builder(new byte[600 * 1024]).build())));
        assertThat(e.error()).isEqualTo(ServiceBusError.QUOTA_EXCEEDED);
        assertThat(e.getMessage()).contains("maximum entity size");
        assertThat(receive(q, ReceiveMode.RECEIVE_AND_DELETE, 1)).hasSize(1);
        q.send(List.of(IncomingMessage.builder(new byte[600 * 1024]).build())).join();
    }

    @Test
    void disabledEntitiesRefuseAsServiceBusDoes() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.send(q, "before");
        setStatus("q", EntityStatus.SEND_DISABLED);
        failsWith(q.send(List.of(message("x"))), ServiceBusError.ENTITY_DISABLED);
        assertThat(receive(q, ReceiveMode.RECEIVE_AND_DELETE, 1)).hasSize(1);

        setStatus("q", EntityStatus.RECEIVE_DISABLED);
        CoreHarness.send(q, "after");
        failsWith(q.openReceiver(ReceiveMode.PEEK_LOCK, new CoreHarness.Collector()), ServiceBusError.ENTITY_DISABLED);

        setStatus("q", EntityStatus.DISABLED);
        failsWith(q.send(List.of(message("x"))), ServiceBusError.ENTITY_DISABLED);
        failsWith(q.openReceiver(ReceiveMode.PEEK_LOCK, new CoreHarness.Collector()), ServiceBusError.ENTITY_DISABLED);

        setStatus("q", EntityStatus.ACTIVE);
        assertThat(bodies(receive(q, 5))).containsExactly("after");
    }

    @Test
    void disablingReceiveClosesOpenReceivers() {
        QueueEndpoint q = h.queue("q");
        CoreHarness.Collector c = CoreHarness.receiver(q, ReceiveMode.PEEK_LOCK);
        setStatus("q", EntityStatus.DISABLED);
        assertThat(c.closedWith.error()).isEqualTo(ServiceBusError.ENTITY_DISABLED);
    }

    @Test
    void sessionEntitiesNeedASessionId() {
        QueueEndpoint q = h.queue("q", b -> b.requiresSession(true));
        BrokerException e = failure(q.send(List.of(message("no session"))));
        assertThat(e.error()).isEqualTo(ServiceBusError.NOT_ALLOWED);
        assertThat(e.getMessage()).contains("SessionId");
        q.send(List.of(CoreHarness.messageBuilder("in session").sessionId("s1").build())).join();
    }

    @Test
    void deadLetterQueuesCannotBeSentTo() {
        h.queue("q");
        failsWith(h.ns().endpoint("q", SubQueue.DEAD_LETTER).send(List.of(message("x"))), ServiceBusError.NOT_ALLOWED);
    }

    private void setStatus(String name, EntityStatus status) {
        QueueDescription d = h.ns().getQueue(name).orElseThrow();
        h.ns().updateQueue(d.toBuilder().status(status).build()).join();
    }
}
