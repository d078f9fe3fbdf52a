package dev.omnibus.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.apache.qpid.protonj2.buffer.ProtonBuffer;

/**
 * A channel's output since its last flush, gathered in pooled direct buffers: a burst of frames (transfers,
 * dispositions, flows) becomes one system call, instead of a heap buffer per frame that Netty copies to a direct one
 * on its own. A full buffer is queued on the channel (written with the rest at the flush) rather than grown: growing
 * copies everything it holds. Confined to the channel's event loop.
 */
public final class PendingOutput {
    private static final int START_BYTES = 64 * 1024;

    private final Channel channel;
    private ByteBuf pending;

    public PendingOutput(Channel channel) {
        this.channel = channel;
    }

    /** Adds {@code bytes}. */
    public void write(byte[] bytes) {
        room(bytes.length).writeBytes(bytes);
    }

    /** Adds what {@code buffer} holds, straight from it (no array in between), and consumes it. */
    public void write(ProtonBuffer buffer) {
        int length = buffer.getReadableBytes();
        ByteBuf out = room(length);
        buffer.copyInto(buffer.getReadOffset(), out.nioBuffer(out.writerIndex(), length), 0, length);
        out.writerIndex(out.writerIndex() + length);
        buffer.advanceReadOffset(length);
    }

    /** Writes and flushes everything gathered; dropped if the channel is no longer active. */
    public void flush() {
        ByteBuf out = pending;
        pending = null;
        if (out == null) {
            return;
        }
        if (channel.isActive()) {
            channel.writeAndFlush(out, channel.voidPromise());
        } else {
            out.release();
        }
    }

    /** Drops what was gathered and not yet queued (the channel has closed). */
    public void release() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    private ByteBuf room(int length) {
        if (pending != null && pending.writableBytes() < length) {
            channel.write(pending, channel.voidPromise());
            pending = null;
        }
        if (pending == null) {
            pending = channel.alloc().directBuffer(Math.max(START_BYTES, length));
        }
        return pending;
    }
}
