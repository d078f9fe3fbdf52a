package dev.omnibus.server;

import dev.omnibus.core.Broker;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import java.util.function.Consumer;

/**
 * Starts the AMQP front door over a broker. The server takes it as a parameter so tests of the composition root,
 * configuration and HTTP side can run without the AMQP stack ({@link #none()}).
 */
@FunctionalInterface
public interface AmqpListenerFactory {
    Listener start(ServerOptions options, Broker broker) throws Exception;

    /**
     * Starts with a hook that sees each new connection's pipeline (the server uses it to answer HTTP on the AMQP
     * port). Factories that have no pipeline ignore it.
     */
    default Listener start(ServerOptions options, Broker broker, Consumer<ChannelPipeline> pipelineHook)
            throws Exception {
        return start(options, broker);
    }

    /**
     * Starts with the pipeline hook and, when the options switch AMQPS on, its certificate. Factories that cannot
     * speak TLS ignore it (their {@link Listener#tlsPort()} is -1).
     */
    default Listener start(ServerOptions options, Broker broker, Consumer<ChannelPipeline> pipelineHook,
                           SslContext tls) throws Exception {
        return start(options, broker, pipelineHook);
    }

    /** The real AMQP 1.0 listener. */
    static AmqpListenerFactory standard() {
        return new AmqpListenerFactory() {
            @Override
            public Listener start(ServerOptions options, Broker broker) {
                return AmqpServerListener.start(options, broker, pipeline -> { }, null);
            }

            @Override
            public Listener start(ServerOptions options, Broker broker, Consumer<ChannelPipeline> pipelineHook) {
                return AmqpServerListener.start(options, broker, pipelineHook, null);
            }

            @Override
            public Listener start(ServerOptions options, Broker broker, Consumer<ChannelPipeline> pipelineHook,
                                  SslContext tls) {
                return AmqpServerListener.start(options, broker, pipelineHook, tls);
            }
        };
    }

    /** No AMQP listener: {@code port()} is -1. For tests of everything else. */
    static AmqpListenerFactory none() {
        return (options, broker) -> new Listener() {
            @Override
            public int port() {
                return -1;
            }

            @Override
            public void close() {
            }
        };
    }
}
