package dev.omnibus.server;

import io.netty.channel.ChannelPipeline;
import java.util.function.Consumer;

/** The started AMQP listener, as the composition root needs to see it. */
public interface Listener extends AutoCloseable {
    /** The bound port (the real one when started on port 0). */
    int port();

    /** The bound AMQPS port, or -1 when there is none. */
    default int tlsPort() {
        return -1;
    }

    /**
     * Where HTTP listeners hand connections they upgraded to AMQP over WebSockets (see
     * {@link dev.omnibus.server.amqp.AmqpServer#webSocketAcceptor()}), or null when this listener takes none.
     */
    default Consumer<ChannelPipeline> webSocketAcceptor() {
        return null;
    }

    /** How many links were detached because they stayed idle for the link idle timeout. */
    default long idleLinksDetached() {
        return 0;
    }

    /** Stops listening and closes its connections. */
    @Override
    void close();
}
