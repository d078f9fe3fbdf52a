package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.qpid.protonj2.buffer.ProtonBuffer;
import org.apache.qpid.protonj2.engine.AMQPPerformativeEnvelopePool;
import org.apache.qpid.protonj2.engine.Engine;
import org.apache.qpid.protonj2.engine.EngineFactory;
import org.apache.qpid.protonj2.engine.EngineHandler;
import org.apache.qpid.protonj2.engine.EngineHandlerContext;
import org.apache.qpid.protonj2.engine.HeaderEnvelope;
import org.apache.qpid.protonj2.engine.IncomingAMQPEnvelope;
import org.apache.qpid.protonj2.engine.OutgoingAMQPEnvelope;
import org.apache.qpid.protonj2.engine.SASLEnvelope;
import org.apache.qpid.protonj2.engine.exceptions.EngineFailedException;
import org.apache.qpid.protonj2.types.messaging.Accepted;
import org.apache.qpid.protonj2.types.messaging.Released;
import org.apache.qpid.protonj2.types.transport.DeliveryState;
import org.apache.qpid.protonj2.types.transport.Disposition;
import org.apache.qpid.protonj2.types.transport.Flow;
import org.apache.qpid.protonj2.types.transport.Performative;
import org.apache.qpid.protonj2.types.transport.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link DispositionRanges} lets through, and when, given the engine's one-disposition-per-delivery writes. */
class DispositionRangesTest {
    private final AMQPPerformativeEnvelopePool<OutgoingAMQPEnvelope> pool =
            AMQPPerformativeEnvelopePool.outgoingEnvelopePool();
    private final DispositionRanges ranges = new DispositionRanges();
    private final Recorder next = new Recorder();

    @BeforeEach
    void add() {
        ranges.handlerAdded(next);
    }

    @Test
    void consecutiveAcceptancesOfASessionBecomeOneRangeAtTheFlush() {
        for (long id = 5; id <= 9; id++) {
            write(accepted(id), 1);
        }
        assertThat(next.written).as("held until released").isEmpty();

        ranges.release();

        assertThat(next.written).containsExactly("disposition 5..9 on 1");
        ranges.release();
        assertThat(next.written).as("nothing left to send").hasSize(1);
    }

    @Test
    void aGapAnotherChannelOrAnotherFrameEndsTheRangeAndKeepsTheOrder() {
        write(accepted(1), 0);
        write(accepted(2), 0);
        write(accepted(4), 0); // gap
        write(accepted(5), 3); // other session
        write(new Flow().setNextIncomingId(9).setIncomingWindow(10).setNextOutgoingId(1).setOutgoingWindow(10), 3);
        write(disposition(6, Released.getInstance()), 3); // not an acceptance: sent as it is
        write(accepted(7), 3);
        ranges.release();

        assertThat(next.written).containsExactly("disposition 1..2 on 0", "disposition 4 on 0", "disposition 5 on 3",
                "flow on 3", "disposition 6 Released on 3", "disposition 7 on 3");
    }

    @Test
    void aRangeNeverWrapsPastTheLastDeliveryId() {
        write(accepted(0xFFFF_FFFEL), 0);
        write(accepted(0xFFFF_FFFFL), 0);
        write(accepted(0), 0);
        ranges.release();

        assertThat(next.written).containsExactly("disposition 4294967294..4294967295 on 0", "disposition 0 on 0");
    }

    @Test
    void theEngineShutdownNoticeEndsHereInsteadOfCirclingAtThePipelineTail() {
        Engine engine = EngineFactory.PROTON.createNonSaslEngine();
        engine.pipeline().addFirst("omnibus-disposition-ranges", new DispositionRanges());
        int[] seenAfter = new int[1];
        engine.pipeline().addLast("after", new EngineHandler() {
            @Override
            public void handleEngineStateChanged(EngineHandlerContext context) {
                seenAfter[0]++;
                context.fireEngineStateChanged();
            }
        });
        engine.start();

        engine.shutdown();

        assertThat(engine.isShutdown()).isTrue();
        assertThat(seenAfter[0]).as("the notice stops at DispositionRanges, before the self-forwarding tail").isZero();
    }

    private void write(Performative performative, int channel) {
        ranges.handleWrite(next, pool.take(performative, channel, null));
    }

    private static Disposition accepted(long id) {
        return disposition(id, Accepted.getInstance());
    }

    private static Disposition disposition(long id, DeliveryState state) {
        return new Disposition().setRole(Role.RECEIVER).setFirst(id).setSettled(true).setState(state);
    }

    /** The next handler in the pipeline: records what reaches it, in order. */
    private static final class Recorder implements EngineHandlerContext {
        final List<String> written = new ArrayList<>();

        @Override
        public void fireWrite(OutgoingAMQPEnvelope envelope) {
            if (envelope.getBody() instanceof Disposition d) {
                String state = d.getState() instanceof Accepted ? "" : " " + d.getState().getClass().getSimpleName();
                written.add("disposition " + d.getFirst() + (d.hasLast() ? ".." + d.getLast() : "") + state + " on "
                        + envelope.getChannel());
            } else {
                written.add(envelope.getBody().getPerformativeType().name().toLowerCase() + " on "
                        + envelope.getChannel());
            }
        }

        @Override
        public EngineHandler handler() {
            return null;
        }

        @Override
        public Engine engine() {
            return null;
        }

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public void fireEngineStarting() {
        }

        @Override
        public void fireEngineStateChanged() {
        }

        @Override
        public void fireFailed(EngineFailedException failure) {
        }

        @Override
        public void fireRead(ProtonBuffer buffer) {
        }

        @Override
        public void fireRead(HeaderEnvelope header) {
        }

        @Override
        public void fireRead(SASLEnvelope envelope) {
        }

        @Override
        public void fireRead(IncomingAMQPEnvelope envelope) {
        }

        @Override
        public void fireWrite(SASLEnvelope envelope) {
            written.add("sasl");
        }

        @Override
        public void fireWrite(HeaderEnvelope envelope) {
            written.add("header");
        }

        @Override
        public void fireWrite(ProtonBuffer buffer, Runnable ioComplete) {
            written.add("bytes");
        }
    }
}
