package dev.omnibus.bench.amqp;

import dev.omnibus.amqp.FrameAssembler;
import dev.omnibus.server.net.EventLoops;
import dev.omnibus.server.net.PendingOutput;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
import org.apache.qpid.protonj2.engine.impl.ProtonDeliveryTagGenerator;
import org.apache.qpid.protonj2.engine.sasl.client.SaslAuthenticator;
import org.apache.qpid.protonj2.engine.sasl.client.SaslCredentialsProvider;
import org.apache.qpid.protonj2.engine.sasl.client.SaslMechanismSelector;
import org.apache.qpid.protonj2.types.messaging.Accepted;
import org.apache.qpid.protonj2.types.messaging.Source;
import org.apache.qpid.protonj2.types.messaging.Target;
import org.apache.qpid.protonj2.types.transport.ReceiverSettleMode;
import org.apache.qpid.protonj2.types.transport.SenderSettleMode;

/**
 * The workload of {@link AmqpLoad} driven by the protonj2 <em>engine</em> on Netty instead of protonj2-client: the
 * same links, settle modes, message encoding (durable header, message-id, 1 KB data body), windows and credit, but
 * every connection lives on one generator event loop that sends as far as its window allows and writes each burst of
 * frames (transfers, acceptances, flows) with one system call, where the client writes every frame on its own and hops
 * threads for every send and settlement. The broker sees the same AMQP 1.0 conversation, in fewer, fuller reads.
 *
 * <p>Latencies as in {@link AmqpLoad}: send-ack from writing the transfer to the broker's accepted outcome,
 * end-to-end from writing the transfer to the receiver reading it (the send time travels in the body's first 8 bytes).
 */
final class EngineLoad {
    private static final int MAX_FRAME_SIZE = 256 * 1024;

    private final AmqpLoad.Target target;
    private final AmqpLoad.Shape shape;
    private final EventLoopGroup group;
    private final long[] sentAt;
    private final long[] sendAck;
    private final long[] endToEnd;
    private final AtomicInteger nextToSend = new AtomicInteger();
    private final AtomicInteger sendAckCount = new AtomicInteger();
    private final AtomicInteger received = new AtomicInteger();
    /** Opened by the last acknowledgement or delivery of the round, or by a failure: the main thread waits on it. */
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final byte[] template;
    private final int idAt;
    private final int bodyAt;

    private EngineLoad(EventLoopGroup group, AmqpLoad.Target target, AmqpLoad.Shape shape) {
        this.target = target;
        this.shape = shape;
        this.group = group;
        this.sentAt = new long[shape.messages()];
        this.sendAck = new long[shape.messages()];
        this.endToEnd = new long[shape.messages()];
        // header(durable=true), properties(message-id="m-" + 10 digits), data(size bytes): the id and the body's
        // first 12 bytes (send time, index) are patched per message into a copy.
        byte[] header = {0x00, 0x53, 0x70, (byte) 0xc0, 0x02, 0x01, 0x41};
        byte[] id = "m-0000000000".getBytes(StandardCharsets.US_ASCII);
        byte[] properties = new byte[6];
        properties[0] = 0x00;
        properties[1] = 0x53;
        properties[2] = 0x73;
        properties[3] = (byte) 0xc0;
        properties[5] = 0x01;
        byte[] data = new byte[3 + 5 + shape.size()];
        data[0] = 0x00;
        data[1] = 0x53;
        data[2] = 0x75;
        data[3] = (byte) 0xb0;
        data[4] = (byte) (shape.size() >>> 24);
        data[5] = (byte) (shape.size() >>> 16);
        data[6] = (byte) (shape.size() >>> 8);
        data[7] = (byte) shape.size();
        template = new byte[header.length + properties.length + 2 + id.length + data.length];
        properties[4] = (byte) (1 + 2 + id.length); // the list's size: its count byte, the id's constructor and length
        int p = 0;
        System.arraycopy(header, 0, template, p, header.length);
        p += header.length;
        System.arraycopy(properties, 0, template, p, properties.length);
        p += properties.length;
        template[p++] = (byte) 0xa1; // str8 message-id
        template[p++] = (byte) id.length;
        idAt = p;
        System.arraycopy(id, 0, template, p, id.length);
        p += id.length;
        System.arraycopy(data, 0, template, p, data.length);
        bodyAt = p + 8;
    }

    /** The generator's event loops ({@code threads} of them), for one or more runs; the caller shuts them down. */
    static EventLoopGroup loops(int threads) {
        // The broker's transport choice (native epoll where it loads): the generator should take as little of the
        // machine as it can from the broker under test, whichever broker that is.
        return EventLoops.group(threads, new DefaultThreadFactory("engine-load", true));
    }

    /** Runs the workload once on the generator's event loops and returns its figures. */
    static AmqpLoad.Figures run(EventLoopGroup group, AmqpLoad.Target target, AmqpLoad.Shape shape)
            throws Exception {
        return new EngineLoad(group, target, shape).run();
    }

