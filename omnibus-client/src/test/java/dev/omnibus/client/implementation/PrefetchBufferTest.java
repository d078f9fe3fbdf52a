package dev.omnibus.client.implementation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefetchBufferTest {
    private static ServiceBusReceivedMessage message(String body) {
        return MessageCodec.decode(MessageCodec.encode(new ServiceBusMessage(body)), null, null);
    }

    private static PrefetchBuffer holding(String... bodies) {
        PrefetchBuffer buffer = new PrefetchBuffer();
        for (String body : bodies) {
            buffer.add(message(body));
        }
        return buffer;
    }

    @Test
    void aReadyBatchIsTakenOldestFirstAndTheRestStays() {
        PrefetchBuffer buffer = holding("a", "b", "c");

        List<ServiceBusReceivedMessage> taken = buffer.takeIfReady(2, m -> false);

        assertThat(taken).extracting(ServiceBusReceivedMessage::getBodyAsString).containsExactly("a", "b");
        assertThat(buffer.size()).isEqualTo(1);
        assertThat(buffer.poll().getBodyAsString()).isEqualTo("c");
    }

    @Test
    void fewerThanAskedForTakesNothing() {
        PrefetchBuffer buffer = holding("a");

        assertThat(buffer.takeIfReady(2, m -> false)).isNull();
        assertThat(buffer.size()).isEqualTo(1);
    }

    @Test
    void aLapsedMessageInTheBatchTakesNothingSoTheEventLoopReleasesIt() {
        PrefetchBuffer buffer = holding("a", "stale", "c");

        assertThat(buffer.takeIfReady(3, m -> m.getBodyAsString().equals("stale"))).isNull();
        assertThat(buffer.size()).isEqualTo(3);
        // A lapsed message beyond the batch does not matter.
        assertThat(buffer.takeIfReady(1, m -> m.getBodyAsString().equals("stale")))
                .extracting(ServiceBusReceivedMessage::getBodyAsString).containsExactly("a");
    }

    @Test
    void givenBackMessagesGoToTheFrontInTheirOrder() {
        PrefetchBuffer buffer = holding("c");

        buffer.addFirst(List.of(message("a"), message("b")));

        assertThat(buffer.takeIfReady(3, m -> false)).extracting(ServiceBusReceivedMessage::getBodyAsString)
                .containsExactly("a", "b", "c");
        assertThat(buffer.isEmpty()).isTrue();
    }
}
