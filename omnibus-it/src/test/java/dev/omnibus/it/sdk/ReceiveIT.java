package dev.omnibus.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.messaging.servicebus.ServiceBusErrorContext;
import com.azure.messaging.servicebus.ServiceBusMessage;
import com.azure.messaging.servicebus.ServiceBusProcessorClient;
import com.azure.messaging.servicebus.ServiceBusReceivedMessage;
import com.azure.messaging.servicebus.ServiceBusReceiverClient;
import com.azure.messaging.servicebus.ServiceBusSenderClient;
import com.azure.messaging.servicebus.models.ServiceBusReceiveMode;
import com.azure.messaging.servicebus.models.SubQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Receiving with the official Java SDK: batches, the synchronous iterator, the processor, both receive modes. */
class ReceiveIT extends SdkTestSupport {

    private void send(String q, int count) {
        ServiceBusSenderClient sender = sender(q);
        sender.sendMessages(IntStream.range(0, count).mapToObj(i -> new ServiceBusMessage("m" + i)).toList());
    }

    @Test
    void receiveMessagesInPeekLockThenCompleteEmptiesTheQueue() {
        String q = queue();
        send(q, 5);
        ServiceBusReceiverClient receiver = receiver(q);

        List<ServiceBusReceivedMessage> got = receive(receiver, 5);
        assertThat(got).extracting(m -> m.getBody().toString()).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(got).allSatisfy(m -> assertThat(m.getLockToken()).isNotBlank());
        got.forEach(receiver::complete);

        assertThat(receiver(q).peekMessages(10).stream().toList()).isEmpty();
    }

    @Test
    void receiveMessagesReturnsWhatIsThereWhenFewerArriveThanAskedFor() {
        String q = queue();
        send(q, 2);
        ServiceBusReceiverClient receiver = receiver(q);

        List<ServiceBusReceivedMessage> got = receiver.receiveMessages(10, Duration.ofSeconds(3)).stream().toList();

        assertThat(got).hasSize(2);
    }

    @Test
    void synchronousIteratorYieldsMessagesAsTheyCome() {
        String q = queue();
        send(q, 3);
        ServiceBusReceiverClient receiver = receiver(q);

        List<String> bodies = new ArrayList<>();
        Iterator<ServiceBusReceivedMessage> it = receiver.receiveMessages(3, PATIENCE).iterator();
        while (it.hasNext()) {
            ServiceBusReceivedMessage m = it.next();
            bodies.add(m.getBody().toString());
            receiver.complete(m);
        }

        assertThat(bodies).containsExactly("m0", "m1", "m2");
    }

    @Test
    void streamOfReceivedMessages() {
        String q = queue();
        send(q, 4);
        ServiceBusReceiverClient receiver = receiver(q);

        List<String> bodies = receiver.receiveMessages(4, PATIENCE).stream()
                .peek(receiver::complete).map(m -> m.getBody().toString()).toList();

        assertThat(bodies).containsExactly("m0", "m1", "m2", "m3");
    }

    @Test
    void receiveAndDeleteRemovesOnDelivery() {
        String q = queue();
        send(q, 3);
        ServiceBusReceiverClient receiver = receiver(q, ServiceBusReceiveMode.RECEIVE_AND_DELETE, SubQueue.NONE);

        List<ServiceBusReceivedMessage> got = receive(receiver, 3);

        assertThat(got).extracting(m -> m.getBody().toString()).containsExactly("m0", "m1", "m2");
        assertThat(receiver(q).peekMessages(10).stream().toList()).isEmpty();
    }

    @Test
    void processorClientReceivesAndAutoCompletes() {
        String q = queue();
        send(q, 20);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        ServiceBusProcessorClient processor = closeLater(client().processor().queueName(q)
                .maxConcurrentCalls(2)
                .processMessage(ctx -> seen.add(ctx.getMessage().getBody().toString()))
                .processError((ServiceBusErrorContext ctx) -> errors.add(ctx.getException()))
                .buildProcessorClient());

        processor.start();

        await().atMost(PATIENCE).until(() -> seen.size() >= 20);
        assertThat(seen).hasSize(20).doesNotHaveDuplicates();
        processor.close();
        assertThat(errors).isEmpty();
        // Auto-complete settled everything.
        await().atMost(PATIENCE).until(() -> receiver(q).peekMessages(25).stream().count() == 0);
    }

    @Test
    void processorInPeekLockWithManualSettlement() {
        String q = queue();
        send(q, 4);
        List<Long> deliveryCounts = Collections.synchronizedList(new ArrayList<>());
        ServiceBusProcessorClient processor = closeLater(client().processor().queueName(q)
                .disableAutoComplete()
                .processMessage(ctx -> {
                    deliveryCounts.add(ctx.getMessage().getDeliveryCount());
                    if (ctx.getMessage().getDeliveryCount() == 0 && ctx.getMessage().getBody().toString().equals("m0")) {
                        ctx.abandon();
                    } else {
                        ctx.complete();
                    }
                })
                .processError(ctx -> { })
                .buildProcessorClient());

        processor.start();

        // m0 is abandoned once and comes back with delivery count 1.
        await().atMost(PATIENCE).until(() -> deliveryCounts.size() >= 5);
        processor.close();
        assertThat(deliveryCounts).containsOnly(0L, 1L).filteredOn(c -> c == 1L).hasSize(1);
    }
}
