package dev.omnibus.core;

import dev.omnibus.core.store.InMemoryMessageStore;
import dev.omnibus.core.time.ManualTimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A broker on an in-memory store, a manual clock and a direct pool: every call finishes before it returns, so
 * tests read like scripts and time moves only when they say so.
 */
final class CoreHarness {
    final ManualTimeSource time = new ManualTimeSource();
    final InMemoryMessageStore store = new InMemoryMessageStore();
    Broker broker = Broker.open(store, time, Runnable::run);

    Namespace ns() {
        return broker.namespace();
    }

    QueueEndpoint queue(String name) {
        return queue(name, b -> b);
    }

    QueueEndpoint queue(String name, UnaryOperator<QueueDescription.Builder> settings) {
        ns().createQueue(settings.apply(QueueDescription.builder(name)).build()).join();
        return ns().queue(name);
    }

    /** Closes the broker and opens a new one on the same store content: a restart. */
    void restart() {
        broker.close();
        broker = Broker.open(store.reopen(), time, Runnable::run);
    }

    void advance(Duration d) {
        time.advance(d);
    }

    static IncomingMessage message(String body) {
        return IncomingMessage.builder(body.getBytes(StandardCharsets.UTF_8)).build();
    }

    static IncomingMessage.Builder messageBuilder(String body) {
        return IncomingMessage.builder(body.getBytes(StandardCharsets.UTF_8));
    }

    static void send(QueueEndpoint q, String... bodies) {
        q.send(Arrays.stream(bodies).map(CoreHarness::message).toList()).join();
    }

    static String body(ReceivedMessage m) {
        return new String(m.payload(), StandardCharsets.UTF_8);
    }

    static List<String> bodies(List<ReceivedMessage> ms) {
        return ms.stream().map(CoreHarness::body).toList();
    }

    /** A receiver that collects what it is given. */
    static class Collector implements DeliverySink {
        final List<ReceivedMessage> received = new ArrayList<>();
        int drained;
        BrokerException closedWith;
        Receiver receiver;

        @Override
        public void onMessage(ReceivedMessage message) {
            received.add(message);
        }

        @Override
        public void onDrained() {
            drained++;
        }

        @Override
        public void onClosed(BrokerException reason) {
            closedWith = reason;
        }

        /** Takes what arrived so far. */
        List<ReceivedMessage> take() {
            List<ReceivedMessage> out = new ArrayList<>(received);
            received.clear();
            return out;
        }
    }

    static Collector receiver(QueueEndpoint q, ReceiveMode mode) {
        Collector c = new Collector();
        c.receiver = q.openReceiver(mode, c).join();
        return c;
    }

    /**
     * Opens a receiver, asks for up to {@code n} messages and drains it. The receiver stays open (with no credit
     * left) so the locks it took stay valid: closing a receiver ends its locks.
     */
    static List<ReceivedMessage> receive(QueueEndpoint q, ReceiveMode mode, int n) {
        Collector c = receiver(q, mode);
        c.receiver.addCredit(n);
        c.receiver.drain();
        return c.take();
    }

    static List<ReceivedMessage> receive(QueueEndpoint q, int n) {
        return receive(q, ReceiveMode.PEEK_LOCK, n);
    }
}
