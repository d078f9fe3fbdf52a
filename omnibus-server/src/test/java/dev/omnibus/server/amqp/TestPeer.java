package dev.omnibus.server.amqp;

import dev.omnibus.amqp.SasToken;
import dev.omnibus.core.Broker;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.store.InMemoryMessageStore;
import dev.omnibus.core.time.ManualTimeSource;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.qpid.protonj2.buffer.ProtonBuffer;
import org.apache.qpid.protonj2.buffer.impl.ProtonByteArrayBufferAllocator;
import org.apache.qpid.protonj2.engine.Connection;
import org.apache.qpid.protonj2.engine.Engine;
import org.apache.qpid.protonj2.engine.EngineFactory;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.engine.OutgoingDelivery;
import org.apache.qpid.protonj2.engine.Receiver;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.engine.Session;
import org.apache.qpid.protonj2.engine.sasl.SaslClientContext;
import org.apache.qpid.protonj2.engine.sasl.SaslClientListener;
import org.apache.qpid.protonj2.engine.sasl.SaslOutcome;
import org.apache.qpid.protonj2.types.Symbol;
import org.apache.qpid.protonj2.types.UnsignedInteger;
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.messaging.AmqpValue;
import org.apache.qpid.protonj2.types.messaging.ApplicationProperties;
import org.apache.qpid.protonj2.types.messaging.Properties;
import org.apache.qpid.protonj2.types.messaging.Source;
import org.apache.qpid.protonj2.types.messaging.Target;
import org.apache.qpid.protonj2.types.transport.ReceiverSettleMode;
import org.apache.qpid.protonj2.types.transport.SenderSettleMode;

/**
 * A protonj2 client engine wired to an {@link AmqpConnection} in memory: no sockets, no threads. The broker runs on
 * a manual clock with a direct pool, the connection's "event loop" is the test thread, and {@link #pump()} moves
 * bytes and posted tasks until both sides are quiet. Lets tests state exact frames and types.
 */
final class TestPeer implements AutoCloseable {
    static final String KEY_NAME = "RootManageSharedAccessKey";
    static final String KEY = "SAS_KEY_VALUE";

    final ManualTimeSource time;
    final Broker broker;
    final LoopTransport transport;
    final AmqpConnection server;
    final Engine client = EngineFactory.PROTON.createEngine();
    final Connection connection;
    Session session;
    SaslOutcome saslOutcome;
    /** Links the server detached because they were idle. */
    int idleLinksDetached;
    private final boolean ownsBroker;
    private long nextMessageId = 1;

    TestPeer() {
        this("ANONYMOUS", null);
    }

    TestPeer(String mechanism, ProtonBuffer initialResponse) {
        this(null, AmqpServerOptions.defaults(), mechanism, initialResponse, "localhost", "localhost");
    }

    /** A peer with its own broker and these listener options (link idle timeout, ...). */
    TestPeer(AmqpServerOptions options) {
        this(null, options, "ANONYMOUS", null, "localhost", "localhost");
    }

    /** A peer with its own broker, these listener options (shared access policies, ...) and SASL mechanism. */
    TestPeer(AmqpServerOptions options, String mechanism, ProtonBuffer initialResponse) {
        this(null, options, mechanism, initialResponse, "localhost", "localhost");
    }

    /**
     * A peer naming these hosts in its OPEN and SASL init (null leaves a field out). With {@code shared} it is a
     * second connection to that peer's broker and clock, which stay that peer's to close.
     */
    TestPeer(TestPeer shared, String openHostname, String saslHostname) {
        this(shared, AmqpServerOptions.defaults(), "ANONYMOUS", null, openHostname, saslHostname);
    }

    private TestPeer(TestPeer shared, AmqpServerOptions options, String mechanism, ProtonBuffer initialResponse,
                     String openHostname, String saslHostname) {
        ownsBroker = shared == null;
        time = shared == null ? new ManualTimeSource(Instant.now()) : shared.time;
        broker = shared == null ? Broker.open(new InMemoryMessageStore(), time, Runnable::run) : shared.broker;
        transport = new LoopTransport(time);
        server = new AmqpConnection(transport, broker, options.withSasKey(KEY_NAME, KEY), () -> idleLinksDetached++);
        server.start();
        client.outputConsumer(buf -> {
            byte[] b = new byte[buf.getReadableBytes()];
            buf.copyInto(buf.getReadOffset(), b, 0, b.length);
            buf.advanceReadOffset(b.length);
            transport.toServer.add(b);
        });
        client.saslDriver().client().setListener(new SaslClientListener() {
            @Override
            public void handleSaslMechanisms(SaslClientContext context, Symbol[] mechanisms) {
                context.sendChosenMechanism(Symbol.valueOf(mechanism), saslHostname, initialResponse);
            }

            @Override
            public void handleSaslChallenge(SaslClientContext context, ProtonBuffer challenge) {
            }

            @Override
            public void handleSaslOutcome(SaslClientContext context, SaslOutcome outcome, ProtonBuffer additional) {
                saslOutcome = outcome;
            }
        });
        connection = client.start();
        connection.setContainerId("test-client");
        if (openHostname != null) {
            connection.setHostname(openHostname);
        }
    }

