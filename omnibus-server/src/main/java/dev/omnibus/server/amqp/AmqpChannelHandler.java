package dev.omnibus.server.amqp;

import dev.omnibus.core.Broker;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.protonj2.buffer.ProtonBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects one Netty channel to one {@link AmqpConnection}: bytes read go into the engine, the engine's output is
 * written to the channel and flushed once per read batch, and the channel's event loop is the connection's thread.
 */
final class AmqpChannelHandler extends ChannelInboundHandlerAdapter implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpChannelHandler.class);
    private static final int PENDING_START_BYTES = 64 * 1024;

    private final Broker broker;
    private final AmqpServerOptions options;
    private final Runnable onIdleLinkDetached;
    private Channel channel;
    private AmqpConnection connection;
    /**
     * The engine's output since the last flush, gathered in one pooled direct buffer: a burst of frames (transfers,
     * dispositions, flows) becomes one buffer and one system call, instead of a heap buffer per frame that Netty
     * copies to a direct one on its own. Confined to the event loop.
     */
    private ByteBuf pending;

    AmqpChannelHandler(Broker broker, AmqpServerOptions options, Runnable onIdleLinkDetached) {
        this.broker = broker;
        this.options = options;
        this.onIdleLinkDetached = onIdleLinkDetached;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        connection = new AmqpConnection(this, broker, options, onIdleLinkDetached);
        connection.start();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof ByteBuf buf) {
                int incoming = buf.readableBytes();
                byte[] data = connection.readBuffer(incoming);
                buf.readBytes(data, data.length - incoming, incoming);
                connection.ingestRead(data);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        connection.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        if (connection != null) {
            connection.transportClosed();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("AMQP channel {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    // ---- Transport -------------------------------------------------------------------------------------------

    @Override
    public void write(byte[] bytes) {
        if (!channel.isActive()) {
            return;
        }
        room(bytes.length).writeBytes(bytes);
    }

    @Override
    public void write(ProtonBuffer buffer) {
        int length = buffer.getReadableBytes();
        if (!channel.isActive()) {
            buffer.advanceReadOffset(length);
            return;
        }
        // Straight from the engine's buffer into the pooled one: no array in between.
        room(length);
        buffer.copyInto(buffer.getReadOffset(), pending.nioBuffer(pending.writerIndex(), length), 0, length);
        pending.writerIndex(pending.writerIndex() + length);
        buffer.advanceReadOffset(length);
    }

    /**
     * The pending buffer, with room for {@code length} more bytes. A full one is queued on the channel (written with
     * the rest, in one system call, at the next flush) rather than grown: growing copies everything it holds.
     */
    private ByteBuf room(int length) {
        if (pending != null && pending.writableBytes() < length) {
            channel.write(pending, channel.voidPromise());
            pending = null;
        }
        if (pending == null) {
            pending = channel.alloc().directBuffer(Math.max(PENDING_START_BYTES, length));
        }
        return pending;
    }

    @Override
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

    @Override
    public void close() {
        flush();
        if (channel.isOpen()) {
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public boolean inLoop() {
        return channel.eventLoop().inEventLoop();
    }

    @Override
    public void execute(Runnable task) {
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            // The server is shutting down; the broker goes with it.
            LOG.debug("Event loop rejected a task: {}", e.toString());
        }
    }

    @Override
    public Runnable schedule(Runnable task, long delayMillis) {
        Future<?> f = channel.eventLoop().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }
}
