package dev.omnibus.server.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;

/**
 * The listeners' Netty transport: native epoll on Linux when its library loads, NIO elsewhere. Epoll wakes a loop
 * and reads a socket with fewer system calls and copies than the JDK selector, which shows in a broker whose
 * round trips are mostly wake-ups. {@code -Domnibus.transport=nio} forces NIO (to compare, or to rule it out); it is
 * read whenever a group is made.
 */
public final class EventLoops {
    private EventLoops() {
    }

    /** A group of {@code threads} event loops of the chosen transport. */
    public static EventLoopGroup group(int threads, ThreadFactory factory) {
        boolean epoll = !"nio".equalsIgnoreCase(System.getProperty("omnibus.transport")) && Epoll.isAvailable();
        return epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    /** The listening channel type that runs on {@code group}. */
    public static Class<? extends ServerChannel> serverChannel(EventLoopGroup group) {
        return group instanceof EpollEventLoopGroup ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The connecting channel type that runs on {@code group} (for load generators that share the transport). */
    public static Class<? extends SocketChannel> socketChannel(EventLoopGroup group) {
        return group instanceof EpollEventLoopGroup ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** "epoll" or "nio": what {@code group} runs on, for logs. */
    public static String name(EventLoopGroup group) {
        return group instanceof EpollEventLoopGroup ? "epoll" : "nio";
    }
}
