package dev.omnibus.bench.amqp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.qpid.protonj2.client.Client;
import org.apache.qpid.protonj2.client.ClientOptions;
import org.apache.qpid.protonj2.client.Connection;
import org.apache.qpid.protonj2.client.ConnectionOptions;
import org.apache.qpid.protonj2.client.Delivery;
import org.apache.qpid.protonj2.client.DeliveryState;
import org.apache.qpid.protonj2.client.Message;
import org.apache.qpid.protonj2.client.Receiver;
import org.apache.qpid.protonj2.client.ReceiverOptions;
import org.apache.qpid.protonj2.client.Sender;
import org.apache.qpid.protonj2.client.Tracker;

/**
 * A plain AMQP 1.0 workload on one queue, the same for every broker: {@code senders} connections each send durable
 * messages of {@code size} bytes, at most {@code inFlight} unsettled at a time, and wait for the broker to accept each
 * one (its durable acknowledgement); {@code receivers} connections each take deliveries unsettled (PeekLock on
 * Omnibus) with a credit window of {@code credit} and accept every message. The run ends when every message was
 * received and accepted and the broker reports the queue empty, i.e. the acceptances were applied too.
 *
 * <p>Latencies: <em>send-ack</em> from the send call to the broker's accepted outcome (trackers are awaited in send
 * order, so a settlement that overtakes an earlier one is counted when the earlier one comes); <em>end-to-end</em>
 * from the send call to the receiver holding the message (the send time travels in the body's first 8 bytes; same
 * JVM, same clock).
 */
final class AmqpLoad {
    /** What a broker under test must offer. */
    interface Target {
        String name();

        String host();

        int port();

        /** Connection options with the broker's credentials (SASL). */
        ConnectionOptions connectionOptions();

        String address();

        /** Messages still in the queue, delivered or not; 0 once every acceptance was applied. */
        long queueDepth();
    }

    /** The workload's shape. */
    record Shape(int messages, int size, int senders, int inFlight, int receivers, int credit) {
        Shape warmup(int warmupMessages) {
            return new Shape(warmupMessages, size, senders, inFlight, receivers, credit);
        }
    }

