package dev.omnibus.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.omnibus.client.ProcessErrorContext;
import dev.omnibus.client.ProcessorOptions;
import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusErrorSource;
import dev.omnibus.client.ServiceBusProcessor;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import dev.omnibus.client.models.SubQueue;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The processor: handlers, concurrency, auto-complete, abandon on failure, lock renewal, start/stop/close. */
@Timeout(90)
class ProcessorIT extends ClientTestSupport {

    private void send(String q, int count) {
        closeLater(client.getQueueSender(q)).sendMessages(IntStream.range(0, count)
                .mapToObj(i -> new ServiceBusMessage("m" + i)).toList());
    }

    @Test
    void receivesEveryMessageAutoCompletesAndRespectsMaxConcurrentCalls() {
        String q = queue();
        send(q, 20);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CopyOnWriteArrayList<ProcessErrorContext> errors = new CopyOnWriteArrayList<>();
        ServiceBusProcessor processor = closeLater(client.createProcessor(q,
                ProcessorOptions.defaults().maxConcurrentCalls(4),
                context -> {
                    peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                    await().pollDelay(Duration.ofMillis(50)).until(() -> true);
                    seen.add(context.getMessage().getBodyAsString());
                    running.decrementAndGet();
                }, errors::add));

        processor.start();

        await().atMost(PATIENCE).until(() -> seen.size() == 20);
        assertThat(peak.get()).isBetween(2, 4);
        assertThat(processor.isRunning()).isTrue();
        processor.stop();
        assertThat(processor.isRunning()).isFalse();
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(closeLater(client.getQueueReceiver(q)).peekMessages(20)).isEmpty());
        assertThat(errors).isEmpty();
    }

    @Test
    void handlerExceptionIsReportedAndTheMessageAbandonedThenRedelivered() {
        String q = queue();
        send(q, 1);
        List<Long> deliveryCounts = new CopyOnWriteArrayList<>();
        CopyOnWriteArrayList<ProcessErrorContext> errors = new CopyOnWriteArrayList<>();
        ServiceBusProcessor processor = closeLater(client.createProcessor(q, ProcessorOptions.defaults(),
                context -> {
                    deliveryCounts.add(context.getMessage().getDeliveryCount());
                    if (context.getMessage().getDeliveryCount() == 0) {
                        throw new IllegalStateException("first attempt fails");
                    }
                }, errors::add));

        processor.start();

        await().atMost(PATIENCE).until(() -> deliveryCounts.size() == 2);
        assertThat(deliveryCounts).containsExactly(0L, 1L);
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.getErrorSource()).isEqualTo(ServiceBusErrorSource.USER_CALLBACK);
            assertThat(e.getException()).hasMessage("first attempt fails");
            assertThat(e.getEntityPath()).isEqualTo(q);
        });
        processor.close();
        assertThat(closeLater(client.getQueueReceiver(q)).peekMessages(5)).isEmpty();
    }

    @Test
    void withoutAutoCompleteTheHandlerSettlesItself() {
        String q = queue();
        send(q, 1);
        AtomicInteger handled = new AtomicInteger();
        ServiceBusProcessor processor = closeLater(client.createProcessor(q,
                ProcessorOptions.defaults().autoCompleteMessages(false),
                context -> {
                    context.deadLetter("manual", "settled by the handler");
                    handled.incrementAndGet();
                }, error -> { }));

        processor.start();

        ServiceBusReceivedMessage dead = receiveOne(closeLater(client.getQueueReceiver(q,
                ReceiverOptions.defaults().subQueue(SubQueue.DEAD_LETTER))));
        assertThat(dead.getDeadLetterReason()).isEqualTo("manual");
        await().atMost(PATIENCE).until(() -> handled.get() == 1);
    }

    @Test
    void renewsTheLockWhileAHandlerRunsLongerThanTheLockDuration() {
        String q = queue(b -> b.lockDuration(Duration.ofSeconds(5)));
        send(q, 1);
        List<Long> deliveryCounts = new CopyOnWriteArrayList<>();
        CopyOnWriteArrayList<ProcessErrorContext> errors = new CopyOnWriteArrayList<>();
        ServiceBusProcessor processor = closeLater(client.createProcessor(q,
                ProcessorOptions.defaults().maxAutoLockRenewDuration(Duration.ofMinutes(1)),
                context -> {
                    deliveryCounts.add(context.getMessage().getDeliveryCount());
                    OffsetDateTime done = OffsetDateTime.now().plusSeconds(11);
                    await().atMost(Duration.ofSeconds(20)).until(() -> OffsetDateTime.now().isAfter(done));
                }, errors::add));

        processor.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(closeLater(client.getQueueReceiver(q)).peekMessages(5)).isEmpty());
        assertThat(deliveryCounts).containsExactly(0L);
        assertThat(errors).isEmpty();
    }

    @Test
    void aStoppedProcessorCanStartAgain() {
        String q = queue();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ServiceBusProcessor processor = closeLater(client.createProcessor(q, ProcessorOptions.defaults(),
                context -> seen.add(context.getMessage().getBodyAsString()), error -> { }));
        processor.start();
        send(q, 1);
        await().atMost(PATIENCE).until(() -> seen.size() == 1);
        processor.stop();

        processor.start();
        closeLater(client.getQueueSender(q)).sendMessages(new ServiceBusMessage("again"));
        await().atMost(PATIENCE).until(() -> seen.contains("again"));
    }
}
