package dev.omnibus.server;

import dev.omnibus.core.Broker;

/**
 * Starts the AMQP front door over a broker. The server takes it as a parameter so tests of the composition root,
 * configuration and HTTP side can run without the AMQP stack ({@link #none()}).
 */
@FunctionalInterface
public interface AmqpListenerFactory {
    Listener start(ServerOptions options, Broker broker) throws Exception;

    /** The real AMQP 1.0 listener. */
    static AmqpListenerFactory standard() {
        return AmqpServerListener::start;
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
