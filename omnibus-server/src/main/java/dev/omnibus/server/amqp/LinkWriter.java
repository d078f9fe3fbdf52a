package dev.omnibus.server.amqp;

import org.apache.qpid.protonj2.buffer.ProtonBuffer;
import org.apache.qpid.protonj2.buffer.impl.ProtonByteArrayBufferAllocator;
import org.apache.qpid.protonj2.engine.OutgoingDelivery;
import org.apache.qpid.protonj2.engine.Sender;

/**
 * Writes whole messages on a link the broker sends on. The engine splits a message into frames as the peer's session
 * window allows; when the window closes in the middle of a message the rest waits here and {@link #resume()} goes on
 * with it once the link is sendable again. Confined to the connection's event loop.
 */
final class LinkWriter {
    private final Sender sender;
    private OutgoingDelivery current;
    private ProtonBuffer remaining;
    private long nextTag;

    LinkWriter(Sender sender) {
        this.sender = sender;
    }

    /** Whether a new message can start now: the link has credit and window, and no message is half written. */
    boolean ready() {
        return current == null && isOpen() && sender.isSendable();
    }

    boolean isOpen() {
        return sender.isLocallyOpen() && sender.isRemotelyOpen();
    }

    /**
     * Starts a delivery. Call only when {@link #ready()}.
     *
     * @param tag the delivery tag, or null for a counter
     * @param settled whether the delivery is sent pre-settled
     * @param linked attached to the delivery, read back when its disposition arrives
     */
    OutgoingDelivery send(byte[] tag, boolean settled, byte[] payload, Object linked) {
        return send(tag, settled, ProtonByteArrayBufferAllocator.wrapped(payload), linked);
    }

    /** As above, with the encoded message in an engine buffer (which the delivery consumes). */
    OutgoingDelivery send(byte[] tag, boolean settled, ProtonBuffer buffer, Object linked) {
        OutgoingDelivery d = sender.next();
        d.setTag(tag != null ? tag : counterTag());
        d.setMessageFormat(0);
        if (linked != null) {
            d.setLinkedResource(linked);
        }
        if (settled) {
            d.settle();
        }
        d.writeBytes(buffer);
        if (buffer.isReadable()) {
            current = d;
            remaining = buffer;
        }
        return d;
    }

    /** Continues a message the window interrupted; returns true when no message is left half written. */
    boolean resume() {
        if (current == null) {
            return true;
        }
        if (!isOpen()) {
            current = null;
            remaining = null;
            return true;
        }
        if (sender.isSendable()) {
            current.streamBytes(remaining, true);
            if (!remaining.isReadable()) {
                current = null;
                remaining = null;
            }
        }
        return current == null;
    }

    private byte[] counterTag() {
        long t = nextTag++;
        return new byte[] {(byte) (t >>> 24), (byte) (t >>> 16), (byte) (t >>> 8), (byte) t};
    }
}
