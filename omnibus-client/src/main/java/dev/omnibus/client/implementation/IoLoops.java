package dev.omnibus.client.implementation;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.util.concurrent.ThreadFactory;

/**
 * The client's Netty transport: native epoll on Linux when its library loads, NIO elsewhere. A blocking receive or
 * settlement is a round trip of wake-ups, and epoll wakes and reads with fewer system calls than the JDK selector.
 * {@code -Domnibus.transport=nio} forces NIO; it is read whenever a client is made.
 */
final class IoLoops {
    private IoLoops() {
    }

    /** A group whose loops stay awake while {@code wake} wants them to. */
    static EventLoopGroup group(int threads, ThreadFactory factory, IoWake wake) {
        boolean epoll = !"nio".equalsIgnoreCase(System.getProperty("omnibus.transport")) && Epoll.isAvailable();
        return epoll ? new EpollEventLoopGroup(threads, factory, wake::strategy)
                : new NioEventLoopGroup(threads, factory, SelectorProvider.provider(), wake::strategy);
    }

    /** The socket channel type that runs on {@code loop}. */
    static Class<? extends SocketChannel> channelFor(EventLoop loop) {
        return loop.parent() instanceof EpollEventLoopGroup ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
