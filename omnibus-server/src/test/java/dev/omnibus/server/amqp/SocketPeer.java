package dev.omnibus.server.amqp;

import static org.awaitility.Awaitility.await;

import dev.omnibus.amqp.SasToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
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
import org.apache.qpid.protonj2.types.UnsignedLong;
import org.apache.qpid.protonj2.types.messaging.AmqpValue;
import org.apache.qpid.protonj2.types.messaging.ApplicationProperties;
import org.apache.qpid.protonj2.types.messaging.Properties;
import org.apache.qpid.protonj2.types.messaging.Source;
import org.apache.qpid.protonj2.types.messaging.Target;
import org.apache.qpid.protonj2.types.transport.ReceiverSettleMode;
import org.apache.qpid.protonj2.types.transport.SenderSettleMode;

/**
 * A protonj2 client engine over a real socket to a running listener, naming a host in its SASL init and OPEN, as
 * the SDKs do. Everything runs on the test thread: {@link #until} moves bytes both ways until a condition holds
 * (Awaitility, polling on this thread), so tests wait for what the server does instead of sleeping.
 */
final class SocketPeer implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Engine client = EngineFactory.PROTON.createEngine();
    private final Connection connection;
    private Session session;
    private long nextId = 1;

    SocketPeer(int port, String hostname) throws IOException {
        socket = new Socket("127.0.0.1", port);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        client.outputConsumer(this::write);
        client.saslDriver().client().setListener(new SaslClientListener() {
            @Override
            public void handleSaslMechanisms(SaslClientContext context, Symbol[] mechanisms) {
                context.sendChosenMechanism(Symbol.valueOf("ANONYMOUS"), hostname, null);
            }

            @Override
            public void handleSaslChallenge(SaslClientContext context, ProtonBuffer challenge) {
            }

            @Override
            public void handleSaslOutcome(SaslClientContext context, SaslOutcome outcome, ProtonBuffer additional) {
            }
        });
        connection = client.start().setContainerId("socket-peer").setHostname(hostname);
    }

    /** Opens the connection and a session, and puts a namespace-wide token for {@code audience}. */
    SocketPeer open(String audience) {
        connection.open();
        session = connection.session().open();
        until(session::isRemotelyOpen);
        putToken(audience);
        return this;
    }

    /** Moves bytes until {@code condition} holds; fails after 10 s. */
    void until(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    pumpOnce();
                    return condition.getAsBoolean();
                });
    }

    private void pumpOnce() throws IOException {
        int available = in.available();
        if (available > 0) {
            byte[] bytes = in.readNBytes(available);
            client.ingest(ProtonByteArrayBufferAllocator.wrapped(bytes));
        }
    }

    private void write(ProtonBuffer buffer) {
        byte[] bytes = new byte[buffer.getReadableBytes()];
        buffer.copyInto(buffer.getReadOffset(), bytes, 0, bytes.length);
        buffer.advanceReadOffset(bytes.length);
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void putToken(String audience) {
        String token = SasToken.create(audience, TestPeer.KEY_NAME, TestPeer.KEY, Instant.now().plusSeconds(600))
                .text();
        Sender requests = session.sender("cbs-requests").setSource(new Source().setAddress("cbs-reply"))
                .setTarget(new Target().setAddress("$cbs")).setSenderSettleMode(SenderSettleMode.SETTLED).open();
        Receiver responses = session.receiver("cbs-responses").setSource(new Source().setAddress("$cbs"))
                .setTarget(new Target().setAddress("cbs-reply")).open();
        List<IncomingDelivery> answers = new ArrayList<>();
        responses.deliveryReadHandler(d -> {
            if (!d.isPartial()) {
                answers.add(d);
            }
        });
        responses.addCredit(1);
        until(() -> requests.isRemotelyOpen() && requests.getCredit() > 0);
        send(requests, ProtonCodec.encode(new Properties().setMessageId(UnsignedLong.valueOf(nextId++))
                        .setReplyTo("cbs-reply"), new ApplicationProperties(Map.of("operation", "put-token",
                        "type", "servicebus.windows.net:sastoken", "name", audience)), new AmqpValue<>(token)),
                true);
        until(() -> !answers.isEmpty());
    }

    /** A PeekLock receiver on {@code address} with some credit; deliveries are collected in {@code deliveries}. */
    Receiver receiver(String address, List<IncomingDelivery> deliveries) {
        Receiver r = session.receiver(address + "-receiver-" + nextId++)
                .setSource(new Source().setAddress(address)).setTarget(new Target().setAddress("client-" + address))
                .setSenderSettleMode(SenderSettleMode.UNSETTLED).setReceiverSettleMode(ReceiverSettleMode.SECOND);
        r.deliveryReadHandler(d -> {
            if (!d.isPartial()) {
                deliveries.add(d);
            }
        });
        r.open();
        r.addCredit(10);
        until(r::isRemotelyOpen);
        return r;
    }

    Sender sender(String address) {
        Sender s = session.sender(address + "-sender-" + nextId++).setSource(new Source())
                .setTarget(new Target().setAddress(address)).setSenderSettleMode(SenderSettleMode.UNSETTLED).open();
        until(() -> s.isRemotelyOpen() && s.getCredit() > 0);
        return s;
    }

    OutgoingDelivery send(Sender sender, byte[] payload, boolean settled) {
        OutgoingDelivery d = sender.next();
        d.setTag(new byte[] {(byte) nextId++});
        if (settled) {
            d.settle();
        }
        d.writeBytes(ProtonByteArrayBufferAllocator.wrapped(payload));
        return d;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
