package dev.omnibus.server.amqp;

import dev.omnibus.core.Broker;
import dev.omnibus.server.net.PendingOutput;
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

    private final Broker broker;
    private final AmqpServerOptions options;
    private final Runnable onIdleLinkDetached;
    private Channel channel;
    private AmqpConnection connection;
    /** The engine's output since the last flush. */
    private PendingOutput pending;

    AmqpChannelHandler(Broker broker, AmqpServerOptions options, Runnable onIdleLinkDetached) {
        this.broker = broker;
        this.options = options;
        this.onIdleLinkDetached = onIdleLinkDetached;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        pending = new PendingOutput(channel);
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
        pending.write(bytes);
    }

    @Override
    public void write(ProtonBuffer buffer) {
        int length = buffer.getReadableBytes();
        if (!channel.isActive()) {
            buffer.advanceReadOffset(length);
            return;
        }
        pending.write(buffer);
    }

    @Override
    public void flush() {
        if (pending != null) {
            pending.flush();
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
