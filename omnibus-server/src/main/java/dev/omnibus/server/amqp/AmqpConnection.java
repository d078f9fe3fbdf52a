package dev.omnibus.server.amqp;

import dev.omnibus.amqp.FrameAssembler;
import dev.omnibus.core.Broker;
import dev.omnibus.core.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.buffer.ProtonBuffer;
import org.apache.qpid.protonj2.buffer.ProtonBufferComponent;
import org.apache.qpid.protonj2.buffer.ProtonBufferComponentAccessor;
import org.apache.qpid.protonj2.buffer.impl.ProtonByteArrayBufferAllocator;
import org.apache.qpid.protonj2.engine.Connection;
import org.apache.qpid.protonj2.engine.Engine;
import org.apache.qpid.protonj2.engine.EngineFactory;
import org.apache.qpid.protonj2.engine.IncomingDelivery;
import org.apache.qpid.protonj2.engine.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMQP connection: a protonj2 engine fed with the bytes the client sends, its output written to the
 * {@link Transport}, and its time advanced by timers for idle-timeout handling. The host the client names in its
 * OPEN (or SASL init) chooses the namespace; sessions are accepted as they come; links are routed by
 * {@link LinkDispatcher}, and entity links that stay idle are detached by {@link IdleLinks}.
 *
 * <p>Confined to one thread, the transport's event loop. Work that finishes elsewhere (entity mailboxes) comes back
 * through {@link #post(Runnable)} or {@link #execute(Runnable)}. Every entry point flushes the output when it is done.
 */
final class AmqpConnection {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpConnection.class);
    /** Largest frame the client may send us. */
    private static final int MAX_FRAME_SIZE = 256 * 1024;

    private final Transport transport;
    private final Broker broker;
    private final AmqpServerOptions options;
    private final Engine engine;
    private final DispositionRanges ranges = new DispositionRanges();
    private final Grants grants = new Grants();
    private final ReplyRouter replies = new ReplyRouter();
    private final List<OutgoingLink> outgoing = new ArrayList<>();
    private final FrameAssembler frameAssembler = new FrameAssembler(MAX_FRAME_SIZE);
    private final IdleLinks idleLinks;
    private final SaslAuthenticator sasl;
    /** Set when the client opens the connection: its host chose the namespace. */
    private LinkDispatcher links;
    private Runnable cancelTick;
    private boolean closed;

    AmqpConnection(Transport transport, Broker broker, AmqpServerOptions options) {
        this(transport, broker, options, () -> { });
    }

    /**
     * @param onIdleLinkDetached told each time a link of this connection is detached for idleness
     */
    AmqpConnection(Transport transport, Broker broker, AmqpServerOptions options, Runnable onIdleLinkDetached) {
        this.transport = transport;
        this.broker = broker;
        this.options = options;
        this.engine = EngineFactory.PROTON.createEngine();
        engine.pipeline().addFirst("omnibus-disposition-ranges", ranges);
        this.idleLinks = new IdleLinks(options.linkIdleTimeout(), this::activityNow, this::scheduleThenFlush,
                onIdleLinkDetached);
        this.sasl = new SaslAuthenticator(options.accessPolicies(), grants);
    }

    /** Starts the engine; the client speaks first. */
    void start() {
        engine.configuration().setTraceFrames(options.traceFrames());
        engine.outputConsumer(this::write);
        engine.errorHandler(e -> onEngineFailed());
        engine.saslDriver().server().setListener(sasl);
        Connection connection = engine.start();
        connection.openHandler(this::onRemoteOpen);
        connection.closeHandler(this::onRemoteClose);
        connection.sessionOpenHandler(this::onSessionOpen);
        // Links can only come after the OPEN, which creates the dispatcher.
        connection.senderOpenHandler(link -> links.clientReceiverAttached(link));
        connection.receiverOpenHandler(link -> links.clientSenderAttached(link));
    }

    /** Bytes from the client. */
    void ingest(byte[] bytes) {
        byte[] data = readBuffer(bytes.length);
        System.arraycopy(bytes, 0, data, data.length - bytes.length, bytes.length);
        ingestRead(data);
    }

    /**
     * An array for {@code incoming} bytes from the client, to fill at its end (what comes before is the kept start
     * of a frame) and pass to {@link #ingestRead}: each byte read is copied once on its way to the engine.
     */
    byte[] readBuffer(int incoming) {
        return frameAssembler.buffer(incoming);
    }

    /** Takes an array from {@link #readBuffer}, filled. */
    void ingestRead(byte[] data) {
        if (closed || engine.isFailed() || engine.isShutdown()) {
            return;
        }
        boolean began = beginActivity();
        try {
            // Whole frames only: protonj2 1.1.0 mis-decodes some frames it has to piece together (FrameAssembler).
            int frames = frameAssembler.wholeFrames(data);
            if (frames > 0) {
                engine.ingest(ProtonByteArrayBufferAllocator.wrapped(data, 0, frames));
            }
        } catch (RuntimeException e) {
            // The engine has failed (malformed frame, protocol violation): only this connection goes.
            LOG.debug("AMQP connection failed: {}", e.toString());
            onEngineFailed();
        } finally {
            endActivity(began);
        }
    }

    /** The network connection is gone: release everything the links hold. */
    void transportClosed() {
        closed = true;
        if (cancelTick != null) {
            cancelTick.run();
        }
        idleLinks.stop();
        for (OutgoingLink link : List.copyOf(outgoing)) {
            link.terminate();
        }
        outgoing.clear();
        replies.forget(null);
        if (!engine.isShutdown()) {
            engine.shutdown();
        }
    }

    /** A flush is queued on the event loop (confined to it). */
    private boolean flushPending;

    /**
     * Runs {@code task} now when on the event loop, else posts it there. On the loop but outside a read (an entity
     * turn the loop runs, see {@code LoopTurns}) nothing else would flush what the task wrote, so a flush follows.
     */
    void execute(Runnable task) {
        if (transport.inLoop()) {
            runTimed(task);
            flushSoon();
        } else {
            post(task);
        }
    }

    /**
     * Runs {@code task} on the event loop later, then flushes. Runs even after close, so resources get released.
     * The flush is itself a task queued behind those already waiting, so a burst of posts (deliveries, settlement
     * replies) goes out in one write instead of one system call each.
     */
    void post(Runnable task) {
        transport.execute(() -> {
            try {
                runTimed(task);
            } catch (RuntimeException e) {
                LOG.warn("AMQP connection task failed", e);
            }
            flushSoon();
        });
    }

    private void flushSoon() {
        if (!flushPending) {
            flushPending = true;
            transport.execute(() -> {
                flushPending = false;
                flush();
            });
        }
    }

    /** Sends what the engine has written, acknowledgements held for a range included. Event loop only. */
    void flush() {
        ranges.release();
        transport.flush();
    }

    /** The event loop as an executor (for futures that must complete there). */
    Executor loop() {
        return this::post;
    }

    ReplyRouter replies() {
        return replies;
    }

    IdleLinks idleLinks() {
        return idleLinks;
    }

    Grants grants() {
        return grants;
    }

    long now() {
        return broker.time().now();
    }

    /** The time of the read or task the event loop is running for this connection; see {@link #activityNow}. */
    private long activityTime;
    private boolean inActivity;

    /**
     * The time idle-link watches record traffic at: read once per read or task on the loop instead of once per
     * transfer, disposition and delivery (those clock reads were 4 % of the loop's time); the clock outside one.
     */
    long activityNow() {
        return inActivity ? activityTime : now();
    }

    /** Starts a read or task (not one nested in another); whether it did, for {@link #endActivity}. */
    private boolean beginActivity() {
        if (inActivity) {
            return false;
        }
        activityTime = now();
        inActivity = true;
        return true;
    }

    private void endActivity(boolean began) {
        if (began) {
            inActivity = false;
        }
    }

    /** Runs a task of this connection on the loop, with its time read once ({@link #activityNow}). */
    private void runTimed(Runnable task) {
        boolean began = beginActivity();
        try {
            task.run();
        } finally {
            endActivity(began);
        }
    }

    void track(OutgoingLink link) {
        outgoing.add(link);
    }

    void untrack(OutgoingLink link) {
        outgoing.remove(link);
    }

    private void write(ProtonBuffer buffer) {
        transport.write(buffer);
    }

    private void onRemoteOpen(Connection connection) {
        Namespace namespace = namespaceFor(connection.getRemoteHostname(), sasl.hostname());
        links = new LinkDispatcher(this, namespace,
                new CbsNode(options.accessPolicies(), broker.time(), grants));
        connection.setContainerId("omnibus-" + UUID.randomUUID());
        connection.setMaxFrameSize(MAX_FRAME_SIZE);
        connection.setIdleTimeout(options.idleTimeout().toMillis());
        // Always send the properties field: pyamqp reads performative fields by position.
        connection.setProperties(Map.of());
        connection.open();
        tick();
    }

    /**
     * The namespace the client names by host, as Service Bus does: the OPEN hostname, else the SASL hostname; a host
     * that names no namespace (localhost, an address) gets the default one.
     */
    private Namespace namespaceFor(String openHostname, String saslHostname) {
        String host = openHostname != null && !openHostname.isBlank() ? openHostname : saslHostname;
        Namespace namespace = broker.namespaceForHost(host);
        LOG.debug("AMQP connection to host {} uses namespace {}", host, namespace.name());
        return namespace;
    }

    private void onRemoteClose(Connection connection) {
        for (OutgoingLink link : List.copyOf(outgoing)) {
            link.terminate();
        }
        outgoing.clear();
        if (!connection.isLocallyClosed()) {
            connection.close();
        }
        ranges.release();
        transport.close();
    }

    private void onSessionOpen(Session session) {
        session.setProperties(Map.of());
        session.closeHandler(this::onSessionClose);
        session.open();
    }

    private void onSessionClose(Session session) {
        for (OutgoingLink link : List.copyOf(outgoing)) {
            if (link.session() == session) {
                link.terminate();
            }
        }
        replies.forget(session);
        if (!session.isLocallyClosed()) {
            session.close();
        }
    }

    private void onEngineFailed() {
        transportClosed();
        transport.close();
    }

    /** A timer on the event loop whose task's output goes out when it is done. */
    private Runnable scheduleThenFlush(Runnable task, long delayMillis) {
        return transport.schedule(() -> {
            try {
                runTimed(task);
            } catch (RuntimeException e) {
                LOG.warn("AMQP connection timer failed", e);
            }
            flush();
        }, delayMillis);
    }

    /** Lets the engine send heartbeats and enforce our idle timeout, then sleeps until its next deadline. */
    private void tick() {
        if (closed || engine.isFailed() || engine.isShutdown()) {
            return;
        }
        long now = TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
        long deadline;
        try {
            deadline = engine.tick(now);
            flush();
        } catch (RuntimeException e) {
            LOG.debug("Idle handling stopped: {}", e.toString());
            return;
        }
        if (deadline != 0) {
            cancelTick = transport.schedule(this::tick, Math.max(1, deadline - now));
        }
    }

    /** The complete payload of a delivery. */
    static byte[] readAll(IncomingDelivery delivery) {
        ProtonBuffer buffer = delivery.readAll();
        if (buffer == null) {
            return new byte[0];
        }
        int length = buffer.getReadableBytes();
        if (buffer.componentCount() == 1) {
            try (ProtonBufferComponentAccessor access = buffer.componentAccessor()) {
                ProtonBufferComponent c = access.firstReadable();
                // A transfer in one frame: the engine already copied its bytes into an array of their own.
                if (c != null && c.hasReadbleArray() && c.getReadableArrayOffset() == 0
                        && c.getReadableArrayLength() == length && c.getReadableArray().length == length) {
                    return c.getReadableArray();
                }
            }
        }
        byte[] bytes = new byte[length];
        buffer.copyInto(buffer.getReadOffset(), bytes, 0, length);
        return bytes;
    }
}
