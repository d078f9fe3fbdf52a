package dev.omnibus.server;

import dev.omnibus.server.auth.AccessPolicies;
import dev.omnibus.server.auth.AccessPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to run a server. The defaults are the emulator's: AMQP on 5672, HTTP on 5300, every interface, the emulator's
 * fixed SAS key, and a durable store in {@code ./omnibus-data}.
 *
 * @param host the address both listeners bind ({@code 0.0.0.0} for all)
 * @param amqpPort AMQP port; 0 picks a free one
 * @param httpPort HTTP port (health, management); 0 picks a free one
 * @param dataDir the embedded store's directory; unused when {@code inMemory}
 * @param inMemory keep everything in memory, nothing survives a restart
 * @param configFile an emulator {@code Config.json}, or null for the default entities (queue {@code queue.1})
 * @param sasKeyName the root shared access policy's key name clients sign with; it has every right (Manage)
 * @param sasKey the root policy's key
 * @param amqpIdleTimeout idle timeout the AMQP listener advertises
 * @param linkIdleTimeout an AMQP link to an entity that carries no transfer, flow or disposition for this long is
 *     detached with {@code amqp:link:detach-forced}, as Service Bus does after ten minutes (the SDKs attach a new
 *     one); zero for never
 * @param tls the optional TLS listeners, HTTPS and AMQPS, and their certificate (disabled by default)
 * @param sasPolicies more shared access policies (name, key, rights), for every namespace; none by default
 */