    private AmqpLoad.Figures run() throws Exception {
        List<Peer> peers = new ArrayList<>();
        try {
            CountDownLatch ready = new CountDownLatch(shape.receivers() + shape.senders());
            for (int r = 0; r < shape.receivers(); r++) {
                peers.add(connect(group, new Peer(false, ready)));
            }
            for (int s = 0; s < shape.senders(); s++) {
                peers.add(connect(group, new Peer(true, ready)));
            }
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(target.name() + ": links not open after 30 s", failure.get());
            }
            long start = System.nanoTime();
            for (Peer p : peers) {
                p.channel.eventLoop().execute(p::begin);
            }
            long lastProgress = System.nanoTime();
            int lastCount = -1;
            // Blocks instead of polling: a poll every millisecond was a thousand wake-ups a second on the same two
            // CPUs as the broker under test.
            while (!finished.await(1, TimeUnit.SECONDS)) {
                int now = received.get() + sendAckCount.get();
                if (now != lastCount) {
                    lastCount = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IllegalStateException(target.name() + ": no progress for 60 s; " + received.get()
                            + " received, " + sendAckCount.get() + " acknowledged of " + shape.messages());
                }
            }
            if (failure.get() != null) {
                throw new IllegalStateException(target.name() + ": the load failed", failure.get());
            }
            AmqpLoad.awaitDrained(target, 1_000_000);
            return figures((System.nanoTime() - start) / 1e9);
        } finally {
            for (Peer p : peers) {
                if (p.channel != null) {
                    p.channel.eventLoop().execute(p::close);
                    p.channel.closeFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private Peer connect(EventLoopGroup group, Peer peer) {
        peer.channel = new Bootstrap().group(group).channel(EventLoops.socketChannel(group))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(peer)
                .connect(target.host(), target.port()).syncUninterruptibly().channel();
        return peer;
    }

    private void fail(Throwable e) {
        failure.compareAndSet(null, e);
        finished.countDown();
    }

    /** Called after each count: the round ends when both reach the target. */
    private void countedOne() {
        if (received.get() >= shape.messages() && sendAckCount.get() >= shape.messages()) {
            finished.countDown();
        }
    }

    /** One connection with one session and one link, confined to its channel's event loop. */
    private final class Peer extends ChannelInboundHandlerAdapter {
        private final boolean sends;
        private final CountDownLatch ready;
        private final Engine engine = EngineFactory.PROTON.createEngine();
        private final FrameAssembler frames = new FrameAssembler(MAX_FRAME_SIZE);
        /** This sender's copy of the template, patched per message (peers may run on different loops). */
        private final byte[] message = template.clone();
        private Channel channel;
        private PendingOutput pending;
        private Sender sender;
        private Receiver receiver;
        private boolean begun;
        private int inFlight;
        private OutgoingDelivery partial;
        private ProtonBuffer partialRest;

        Peer(boolean sends, CountDownLatch ready) {
            this.sends = sends;
            this.ready = ready;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            pending = new PendingOutput(channel);
            engine.outputConsumer(pending::write); // gathered as the broker gathers its output
            engine.errorHandler(e -> fail(e.failureCause()));
            engine.saslDriver().client().setListener(new SaslAuthenticator(new SaslMechanismSelector(
                    Set.copyOf(target.connectionOptions().saslOptions().allowedMechanisms())), credentials()));
            Connection connection = engine.start();
            connection.setContainerId("engine-load-" + System.identityHashCode(this));
            connection.setHostname(target.host());
            connection.setMaxFrameSize(MAX_FRAME_SIZE);
            connection.open();
            Session session = connection.session();
            session.setIncomingCapacity(Integer.MAX_VALUE);
            session.open();
            if (sends) {
                sender = session.sender("engine-load-sender");
                sender.setTarget(new Target().setAddress(target.address()));
                sender.setSource(new Source());
                sender.setSenderSettleMode(SenderSettleMode.UNSETTLED);
                sender.setReceiverSettleMode(ReceiverSettleMode.FIRST);
                sender.setDeliveryTagGenerator(ProtonDeliveryTagGenerator.BUILTIN.POOLED.createGenerator());
                sender.openHandler(l -> ready.countDown());
                sender.creditStateUpdateHandler(l -> pump());
                sender.deliveryStateUpdatedHandler(this::onOutcome);
                sender.open();
            } else {
                receiver = session.receiver("engine-load-receiver");
                receiver.setSource(new Source().setAddress(target.address()));
                receiver.setTarget(new Target());
                receiver.setSenderSettleMode(SenderSettleMode.UNSETTLED);
                receiver.setReceiverSettleMode(ReceiverSettleMode.FIRST);
                receiver.openHandler(l -> ready.countDown());
                receiver.deliveryReadHandler(this::onDelivery);
                receiver.open();
            }
            flush();
        }

        /** Closes the AMQP connection politely, then the socket. */
        void close() {
            try {
                if (!engine.isShutdown() && !engine.isFailed()) {
                    engine.connection().close();
                    flush();
                }
            } catch (RuntimeException e) {
                // Closing anyway.
            }
            channel.close();
        }

        private SaslCredentialsProvider credentials() {
            var options = target.connectionOptions();
            return new SaslCredentialsProvider() {
                @Override
                public String vhost() {
                    return target.host();
                }

                @Override
                public String username() {
                    return options.user();
                }

                @Override
                public String password() {
                    return options.password();
                }

                @Override
                public Principal localPrincipal() {
                    return null;
                }
            };
        }

        /** The measured run starts: receivers give credit, senders fill their window. */
        void begin() {
            begun = true;
            if (receiver != null) {
                receiver.addCredit(shape.credit());
            } else {
                pump();
            }
            flush();
        }

        private void pump() {
            if (!begun) {
                return;
            }
            if (partial != null) {
                if (!sender.isSendable()) {
                    return;
                }
                partial.streamBytes(partialRest, true);
                if (partialRest.isReadable()) {
                    return;
                }
                partial = null;
                partialRest = null;
            }
            while (inFlight < shape.inFlight() && sender.isSendable() && failure.get() == null) {
                int n = nextToSend.getAndIncrement();
                if (n >= shape.messages()) {
                    return;
                }
                // The engine copies a transfer's bytes into its frame as it writes it, so one template is patched per
                // message; only what the session window holds back is copied out for later.
                byte[] message = this.message;
                for (int i = 0, v = n; i < 10; i++, v /= 10) {
                    message[idAt + 11 - i] = (byte) ('0' + v % 10);
                }
                long at = System.nanoTime();
                AmqpBytes.putLong(message, bodyAt, at);
                sentAt[n] = at;
                inFlight++;
                OutgoingDelivery d = sender.next();
                d.setLinkedResource(n);
                ProtonBuffer bytes = ProtonByteArrayBufferAllocator.wrapped(message);
                d.writeBytes(bytes);
                if (bytes.isReadable()) {
                    partial = d;
                    partialRest = ProtonByteArrayBufferAllocator.wrapped(AmqpBytes.readAll(bytes));
                    return;
                }
            }
        }

        private void onOutcome(OutgoingDelivery d) {
            if (!d.isRemotelySettled()) {
                return;
            }
            long now = System.nanoTime();
            int n = d.getLinkedResource();
            if (!(d.getRemoteState() instanceof Accepted)) {
                rejected.incrementAndGet();
            }
            sendAck[sendAckCount.getAndIncrement()] = now - sentAt[n];
            countedOne();
            d.settle();
            inFlight--;
            pump();
        }

        private void onDelivery(IncomingDelivery d) {
            if (d.isPartial()) {
                return;
            }
            long now = System.nanoTime();
            ProtonBuffer message = d.readAll();
            long at = AmqpBytes.getLong(message, AmqpBytes.bodyStart(message));
            d.disposition(Accepted.getInstance(), true);
            int i = received.getAndIncrement();
            if (i < endToEnd.length) {
                endToEnd[i] = now - at;
            }
            countedOne();
            if (receiver.getCredit() <= shape.credit() / 2) {
                receiver.addCredit(shape.credit() - receiver.getCredit());
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                // As the broker reads: each byte copied once, into the array the engine decodes whole frames from.
                ByteBuf buf = (ByteBuf) msg;
                int incoming = buf.readableBytes();
                byte[] data = frames.buffer(incoming);
                buf.readBytes(data, data.length - incoming, incoming);
                int whole = frames.wholeFrames(data);
                if (whole > 0) {
                    engine.ingest(ProtonByteArrayBufferAllocator.wrapped(data, 0, whole));
                }
            } catch (RuntimeException e) {
                fail(e);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            pending.release();
            if (!engine.isShutdown()) {
                engine.shutdown();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
            ctx.close();
        }

        private void flush() {
            pending.flush();
        }
    }

    private AmqpLoad.Figures figures(double seconds) {
        long[] acks = Arrays.copyOf(sendAck, Math.min(sendAckCount.get(), sendAck.length));
        long[] e2e = Arrays.copyOf(endToEnd, Math.min(received.get(), endToEnd.length));
        Arrays.sort(acks);
        Arrays.sort(e2e);
        return new AmqpLoad.Figures(target.name(), shape.messages(), seconds, shape.messages() / seconds,
                AmqpLoad.millis(AmqpLoad.percentile(acks, 0.50)), AmqpLoad.millis(AmqpLoad.percentile(acks, 0.99)),
                AmqpLoad.millis(AmqpLoad.percentile(e2e, 0.50)), AmqpLoad.millis(AmqpLoad.percentile(e2e, 0.99)),
                AmqpLoad.millis(e2e.length == 0 ? 0 : e2e[e2e.length - 1]), rejected.get());
    }
}
