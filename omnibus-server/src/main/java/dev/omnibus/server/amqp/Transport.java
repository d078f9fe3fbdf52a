package dev.omnibus.server.amqp;

import org.apache.qpid.protonj2.buffer.ProtonBuffer;

/**
 * What an {@link AmqpConnection} needs from the network: somewhere to write bytes, a thread it owns (the event
 * loop) and timers on it. Netty provides it in the server ({@link AmqpChannelHandler}); tests can provide their own.
 */
interface Transport {
    /** Queues bytes for the peer; {@link #flush()} sends them. */
    void write(byte[] bytes);

    /** Queues the readable bytes of an engine buffer and consumes them; transports may copy them just once. */
    default void write(ProtonBuffer buffer) {
        byte[] bytes = new byte[buffer.getReadableBytes()];
        buffer.copyInto(buffer.getReadOffset(), bytes, 0, bytes.length);
        buffer.advanceReadOffset(bytes.length);
        write(bytes);
    }

    void flush();

    /** Flushes and closes the connection. */
    void close();

    /** Whether the caller runs on the connection's thread. */
    boolean inLoop();

    /** Runs a task on the connection's thread. */
    void execute(Runnable task);

    /** Runs a task on the connection's thread after a delay; the result cancels it. */
    Runnable schedule(Runnable task, long delayMillis);
}