public record ServerOptions(String host, int amqpPort, int httpPort, Path dataDir, boolean inMemory, Path configFile,
                            String sasKeyName, String sasKey, Duration amqpIdleTimeout, Duration linkIdleTimeout,
                            TlsOptions tls, List<AccessPolicy> sasPolicies) {
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_AMQP_PORT = 5672;
    public static final int DEFAULT_HTTP_PORT = 5300;
    public static final Path DEFAULT_DATA_DIR = Path.of("omnibus-data");
    public static final String DEFAULT_SAS_KEY_NAME = "RootManageSharedAccessKey";
    public static final String DEFAULT_SAS_KEY = "SAS_KEY_VALUE";
    /** Twice the SDKs' own 60 s, so they send the keep-alives and we never close a healthy idle client. */
    public static final Duration DEFAULT_AMQP_IDLE_TIMEOUT = Duration.ofMinutes(2);
    /** Service Bus's: ten minutes. */
    public static final Duration DEFAULT_LINK_IDLE_TIMEOUT = Duration.ofMinutes(10);

    public ServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(amqpIdleTimeout, "amqpIdleTimeout");
        Objects.requireNonNull(linkIdleTimeout, "linkIdleTimeout");
        Objects.requireNonNull(tls, "tls");
        requirePort("amqpPort", amqpPort);
        requirePort("httpPort", httpPort);
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (sasKeyName == null || sasKeyName.isBlank() || sasKey == null || sasKey.isBlank()) {
            throw new IllegalArgumentException("the SAS key name and key must not be empty");
        }
        if (amqpIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("amqpIdleTimeout must not be negative");
        }
        if (linkIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("the link idle timeout must not be negative");
        }
        sasPolicies = List.copyOf(sasPolicies);
        AccessPolicies.of(sasKeyName, sasKey, sasPolicies); // two policies of one name are refused here
    }

    /** Without more shared access policies than the root key. */
    public ServerOptions(String host, int amqpPort, int httpPort, Path dataDir, boolean inMemory, Path configFile,
                         String sasKeyName, String sasKey, Duration amqpIdleTimeout, Duration linkIdleTimeout,
                         TlsOptions tls) {
        this(host, amqpPort, httpPort, dataDir, inMemory, configFile, sasKeyName, sasKey, amqpIdleTimeout,
                linkIdleTimeout, tls, List.of());
    }

    /** With Service Bus's link idle timeout. */
    public ServerOptions(String host, int amqpPort, int httpPort, Path dataDir, boolean inMemory, Path configFile,
                         String sasKeyName, String sasKey, Duration amqpIdleTimeout, TlsOptions tls) {
        this(host, amqpPort, httpPort, dataDir, inMemory, configFile, sasKeyName, sasKey, amqpIdleTimeout,
                DEFAULT_LINK_IDLE_TIMEOUT, tls);
    }

    /** Without TLS listeners, with Service Bus's link idle timeout. */
    public ServerOptions(String host, int amqpPort, int httpPort, Path dataDir, boolean inMemory, Path configFile,
                         String sasKeyName, String sasKey, Duration amqpIdleTimeout) {
        this(host, amqpPort, httpPort, dataDir, inMemory, configFile, sasKeyName, sasKey, amqpIdleTimeout,
                TlsOptions.disabled());
    }

    public static ServerOptions defaults() {
        return new ServerOptions(DEFAULT_HOST, DEFAULT_AMQP_PORT, DEFAULT_HTTP_PORT, DEFAULT_DATA_DIR, false, null,
                DEFAULT_SAS_KEY_NAME, DEFAULT_SAS_KEY, DEFAULT_AMQP_IDLE_TIMEOUT);
    }

    /** For tests and embedding: in memory, loopback, random ports. */
    public static ServerOptions ephemeral() {
        return defaults().withHost("127.0.0.1").withPorts(0, 0).withInMemory(true);
    }

    public ServerOptions withHost(String value) {
        return new ServerOptions(value, amqpPort, httpPort, dataDir, inMemory, configFile, sasKeyName, sasKey,
                amqpIdleTimeout, linkIdleTimeout, tls, sasPolicies);
    }

    public ServerOptions withPorts(int amqp, int http) {
        return new ServerOptions(host, amqp, http, dataDir, inMemory, configFile, sasKeyName, sasKey,
                amqpIdleTimeout, linkIdleTimeout, tls, sasPolicies);
    }

    public ServerOptions withDataDir(Path value) {
        return new ServerOptions(host, amqpPort, httpPort, value, inMemory, configFile, sasKeyName, sasKey,
                amqpIdleTimeout, linkIdleTimeout, tls, sasPolicies);
    }

    public ServerOptions withInMemory(boolean value) {
        return new ServerOptions(host, amqpPort, httpPort, dataDir, value, configFile, sasKeyName, sasKey,
                amqpIdleTimeout, linkIdleTimeout, tls, sasPolicies);
    }

    public ServerOptions withConfigFile(Path value) {
        return new ServerOptions(host, amqpPort, httpPort, dataDir, inMemory, value, sasKeyName, sasKey,
                amqpIdleTimeout, linkIdleTimeout, tls, sasPolicies);
    }

    public ServerOptions withSasKey(String keyName, String key) {
        return new ServerOptions(host, amqpPort, httpPort, dataDir, inMemory, configFile, keyName, key,
                amqpIdleTimeout, linkIdleTimeout, tls, sasPolicies);
    }

    public ServerOptions withAmqpIdleTimeout(Duration value) {
        return new ServerOptions(host, amqpPort, httpPort, dataDir, inMemory, configFile, sasKeyName, sasKey, value,
                linkIdleTimeout, tls, sasPolicies);
    }

    /** Links idle for this long are detached; zero for never. */
    public ServerOptions withLinkIdleTimeout(Duration value) {
        return new ServerOptions(host, amqpPort, httpPort, dataDir, inMemory, configFile, sasKeyName, sasKey,
                amqpIdleTimeout, value, tls, sasPolicies);
    }

    public ServerOptions withTls(TlsOptions value) {
        return new ServerOptions(host, amqpPort, httpPort, dataDir, inMemory, configFile, sasKeyName, sasKey,
                amqpIdleTimeout, linkIdleTimeout, value, sasPolicies);
    }

    /** Shared access policies besides the root key, for every namespace; they replace any given before. */
    public ServerOptions withSasPolicies(List<AccessPolicy> value) {
        return new ServerOptions(host, amqpPort, httpPort, dataDir, inMemory, configFile, sasKeyName, sasKey,
                amqpIdleTimeout, linkIdleTimeout, tls, value);
    }

    /** The root key (Manage) and the other policies. */
    public AccessPolicies accessPolicies() {
        return AccessPolicies.of(sasKeyName, sasKey, sasPolicies);
    }

    private static void requirePort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, was " + port);
        }
    }
}