    /** What one run measured. */
    /**
     * Waits until the broker's queue is empty: the figures cover every message sent and settled, not just accepted.
     * Fails after 60 s.
     */
    static void awaitDrained(Target target, long pollNanos) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (target.queueDepth() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(target.name() + ": the queue still holds "
                        + target.queueDepth() + " messages 60 s after the last was accepted");
            }
            LockSupport.parkNanos(pollNanos);
        }
    }

    record Figures(String broker, int messages, double seconds, double messagesPerSecond, double sendAckP50Ms,
                   double sendAckP99Ms, double endToEndP50Ms, double endToEndP99Ms, double endToEndMaxMs,
                   long rejectedSends) {
    }

    private final Target target;
    private final Shape shape;
    private final long[] sendAck;
    private final long[] endToEnd;
    private final AtomicInteger nextToSend = new AtomicInteger();
    private final AtomicInteger sendAckCount = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private AmqpLoad(Target target, Shape shape) {
        this.target = target;
        this.shape = shape;
        this.sendAck = new long[shape.messages()];
        this.endToEnd = new long[shape.messages()];
    }

    /** Runs the workload once against the target and returns its figures. */
    static Figures run(Target target, Shape shape) throws Exception {
        return new AmqpLoad(target, shape).run();
    }

    private Figures run() throws Exception {
        List<Thread> threads = new ArrayList<>();
        try (Client client = Client.create(new ClientOptions().id("omnibus-bench"))) {
            List<Connection> connections = new ArrayList<>();
            try {
                List<Receiver> receiverLinks = new ArrayList<>();
                for (int r = 0; r < shape.receivers(); r++) {
                    Connection c = connect(client, connections);
                    receiverLinks.add(c.openReceiver(target.address(), new ReceiverOptions()
                            .creditWindow(shape.credit()).autoAccept(false)).openFuture().get(30, TimeUnit.SECONDS));
                }
                List<Sender> senderLinks = new ArrayList<>();
                for (int s = 0; s < shape.senders(); s++) {
                    Connection c = connect(client, connections);
                    senderLinks.add(c.openSender(target.address()).openFuture().get(30, TimeUnit.SECONDS));
                }
                long start = System.nanoTime();
                for (int r = 0; r < receiverLinks.size(); r++) {
                    Receiver link = receiverLinks.get(r);
                    threads.add(start("receiver-" + r, () -> receive(link)));
                }
                for (int s = 0; s < senderLinks.size(); s++) {
                    Sender link = senderLinks.get(s);
                    Semaphore window = new Semaphore(shape.inFlight());
                    BlockingQueue<Pending> pending = new ArrayBlockingQueue<>(shape.inFlight() + 1);
                    threads.add(start("sender-" + s, () -> send(link, window, pending)));
                    threads.add(start("acker-" + s, () -> awaitAcks(window, pending)));
                }
                for (Thread t : threads) {
                    t.join();
                }
                if (failure.get() != null) {
                    throw new IllegalStateException(target.name() + ": the load failed", failure.get());
                }
                awaitDrained(target, 200_000);
                double seconds = (System.nanoTime() - start) / 1e9;
                return figures(seconds);
            } finally {
                for (Connection c : connections) {
                    c.close();
                }
            }
        }
    }

    private Connection connect(Client client, List<Connection> connections) throws Exception {
        Connection c = client.connect(target.host(), target.port(), target.connectionOptions());
        connections.add(c);
        c.openFuture().get(30, TimeUnit.SECONDS);
        return c;
    }

    private Thread start(String name, ThrowingRunnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                nextToSend.set(Integer.MAX_VALUE / 2); // stops the senders
            }
        }, target.name() + "-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void send(Sender link, Semaphore window, BlockingQueue<Pending> pending) throws Exception {
        try {
            for (int n = nextToSend.getAndIncrement(); n < shape.messages(); n = nextToSend.getAndIncrement()) {
                while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (failure.get() != null) {
                        return;
                    }
                }
                byte[] body = new byte[shape.size()];
                long sentAt = System.nanoTime();
                ByteBuffer.wrap(body).putLong(sentAt).putInt(n);
                Message<byte[]> message = Message.create(body).durable(true).messageId("m-" + n);
                pending.put(new Pending(link.send(message), sentAt));
            }
        } finally {
            pending.put(Pending.END);
        }
    }

    /** Waits for the sends of one sender in order, records their latency and opens the window again. */
    private void awaitAcks(Semaphore window, BlockingQueue<Pending> pending) throws Exception {
        for (Pending p = pending.take(); p != Pending.END; p = pending.take()) {
            p.tracker().awaitSettlement(60, TimeUnit.SECONDS);
            long now = System.nanoTime();
            DeliveryState outcome = p.tracker().remoteState();
            if (outcome == null || outcome.getType() != DeliveryState.Type.ACCEPTED) {
                rejected.incrementAndGet();
            }
            sendAck[sendAckCount.getAndIncrement()] = now - p.sentAt();
            window.release();
        }
    }

    private void receive(Receiver link) throws Exception {
        long idleSince = System.nanoTime();
        while (received.get() < shape.messages() && failure.get() == null) {
            Delivery delivery = link.receive(100, TimeUnit.MILLISECONDS);
            if (delivery == null) {
                if (System.nanoTime() - idleSince > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IllegalStateException(target.name() + ": nothing received for 60 s; "
                            + received.get() + " of " + shape.messages() + " arrived");
                }
                continue;
            }
            idleSince = System.nanoTime();
            Message<byte[]> message = delivery.message();
            long now = System.nanoTime();
            long sentAt = ByteBuffer.wrap(message.body()).getLong();
            delivery.accept();
            int i = received.getAndIncrement();
            if (i < endToEnd.length) {
                endToEnd[i] = now - sentAt;
            }
        }
    }

    private Figures figures(double seconds) {
        long[] acks = Arrays.copyOf(sendAck, sendAckCount.get());
        long[] e2e = Arrays.copyOf(endToEnd, Math.min(received.get(), endToEnd.length));
        Arrays.sort(acks);
        Arrays.sort(e2e);
        return new Figures(target.name(), shape.messages(), seconds, shape.messages() / seconds,
                millis(percentile(acks, 0.50)), millis(percentile(acks, 0.99)),
                millis(percentile(e2e, 0.50)), millis(percentile(e2e, 0.99)),
                millis(e2e.length == 0 ? 0 : e2e[e2e.length - 1]), rejected.get());
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    /** A send whose outcome is awaited. */
    private record Pending(Tracker tracker, long sentAt) {
        static final Pending END = new Pending(null, 0);
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
