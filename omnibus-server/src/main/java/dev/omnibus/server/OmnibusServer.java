package dev.omnibus.server;

import dev.omnibus.amqp.ConnectionString;
import dev.omnibus.core.Broker;
import dev.omnibus.core.store.InMemoryMessageStore;
import dev.omnibus.core.store.MessageStore;
import dev.omnibus.core.time.SystemTimeSource;
import dev.omnibus.server.config.ConfigApplier;
import dev.omnibus.server.config.ConfigLoader;
import dev.omnibus.server.config.EmulatorConfig;
import dev.omnibus.server.http.HealthRoute;
import dev.omnibus.server.http.HttpListener;
import dev.omnibus.server.http.HttpRoute;
import dev.omnibus.server.http.HttpRouter;
import dev.omnibus.server.management.ProtocolSniffer;
import dev.omnibus.server.management.ManagementApi;
import dev.omnibus.server.tls.ServerCertificate;
import dev.omnibus.store.embedded.EmbeddedMessageStore;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place that chooses implementations and wires them. Starting runs, in order: the
 * HTTP listener while the configuration is read and checked (so {@code /health} answers 503 while a large store
 * recovers), the store, the clock, the mailbox pool, the broker (which recovers the store), the configured entities,
 * the AMQP listener; then the server is ready. {@link #close()} marks it not ready and stops everything in reverse
 * order.
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
    private Listener amqp;

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
        HttpRouter router = router();
        try {
            http = closer.register("HTTP listener", startHttp(router));
            if (options.https().enabled()) {
                https = closer.register("HTTPS listener", startHttps(router));
            }
        } catch (StartupException e) {
            joinConfig(reading); // a bad file is reported first, whatever else is wrong
            throw e;
        }
        // Checked before the store opens: a typo must not cost a store recovery.
        EmulatorConfig config = joinConfig(reading);
        // The broker closes the store, but only once it has opened; stores tolerate the second close.
        MessageStore store = closer.register("store", openStore());
        SystemTimeSource time = closer.register("timer", new SystemTimeSource());
        ForkJoinPool pool = mailboxPool();
        closer.register("mailbox pool", () -> {
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.SECONDS);
        });
        broker = closer.register("broker", Broker.open(store, time, pool));
        ConfigApplier.apply(config, broker.namespace(), options.configFile() != null
                ? ConfigApplier.Mode.CREATE_OR_UPDATE : ConfigApplier.Mode.CREATE_ONLY);
        amqp = closer.register("AMQP listener", startAmqp(amqpFactory, router));
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

    /** The same routes over TLS, with the configured certificate or a generated one (exported when asked). */
    private HttpListener startHttps(HttpRouter router) {
        HttpsOptions tls = options.https();
        ServerCertificate certificate;
        try {
            certificate = tls.certificateFile() != null
                    ? ServerCertificate.fromPem(tls.certificateFile(), tls.keyFile())
                    : ServerCertificate.selfSigned(List.of(clientHost(options.host())), Instant.now());
            if (tls.exportCertificate() != null) {
                certificate.exportPem(tls.exportCertificate());
            }
            return HttpListener.start(options.host(), tls.port(), router, certificate.sslContext());
        } catch (RuntimeException e) {
            throw new StartupException("HTTPS: " + e.getMessage(), e);
        }
    }

    /**
     * Health, then the management API. The management routes see the broker once it is open and answer 503 before;
     * the namespace's creation time is this start.
     */
    private HttpRouter router() {
        List<HttpRoute> routes = new ArrayList<>();
        routes.add(HealthRoute.create(this::isReady));
        routes.addAll(ManagementApi.routes(() -> broker, options.sasKeyName(), options.sasKey(), Instant.now()));
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

    /** The AMQP port also answers HTTP: a sniffer hands connections that start with an HTTP method to the router. */
    private Listener startAmqp(AmqpListenerFactory factory, HttpRouter router) {
        try {
            return factory.start(options, broker, ProtocolSniffer.installer(router));
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

    /** The HTTPS port, or -1 when HTTPS is off. */
    public int httpsPort() {
        return https == null ? HttpsOptions.DISABLED_PORT : https.port();
    }

    public Broker broker() {
        return broker;
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

    /** The line printed once on start; scripts and tests wait for its prefix {@code Omnibus ready:}. */
    public String readyLine() {
        String tls = https == null ? "" : " https=" + httpsPort();
        return "Omnibus ready: amqp=" + amqpPort() + " http=" + httpPort() + tls + " connection string: "
                + connectionString();
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
