package dev.omnibus.server.amqp;

import dev.omnibus.core.Broker;
import dev.omnibus.core.store.InMemoryMessageStore;
import dev.omnibus.core.time.SystemTimeSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A broker on the in-memory store, the system clock and a real AMQP listener on a random loopback port, for tests
 * that talk to it over sockets. Closing stops the listener, then the broker and its threads.
 */
final class LiveServer implements AutoCloseable {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final SystemTimeSource time = new SystemTimeSource();
    final Broker broker = Broker.open(new InMemoryMessageStore(), time, pool);
    final AmqpServer server;

    LiveServer(AmqpServerOptions options) {
        server = AmqpServer.start(options, broker);
    }

    LiveServer() {
        this(AmqpServerOptions.defaults());
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        broker.close();
        pool.shutdownNow();
        time.close();
    }
}
