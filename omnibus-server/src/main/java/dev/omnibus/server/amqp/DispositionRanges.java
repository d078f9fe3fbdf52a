package dev.omnibus.server.amqp;

import org.apache.qpid.protonj2.buffer.ProtonBuffer;
import org.apache.qpid.protonj2.engine.AMQPPerformativeEnvelopePool;
import org.apache.qpid.protonj2.engine.EngineHandler;
import org.apache.qpid.protonj2.engine.EngineHandlerContext;
import org.apache.qpid.protonj2.engine.HeaderEnvelope;
import org.apache.qpid.protonj2.engine.OutgoingAMQPEnvelope;
import org.apache.qpid.protonj2.engine.SASLEnvelope;
import org.apache.qpid.protonj2.engine.impl.ProtonEngineHandlerContext;
import org.apache.qpid.protonj2.types.messaging.Accepted;
import org.apache.qpid.protonj2.types.transport.Disposition;
import org.apache.qpid.protonj2.types.transport.Role;

/**
 * First handler of a connection's engine pipeline: sends the broker's acknowledgements of received transfers as
 * ranges. The engine writes one disposition frame per delivery; a burst of durable sends is acknowledged together,
 * so consecutive "accepted, settled" dispositions of one session are held and go out as one frame with
 * {@code first}..{@code last}, as AMQP 1.0 allows (section 2.7.6) and every client library reads. That spares the
 * broker the encoding and the client the decoding of a frame per message. Anything else the engine writes first
 * releases what is held, so frames keep their order; {@link #release()} runs before every flush to the network.
 * Confined to the connection's event loop, like the engine.
 */
final class DispositionRanges implements EngineHandler {
    private static final long MAX_DELIVERY_ID = 0xFFFF_FFFFL;

    private final AMQPPerformativeEnvelopePool<OutgoingAMQPEnvelope> envelopes =
            AMQPPerformativeEnvelopePool.outgoingEnvelopePool();
    private EngineHandlerContext context;
    private boolean holding;
    private int channel;
    private long first;
    private long last;

    @Override
    public void handlerAdded(EngineHandlerContext context) {
        this.context = context;
        if (context instanceof ProtonEngineHandlerContext proton) {
            proton.interestMask(ProtonEngineHandlerContext.HANDLER_WRITES); // reads pass by without a call
        }
    }

    /**
     * Ends the engine's shutdown notice here. No handler of the engine uses it, and the pipeline's tail passes it on
     * to itself: left to travel, every connection's shutdown recursed until the stack overflowed, costing its event
     * loop milliseconds per closed connection. Nothing held is sent: the engine shuts down when its transport has
     * closed ({@link AmqpConnection} releases before it closes the transport itself).
     */
    @Override
    public void handleEngineStateChanged(EngineHandlerContext context) {
    }

    @Override
    public void handleWrite(EngineHandlerContext context, OutgoingAMQPEnvelope envelope) {
        if (envelope.getBody() instanceof Disposition d && isSettledAcceptance(d)) {
            long id = d.getFirst();
            int on = envelope.getChannel();
            if (!holding || on != channel || last == MAX_DELIVERY_ID || id != last + 1) {
                release();
                holding = true;
                channel = on;
                first = id;
            }
            last = id;
            envelope.handleOutgoingFrameWriteComplete(); // written as part of the range: back to the engine's pool
            return;
        }
        release();
        context.fireWrite(envelope);
    }

    @Override
    public void handleWrite(EngineHandlerContext context, HeaderEnvelope envelope) {
        release();
        context.fireWrite(envelope);
    }

    @Override
    public void handleWrite(EngineHandlerContext context, SASLEnvelope envelope) {
        release();
        context.fireWrite(envelope);
    }

    @Override
    public void handleWrite(EngineHandlerContext context, ProtonBuffer buffer, Runnable ioComplete) {
        release();
        context.fireWrite(buffer, ioComplete);
    }

    /** Writes the range held so far, if any. */
    void release() {
        if (!holding) {
            return;
        }
        holding = false;
        Disposition range = new Disposition().setRole(Role.RECEIVER).setFirst(first).setSettled(true)
                .setState(Accepted.getInstance());
        if (last != first) {
            range.setLast(last);
        }
        context.fireWrite(envelopes.take(range, channel, null));
    }

    private static boolean isSettledAcceptance(Disposition d) {
        return d.getRole() == Role.RECEIVER && d.getSettled() && !d.getBatchable() && !d.hasLast()
                && d.getState() instanceof Accepted;
    }
}
