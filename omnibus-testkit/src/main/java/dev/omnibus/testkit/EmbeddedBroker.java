package dev.omnibus.testkit;

import dev.omnibus.amqp.ConnectionString;
import dev.omnibus.core.Broker;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.Namespace;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.store.InMemoryMessageStore;
import dev.omnibus.core.store.MessageStore;
import dev.omnibus.core.time.SystemTimeSource;
import dev.omnibus.server.amqp.AmqpServer;
import dev.omnibus.server.amqp.AmqpServerOptions;
import dev.omnibus.server.auth.AccessPolicy;
import dev.omnibus.server.auth.AccessRight;
import dev.omnibus.store.embedded.EmbeddedMessageStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Omnibus broker running inside the test's JVM: a broker engine (in memory by default, or on a data directory)
 * behind an AMQP listener on {@code 127.0.0.1} and a random port. Point any Service Bus SDK at
 * {@link #connectionString()}.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start()) {
 *     broker.createQueue("orders");
 *     ServiceBusSenderClient sender = new ServiceBusClientBuilder()
 *             .connectionString(broker.connectionString()).sender().queueName("orders").buildClient();
 * }
 * }</pre>
 *
 * Thread-safe. {@link #close()} stops the listener, then the broker, then its threads.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final Broker broker;
    private final AmqpServer server;
    private final SystemTimeSource time;
    private final ExecutorService pool;
    private final AmqpServerOptions options;
    private volatile boolean closed;

    private EmbeddedBroker(Builder b) {
        time = new SystemTimeSource();
        pool = Executors.newFixedThreadPool(b.threads, daemonThreads("omnibus-entity"));
        MessageStore store = b.dataDirectory == null ? new InMemoryMessageStore()
                : EmbeddedMessageStore.open(b.dataDirectory);
        Broker opened = null;
        try {
            opened = Broker.open(store, time, pool);
            options = AmqpServerOptions.defaults().withHost(b.host).withPort(b.port)
                    .withSasKey(b.keyName, b.key).withSasPolicies(b.policies).withIdleTimeout(b.idleTimeout)
                    .withLinkIdleTimeout(b.linkIdleTimeout).withTraceFrames(b.traceFrames);
            server = AmqpServer.start(options, opened);
        } catch (RuntimeException e) {
            if (opened != null) {
                opened.close();
            } else {
                store.close();
            }
            pool.shutdownNow();
            time.close();
            throw e;
        }
        broker = opened;
    }

    /** An in-memory broker with the emulator's key, on a random port. */
    public static EmbeddedBroker start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The emulator-style connection string: {@code Endpoint=sb://localhost:<port>;...;UseDevelopmentEmulator=true}. */
    public String connectionString() {
        return ConnectionString.forEmulator("localhost", port(), options.sasKeyName(), options.sasKey());
    }

    /**
     * The emulator-style connection string of another shared access policy ({@link Builder#sasPolicy}).
     *
     * @throws IllegalArgumentException when no policy has that name
     */
    public String connectionString(String policyName) {
        AccessPolicy policy = options.accessPolicies().all().stream().filter(p -> p.name().equals(policyName))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no policy '" + policyName + "'"));
        return ConnectionString.forEmulator("localhost", port(), policy.name(), policy.key());
    }

    public int port() {
        return server.port();
    }

    /** The namespace the SDKs talk to, for creating entities and looking inside. */
    public Namespace namespace() {
        return broker.namespace();
    }

    /**
     * Another namespace, created on first use. Clients reach it by the host they name, as in Service Bus: a host whose
     * first label is {@code name} ({@code sb://orders.localhost}, or any host with the Java SDK's
     * {@code customEndpointAddress("http://127.0.0.1:" + port())} carrying the connection); other hosts reach
     * {@link #namespace()}.
     */
    public Namespace namespace(String name) {
        return broker.namespace(name);
    }

    /** How many links were detached so far for carrying no traffic during the link idle timeout. */
    public long idleLinksDetached() {
        return server.idleLinksDetached();
    }

    public Broker broker() {
        return broker;
    }

    /** Creates a queue with the Service Bus defaults. */
    public QueueDescription createQueue(String name) {
        return createQueue(QueueDescription.builder(name).build());
    }

    /**
     * Creates a queue.
     *
     * @throws BrokerException when it exists already or a property is invalid
     */
    public QueueDescription createQueue(QueueDescription description) {
        try {
            return namespace().createQueue(description).join();
        } catch (RuntimeException e) {
            throw BrokerException.unwrap(e);
        }
    }

    /** Same as {@link #close()}. */
    public void stop() {
        close();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } finally {
            try {
                broker.close();
            } finally {
                pool.shutdown();
                awaitQuietly(pool);
                time.close();
            }
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Settings of an {@link EmbeddedBroker}; every one has a test-friendly default. */
    public static final class Builder {
        private Path dataDirectory;
        private String host = AmqpServerOptions.DEFAULT_HOST;
        private int port;
        private String keyName = AmqpServerOptions.DEFAULT_KEY_NAME;
        private String key = AmqpServerOptions.DEFAULT_KEY;
        private Duration idleTimeout = AmqpServerOptions.DEFAULT_IDLE_TIMEOUT;
        private Duration linkIdleTimeout = AmqpServerOptions.DEFAULT_LINK_IDLE_TIMEOUT;
        private int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        private boolean traceFrames;
        private final List<AccessPolicy> policies = new ArrayList<>();

        private Builder() {
        }

        /** Keep everything in memory (the default). */
        public Builder inMemory() {
            dataDirectory = null;
            return this;
        }

        /** Keep entities and messages in a data directory (the durable embedded store); survives restarts. */
        public Builder dataDirectory(Path directory) {
            dataDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The shared access key tokens must be signed with (default: the emulator's). */
        public Builder sasKey(String keyName, String key) {
            this.keyName = Objects.requireNonNull(keyName, "keyName");
            this.key = Objects.requireNonNull(key, "key");
            return this;
        }

        /**
         * Another shared access policy, besides the {@link #sasKey} one (which has every right): tokens signed with
         * its key carry only these rights (Manage implies Send and Listen). Reach it with
         * {@link EmbeddedBroker#connectionString(String)}.
         */
        public Builder sasPolicy(String name, String key, AccessRight... rights) {
            policies.add(new AccessPolicy(name, key, Set.of(rights)));
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
            return this;
        }

        /**
         * Links (senders, receivers) that carry no traffic for this long are detached with
         * {@code amqp:link:detach-forced}, as Service Bus does after ten minutes (the default); the SDKs attach new
         * ones. {@link Duration#ZERO} for never.
         */
        public Builder linkIdleTimeout(Duration linkIdleTimeout) {
            this.linkIdleTimeout = Objects.requireNonNull(linkIdleTimeout, "linkIdleTimeout");
            return this;
        }

        /** Threads for the entity mailboxes (default: the number of processors, at least 2). */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be positive");
            }
            this.threads = threads;
            return this;
        }

        /** Logs every AMQP frame (at TRACE, logger {@code org.apache.qpid.protonj2}). */
        public Builder traceFrames(boolean traceFrames) {
            this.traceFrames = traceFrames;
            return this;
        }

        public EmbeddedBroker start() {
            return new EmbeddedBroker(this);
        }
    }
}