    /** Opens the connection and one session. */
    TestPeer open() {
        connection.open();
        session = connection.session().open();
        pump();
        return this;
    }

    void createQueue(String name) {
        createQueue(QueueDescription.builder(name).build());
    }

    void createQueue(QueueDescription d) {
        broker.namespace().createQueue(d).join();
    }

    /** Moves bytes both ways and runs posted tasks until nothing changes. */
    void pump() {
        for (int round = 0; round < 10_000; round++) {
            boolean moved = false;
            while (!transport.toServer.isEmpty()) {
                server.ingest(transport.toServer.poll());
                server.flush(); // as the channel handler does when a read completes
                moved = true;
            }
            while (!transport.tasks.isEmpty()) {
                transport.tasks.poll().run();
                moved = true;
            }
            if (transport.toClient.size() > 0) {
                byte[] b = transport.toClient.toByteArray();
                transport.toClient.reset();
                if (!client.isFailed() && !client.isShutdown()) {
                    client.ingest(ProtonByteArrayBufferAllocator.wrapped(b));
                }
                moved = true;
            }
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("The peers never went quiet");
    }

    /**
     * Moves the broker's clock (lock expiry, TTL, scheduling), runs the connection's timers that fall due (link idle
     * timeouts), and pumps.
     */
    void advance(Duration d) {
        time.advance(d);
        transport.runDueTimers();
        pump();
    }

    // ---- request/response nodes ------------------------------------------------------------------------------

    /** A request/response pair of links to a node, as the Java SDK attaches them. */
    final class Node {
        final Sender requests;
        final Receiver responses;
        final List<byte[]> received = new ArrayList<>();

        Node(String address, String replyTo, String linkName) {
            requests = session.sender(linkName).setSource(new Source().setAddress(replyTo))
                    .setTarget(new Target().setAddress(address))
                    .setSenderSettleMode(SenderSettleMode.SETTLED).setReceiverSettleMode(ReceiverSettleMode.FIRST)
                    .open();
            responses = session.receiver(linkName).setSource(new Source().setAddress(address))
                    .setTarget(replyTo == null ? new Target() : new Target().setAddress(replyTo))
                    .setSenderSettleMode(SenderSettleMode.SETTLED).setReceiverSettleMode(ReceiverSettleMode.FIRST)
                    .open();
            responses.deliveryReadHandler(d -> {
                if (!d.isPartial()) {
                    received.add(AmqpConnection.readAll(d));
                }
            });
            responses.addCredit(100);
            pump();
        }

        /** Sends a request and returns the decoded response sections (properties, application properties, body). */
        List<Object> request(Object messageId, String replyTo, Map<String, Object> props, Object body) {
            Properties p = new Properties().setMessageId(messageId);
            if (replyTo != null) {
                p.setReplyTo(replyTo);
            }
            byte[] payload = ProtonCodec.encode(p, new ApplicationProperties(props),
                    body == null ? null : new AmqpValue<>(body));
            int before = received.size();
            send(requests, payload, true);
            pump();
            if (received.size() == before) {
                throw new AssertionError("No response from " + requests.<Target>getTarget().getAddress());
            }
            return ProtonCodec.decodeAll(received.get(received.size() - 1));
        }

        /** The raw bytes of the last response. */
        byte[] lastRaw() {
            return received.get(received.size() - 1);
        }
    }

    Node node(String address, String replyTo) {
        return new Node(address, replyTo, address + "-link");
    }

    /** Puts a token for {@code audience} signed with the configured key, as the Java SDK does. */
    List<Object> putToken(String audience) {
        return putToken(audience, SasToken.create(audience, KEY_NAME, KEY, Instant.now().plusSeconds(1200)).text());
    }

    List<Object> putToken(String audience, String token) {
        Node cbs = cbs();
        return cbs.request(UnsignedLong.valueOf(nextMessageId++), "cbs-client-reply-to", Map.of(
                "operation", "put-token", "type", "servicebus.windows.net:sastoken", "name", audience), token);
    }

    private Node cbsNode;

    Node cbs() {
        if (cbsNode == null) {
            cbsNode = node("$cbs", "cbs-client-reply-to");
        }
        return cbsNode;
    }

    // ---- message links ---------------------------------------------------------------------------------------

    Sender sender(String address) {
        Sender s = session.sender(address + "-sender-" + nextMessageId++).setSource(new Source())
                .setTarget(new Target().setAddress(address)).setSenderSettleMode(SenderSettleMode.UNSETTLED).open();
        pump();
        return s;
    }

    /** A receiver; deliveries are collected in {@code deliveries}. */
    Receiver receiver(String address, boolean peekLock, List<IncomingDelivery> deliveries) {
        Receiver r = session.receiver(address + "-receiver-" + nextMessageId++)
                .setSource(new Source().setAddress(address)).setTarget(new Target().setAddress("client-" + address))
                .setSenderSettleMode(peekLock ? SenderSettleMode.UNSETTLED : SenderSettleMode.SETTLED)
                .setReceiverSettleMode(peekLock ? ReceiverSettleMode.SECOND : ReceiverSettleMode.FIRST);
        r.deliveryReadHandler(d -> {
            if (!d.isPartial()) {
                deliveries.add(d);
            }
        });
        r.open();
        pump();
        return r;
    }

    /**
     * A PeekLock receiver asking for a session: {@code sessionId} names one, null asks for the next available;
     * {@code timeoutMillis} becomes the {@code com.microsoft:timeout} link property (a uint, as Java sends it) when
     * not null. The attach is sent; whether and how the broker answered is for the test to look at.
     */
    Receiver sessionReceiver(String address, String sessionId, Long timeoutMillis, List<IncomingDelivery> deliveries) {
        Map<Symbol, Object> filter = new java.util.HashMap<>();
        filter.put(Symbol.valueOf("com.microsoft:session-filter"), sessionId);
        Receiver r = session.receiver("session-receiver-" + nextMessageId++)
                .setSource(new Source().setAddress(address).setFilter(filter))
                .setTarget(new Target().setAddress("client-" + address))
                .setSenderSettleMode(SenderSettleMode.UNSETTLED).setReceiverSettleMode(ReceiverSettleMode.SECOND);
        if (timeoutMillis != null) {
            r.setProperties(Map.of(Symbol.valueOf("com.microsoft:timeout"), UnsignedInteger.valueOf(timeoutMillis)));
        }
        r.deliveryReadHandler(d -> {
            if (!d.isPartial()) {
                deliveries.add(d);
            }
        });
        r.open();
        pump();
        return r;
    }

    OutgoingDelivery send(Sender sender, byte[] payload, boolean settled) {
        return send(sender, payload, settled, 0);
    }

    OutgoingDelivery send(Sender sender, byte[] payload, boolean settled, int messageFormat) {
        OutgoingDelivery d = sender.next();
        d.setTag(new byte[] {(byte) nextMessageId++});
        d.setMessageFormat(messageFormat);
        if (settled) {
            d.settle();
        }
        d.writeBytes(ProtonByteArrayBufferAllocator.wrapped(payload));
        return d;
    }

    @Override
    public void close() {
        if (ownsBroker) {
            broker.close();
        }
    }

    /**
     * The connection's "event loop" is the test thread; posted tasks wait for {@link #pump()}, timers for the manual
     * clock to pass their time ({@link #runDueTimers()}).
     */
    static final class LoopTransport implements Transport {
        final Deque<byte[]> toServer = new ArrayDeque<>();
        final ByteArrayOutputStream toClient = new ByteArrayOutputStream();
        final Deque<Runnable> tasks = new ArrayDeque<>();
        private final ManualTimeSource time;
        private final List<Timer> timers = new ArrayList<>();
        boolean closed;

        private record Timer(long at, Runnable task, boolean[] cancelled) {
        }

        LoopTransport(ManualTimeSource time) {
            this.time = time;
        }

        /** Runs, in due order, the timers whose time has come on the manual clock. */
        void runDueTimers() {
            while (true) {
                Timer next = timers.stream().filter(t -> !t.cancelled()[0] && t.at() <= time.now())
                        .min(java.util.Comparator.comparingLong(Timer::at)).orElse(null);
                if (next == null) {
                    timers.removeIf(t -> t.cancelled()[0]);
                    return;
                }
                timers.remove(next);
                next.task().run();
            }
        }

        /** Disposition frames written to the client so far (the engine writes one frame per call). */
        int dispositionFrames;

        @Override
        public void write(byte[] bytes) {
            // Frame header (8 bytes with doff 2), then the performative's descriptor: 0x00 0x53 0x15 = disposition.
            if (bytes.length > 10 && bytes[8] == 0x00 && bytes[9] == 0x53 && bytes[10] == 0x15) {
                dispositionFrames++;
            }
            toClient.writeBytes(bytes);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public boolean inLoop() {
            return true;
        }

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        @Override
        public Runnable schedule(Runnable task, long delayMillis) {
            Timer timer = new Timer(time.now() + delayMillis, task, new boolean[1]);
            timers.add(timer);
            return () -> timer.cancelled()[0] = true;
        }
    }
}
