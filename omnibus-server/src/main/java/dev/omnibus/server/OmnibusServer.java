package dev.omnibus.server;

import dev.omnibus.amqp.ConnectionString;
import dev.omnibus.core.Broker;
import dev.omnibus.core.Namespace;
import dev.omnibus.core.store.InMemoryMessageStore;
import dev.omnibus.core.store.MessageStore;
import dev.omnibus.core.time.SystemTimeSource;
import dev.omnibus.server.amqp.AmqpWebSockets;
import dev.omnibus.server.config.ConfigApplier;
import dev.omnibus.server.config.ConfigLoader;
import dev.omnibus.server.config.EmulatorConfig;
import dev.omnibus.server.http.HealthRoute;
import dev.omnibus.server.http.HttpListener;
import dev.omnibus.server.http.HttpRoute;
import dev.omnibus.server.http.HttpRouter;
import dev.omnibus.server.management.ManagementApi;
import dev.omnibus.server.management.ProtocolSniffer;
import dev.omnibus.server.tls.ServerCertificate;
import dev.omnibus.store.embedded.EmbeddedMessageStore;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place that chooses implementations and wires them. Starting runs, in order: the
 * HTTP listener (and the HTTPS one) while the configuration is read and checked (so {@code /health} answers 503 while
 * a large store recovers), the store, the clock, the mailbox pool, the broker (which recovers the store), the
 * configured entities, the AMQP listener (and its AMQPS port); then the server is ready. {@link #close()} marks it
 * not ready and stops everything in reverse order.
 *
 * <p>AMQP over WebSockets comes in through the HTTPS listener and, for {@code ws://}, the AMQP port's HTTP detour;
 * both hand the upgraded connections to the AMQP listener, and refuse them while the server is not ready.
 */
public final class OmnibusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OmnibusServer.class);
    static final String DEFAULT_CONFIG = "/dev/omnibus/server/default-config.json";

    private final ServerOptions options;
    private final Closer closer = new Closer();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean ready;
    private HttpListener http;
    private HttpListener https;
    /** Set once the store is recovered; read by the management routes on the HTTP event loop. */
    private volatile Broker broker;
    /** Read by HTTP event loops when a connection asks for AMQP over WebSockets. */
    private volatile Listener amqp;

    private OmnibusServer(ServerOptions options) {
        this.options = options;
    }

    /** Starts with the real AMQP listener. */
    public static OmnibusServer start(ServerOptions options) {
        return start(options, AmqpListenerFactory.standard());
    }

    /**
     * Starts everything and returns once the server is ready.
     *
     * @throws dev.omnibus.server.config.ConfigException when the configuration file is unusable
     * @throws StartupException when a listener cannot bind or the store cannot open
     */
    public static OmnibusServer start(ServerOptions options, AmqpListenerFactory amqpFactory) {
        long started = System.nanoTime();
        OmnibusServer server = new OmnibusServer(options);
        try {
            server.startAll(amqpFactory);
        } catch (RuntimeException | Error e) {
            server.closer.close();
            throw e;
        }
        LOG.info("Omnibus started in {} ms ({})", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                options.inMemory() ? "in-memory store" : "embedded store in " + options.dataDir().toAbsolutePath());
        return server;
    }

    private void startAll(AmqpListenerFactory amqpFactory) {
        // Jackson's first use costs about 200 ms of class loading; read the file while the HTTP listener starts.
        CompletableFuture<EmulatorConfig> reading = CompletableFuture.supplyAsync(this::readConfig, task -> {
            Thread reader = new Thread(task, "omnibus-config");
            reader.setDaemon(true);
            reader.start();
        });
        // The broker's clock, also for the namespace's creation time and a generated certificate's validity.
        SystemTimeSource time = closer.register("timer", new SystemTimeSource());
        Instant startedAt = Instant.ofEpochMilli(time.now());
        HttpRouter router = router(startedAt);
        Consumer<ChannelPipeline> webSockets = AmqpWebSockets.upgrader(this::webSocketAcceptor);
        SslContext tls = null;
        try {
            http = closer.register("HTTP listener", startHttp(router));
            if (options.tls().enabled()) {
                tls = tlsContext(startedAt);
            }
            if (options.tls().httpsEnabled()) {
                https = closer.register("HTTPS listener", startHttps(router, tls, webSockets));
            }
        } catch (StartupException e) {
            joinConfig(reading); // a bad file is reported first, whatever else is wrong
            throw e;
        }
        // Checked before the store opens: a typo must not cost a store recovery.
        EmulatorConfig config = joinConfig(reading);
        // The broker closes the store, but only once it has opened; stores tolerate the second close.
        MessageStore store = closer.register("store", openStore());
        ForkJoinPool pool = mailboxPool();
        closer.register("mailbox pool", () -> {
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        });
        // The first configured namespace is the default: clients whose host names no namespace get it.
        broker = closer.register("broker", Broker.open(store, time, pool, config.defaultNamespace().name()));
        ConfigApplier.apply(config, broker, options.configFile() != null
                ? ConfigApplier.Mode.CREATE_OR_UPDATE : ConfigApplier.Mode.CREATE_ONLY);
        amqp = closer.register("AMQP listener", startAmqp(amqpFactory, router, webSockets, tls));
        ready = true;
    }

    private EmulatorConfig readConfig() {
        Path file = options.configFile();
        EmulatorConfig config = file != null ? ConfigLoader.load(file) : ConfigLoader.loadResource(DEFAULT_CONFIG);
        LOG.debug("Read {} at +{} ms", file != null ? file : "the default configuration", closer.elapsedMillis());
        return config;
    }

    private static EmulatorConfig joinConfig(CompletableFuture<EmulatorConfig> reading) {
        try {
            return reading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private HttpListener startHttp(HttpRouter router) {
        try {
            return HttpListener.start(options.host(), options.httpPort(), router);
        } catch (RuntimeException e) {
            throw new StartupException(e.getMessage(), e);
        }
    }

    /**
     * The one certificate of the HTTPS and AMQPS listeners: the configured one or a generated one, exported when
     * asked.
     */
    private SslContext tlsContext(Instant now) {
        TlsOptions tls = options.tls();
        try {
            ServerCertificate certificate = tls.certificateFile() != null
                    ? ServerCertificate.fromPem(tls.certificateFile(), tls.keyFile())
                    : ServerCertificate.selfSigned(List.of(clientHost(options.host())), now);
            if (tls.exportCertificate() != null) {
                certificate.exportPem(tls.exportCertificate());
            }
            return certificate.sslContext();
        } catch (RuntimeException e) {
            throw new StartupException("TLS: " + e.getMessage(), e);
        }
    }

    /**
     * The same routes over TLS, plus AMQP over WebSockets. Those connections live on this listener's event loops, so
     * it gets one per core, like the AMQP listener.
     */
    private HttpListener startHttps(HttpRouter router, SslContext tls, Consumer<ChannelPipeline> webSockets) {
        try {
            return HttpListener.start(options.host(), options.tls().httpsPort(), router, tls, webSockets,
                    Runtime.getRuntime().availableProcessors());
        } catch (RuntimeException e) {
            throw new StartupException("HTTPS: " + e.getMessage(), e);
        }
    }

    /** Where upgraded WebSocket connections go: the AMQP listener once the server is ready, else nowhere (503). */
    private Consumer<ChannelPipeline> webSocketAcceptor() {
        Listener listener = amqp;
        return ready && listener != null ? listener.webSocketAcceptor() : null;
    }

    /**
     * Health, then the management API. The management routes see the broker once it is open and answer 503 before;
     * the namespace's creation time is this start.
     */
    private HttpRouter router(Instant startedAt) {
        List<HttpRoute> routes = new ArrayList<>();
        routes.add(HealthRoute.create(this::isReady));
        routes.addAll(ManagementApi.routes(() -> broker, options.accessPolicies(), startedAt));
        return new HttpRouter(routes);
    }

    private MessageStore openStore() {
        if (options.inMemory()) {
            return new InMemoryMessageStore();
        }
        try {
            return EmbeddedMessageStore.open(options.dataDir());
        } catch (RuntimeException e) {
            throw new StartupException("Cannot open the data directory " + options.dataDir().toAbsolutePath()
                    + ": " + rootMessage(e), e);
        }
    }

    /**
     * The AMQP port also answers HTTP: a sniffer hands connections that start with an HTTP method to the router, or,
     * for the WebSocket endpoint, back to AMQP over WebSockets: plain {@code ws://}, what the Omnibus client uses in
     * emulator mode (the official SDKs put TLS under WebSockets even then, so they need the HTTPS port).
     */
    private Listener startAmqp(AmqpListenerFactory factory, HttpRouter router, Consumer<ChannelPipeline> webSockets,
                               SslContext tls) {
        try {
            return factory.start(options, broker, ProtocolSniffer.installer(router, webSockets), tls);
        } catch (IllegalStateException e) {
            // The AMQP listener names the port (AMQP or AMQPS) that could not be bound.
            throw new StartupException(e.getMessage(), e);
        } catch (Exception e) {
            throw new StartupException("Cannot listen for AMQP on " + options.host() + ":" + options.amqpPort()
                    + ": " + rootMessage(e), e);
        }
    }

    /**
     * Mailboxes are short tasks from many entities: a work-stealing pool in FIFO (async) mode keeps each mailbox's
     * turn fair and needs no tuning. Daemon threads, so an embedded server never keeps a JVM alive.
     */
    private static ForkJoinPool mailboxPool() {
        ForkJoinPool.ForkJoinWorkerThreadFactory threads = pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("omnibus-mailbox-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        };
        return new ForkJoinPool(Runtime.getRuntime().availableProcessors(), threads,
                (t, e) -> LOG.error("Uncaught failure on {}", t.getName(), e), true);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    public boolean isReady() {
        return ready;
    }

    public int amqpPort() {
        return amqp.port();
    }

    public int httpPort() {
        return http.port();
    }

    /** The HTTPS port (health, management, AMQP over WebSockets), or -1 when HTTPS is off. */
    public int httpsPort() {
        return https == null ? TlsOptions.DISABLED_PORT : https.port();
    }

    /** The AMQPS port, or -1 when AMQPS is off. */
    public int amqpsPort() {
        return amqp.tlsPort();
    }

    public Broker broker() {
        return broker;
    }

    /**
     * How many AMQP links were detached so far because they carried no traffic for the link idle timeout
     * ({@link ServerOptions#linkIdleTimeout()}).
     */
    public long idleLinksDetached() {
        return amqp.idleLinksDetached();
    }

    public ServerOptions options() {
        return options;
    }

    /**
     * The connection string clients use: emulator style, the real AMQP port, and a host they can reach (a wildcard
     * bind address is not one, so it becomes {@code localhost}).
     */
    public String connectionString() {
        return ConnectionString.forEmulator(clientHost(options.host()), amqpPort(), options.sasKeyName(),
                options.sasKey());
    }

    /**
     * The connection string for AMQP over TLS to the AMQPS port: without {@code UseDevelopmentEmulator}, so the SDKs
     * use TLS and check the certificate.
     *
     * @throws IllegalStateException when AMQPS is off
     */
    public String tlsConnectionString() {
        if (amqpsPort() < 0) {
            throw new IllegalStateException("AMQPS is off: start the server with an AMQPS port");
        }
        return "Endpoint=sb://" + clientHost(options.host()) + ":" + amqpsPort() + ";SharedAccessKeyName="
                + options.sasKeyName() + ";SharedAccessKey=" + options.sasKey();
    }

    /**
     * The line printed once on start; scripts and tests wait for its prefix {@code Omnibus ready:}. The TLS ports
     * appear only when they are on.
     */
    public String readyLine() {
        String amqps = amqpsPort() < 0 ? "" : " amqps=" + amqpsPort();
        String https = this.https == null ? "" : " https=" + httpsPort();
        return "Omnibus ready: amqp=" + amqpPort() + amqps + " http=" + httpPort() + https + namespaces()
                + " connection string: " + connectionString();
    }

    /**
     * With several namespaces, their names and how to reach one that is not the default (by host name, as in Service
     * Bus: {@code sb://orders.localhost}); nothing with one, so the emulator's line stays as it is.
     */
    private String namespaces() {
        List<Namespace> all = broker.namespaces();
        if (all.size() < 2) {
            return "";
        }
        String names = String.join(",", all.stream().map(Namespace::name).toList());
        return " namespaces=" + names + " (default " + all.get(0).name() + "; reach another by host name, e.g. "
                + "Endpoint=sb://" + all.get(1).name() + ".localhost)";
    }

    static String clientHost(String bindHost) {
        return switch (bindHost) {
            case "0.0.0.0", "::", "[::]" -> "localhost";
            default -> bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
        };
    }

    /**
     * Stops listeners first so no new work arrives, then the broker (which flushes and closes the store). Idempotent:
     * the shutdown hook and {@link Main} may both call it.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ready = false;
        closer.close();
        LOG.info("Omnibus stopped");
    }
}
