package dev.omnibus.client;

import dev.omnibus.amqp.ConnectionString;
import dev.omnibus.client.implementation.ClientConfig;
import dev.omnibus.client.implementation.TlsTrust;
import dev.omnibus.client.implementation.TokenProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * Builds {@link ServiceBusClient}s and {@link ServiceBusAsyncClient}s. Give either a connection string, or a
 * namespace with credentials (a SAS key name and key, or a SAS token):
 *
 * <pre>{@code
 * ServiceBusClient client = new ServiceBusClientBuilder()
 *         .fullyQualifiedNamespace("contoso.servicebus.windows.net")
 *         .sasKey("RootManageSharedAccessKey", key)
 *         .retryOptions(RetryOptions.defaults().maxRetries(5))
 *         .transportType(TransportType.AMQP_WEB_SOCKETS)
 *         .buildClient();
 * }</pre>
 *
 * <p>A connection string with {@code UseDevelopmentEmulator=true} connects with plain AMQP (default port 5672);
 * otherwise TLS is used (5671, or 443 for WebSockets; a port in the endpoint wins) and the server's certificate must
 * be trusted and name the host, as for any HTTPS client. The JVM's trust store decides by default, which is right for
 * Azure; for a server with its own certificate (Omnibus with a generated one, a private CA) give
 * {@link #trustCertificate(Path)} or {@link #sslContext(SSLContext)}:
 *
 * <pre>{@code
 * ServiceBusClient client = new ServiceBusClientBuilder()
 *         .connectionString("Endpoint=sb://localhost:5671;SharedAccessKeyName=...;SharedAccessKey=...")
 *         .trustCertificate(Path.of("omnibus.pem"))       // what `--export-certificate omnibus.pem` wrote
 *         .buildClient();
 * }</pre>
 *
 * <p>Not thread-safe; the clients it builds are.
 */
public final class ServiceBusClientBuilder {
    /** SAS tokens the client signs itself are valid this long and refreshed before they expire. */
    private static final Duration TOKEN_VALIDITY = Duration.ofHours(1);

    private String connectionString;
    private String namespace;
    private int port = -1;
    private boolean developmentEmulator;
    private String sasKeyName;
    private String sasKey;
    private String sasToken;
    private RetryOptions retryOptions = RetryOptions.defaults();
    private TransportType transportType = TransportType.AMQP;
    private boolean loggingEnabled;
    private Path trustedCertificates;
    private SSLContext sslContext;

    /** Creates an empty builder. */
    public ServiceBusClientBuilder() {
    }

    /**
     * @param connectionString {@code Endpoint=sb://host[:port]/;SharedAccessKeyName=...;SharedAccessKey=...}, or
     *                         with {@code SharedAccessSignature=...}; optionally {@code UseDevelopmentEmulator=true}
     * @return this builder
     */
    public ServiceBusClientBuilder connectionString(String connectionString) {
        this.connectionString = Objects.requireNonNull(connectionString, "connectionString");
        return this;
    }

    /**
     * @param namespace the namespace host, e.g. {@code contoso.servicebus.windows.net}; {@code host:port} is allowed
     * @return this builder
     */
    public ServiceBusClientBuilder fullyQualifiedNamespace(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        int colon = namespace.lastIndexOf(':');
        if (colon > 0 && namespace.indexOf(']') < colon) {
            this.port = Integer.parseInt(namespace.substring(colon + 1));
            this.namespace = namespace.substring(0, colon);
        } else {
            this.namespace = namespace;
        }
        return this;
    }

    /**
     * Connects without TLS (to Omnibus or the Service Bus emulator), like {@code UseDevelopmentEmulator=true}.
     *
     * @param developmentEmulator whether to use plain AMQP
     * @return this builder
     */
    public ServiceBusClientBuilder developmentEmulator(boolean developmentEmulator) {
        this.developmentEmulator = developmentEmulator;
        return this;
    }

    /**
     * @param keyName the shared access policy name, e.g. {@code RootManageSharedAccessKey}
     * @param key the policy's key
     * @return this builder
     */
    public ServiceBusClientBuilder sasKey(String keyName, String key) {
        this.sasKeyName = Objects.requireNonNull(keyName, "keyName");
        this.sasKey = Objects.requireNonNull(key, "key");
        return this;
    }

    /**
     * @param sharedAccessSignature a ready-made token, {@code SharedAccessSignature sr=...&sig=...&se=...&skn=...}
     * @return this builder
     */
    public ServiceBusClientBuilder sasToken(String sharedAccessSignature) {
        this.sasToken = Objects.requireNonNull(sharedAccessSignature, "sharedAccessSignature");
        return this;
    }

    /**
     * @param retryOptions how transient errors are retried, and the timeout of one try
     * @return this builder
     */
    public ServiceBusClientBuilder retryOptions(RetryOptions retryOptions) {
        this.retryOptions = Objects.requireNonNull(retryOptions, "retryOptions");
        return this;
    }

    /**
     * @param transportType AMQP (the default) or AMQP over WebSockets
     * @return this builder
     */
    public ServiceBusClientBuilder transportType(TransportType transportType) {
        this.transportType = Objects.requireNonNull(transportType, "transportType");
        return this;
    }

    /**
     * Trusts the certificates in a PEM file for TLS, instead of the JVM's trust store: a server's self-signed
     * certificate (an Omnibus server writes its own with {@code --export-certificate}) or a private CA. The server
     * must still be reached by a name its certificate carries. Read when the client is built.
     *
     * @param pemFile one or more PEM (or DER) certificates
     * @return this builder
     */
    public ServiceBusClientBuilder trustCertificate(Path pemFile) {
        this.trustedCertificates = Objects.requireNonNull(pemFile, "pemFile");
        return this;
    }

    /**
     * The TLS context to connect with: its trust managers decide which servers are accepted (and its key managers,
     * if any, present a client certificate). Host names are checked whatever the context.
     *
     * @param sslContext an initialised context
     * @return this builder
     */
    public ServiceBusClientBuilder sslContext(SSLContext sslContext) {
        this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
        return this;
    }

    /**
     * Logs every AMQP frame sent and received (SLF4J, at the protonj2 engine's trace level), for troubleshooting.
     *
     * @param loggingEnabled whether to trace frames
     * @return this builder
     */
    public ServiceBusClientBuilder loggingEnabled(boolean loggingEnabled) {
        this.loggingEnabled = loggingEnabled;
        return this;
    }

    /**
     * Builds a blocking client. It connects on first use.
     *
     * @return the client
     * @throws IllegalStateException if neither or both of a connection string and a namespace were given, the
     *                               credentials are missing or given twice, both a trusted certificate and a TLS
     *                               context were given, or either was given for a connection without TLS
     * @throws IllegalArgumentException if the connection string is malformed or the certificate file unreadable
     */
    public ServiceBusClient buildClient() {
        return new ServiceBusClient(buildAsyncClient());
    }

    /**
     * Builds a client whose operations return {@link java.util.concurrent.CompletableFuture}s. It connects on first
     * use.
     *
     * @return the client
     * @throws IllegalStateException if neither or both of a connection string and a namespace were given, the
     *                               credentials are missing or given twice, both a trusted certificate and a TLS
     *                               context were given, or either was given for a connection without TLS
     * @throws IllegalArgumentException if the connection string is malformed or the certificate file unreadable
     */
    public ServiceBusAsyncClient buildAsyncClient() {
        return new ServiceBusAsyncClient(config());
    }

    ClientConfig config() {
        String host;
        int effectivePort;
        boolean emulator;
        TokenProvider tokens;
        Clock clock = Clock.systemUTC();
        if (connectionString != null) {
            if (namespace != null || sasKey != null || sasToken != null) {
                throw new IllegalStateException(
                        "Give either a connection string, or a namespace with credentials, not both");
            }
            ConnectionString parsed = ConnectionString.parse(connectionString);
            host = parsed.host();
            emulator = parsed.developmentEmulator() || developmentEmulator;
            effectivePort = parsed.port() > 0 ? parsed.port() : defaultPort(emulator);
            tokens = parsed.sharedAccessSignature() != null
                    ? TokenProvider.fixedSas(parsed.sharedAccessSignature())
                    : TokenProvider.sharedKey(parsed.sharedAccessKeyName(), parsed.sharedAccessKey(), TOKEN_VALIDITY,
                    clock);
        } else {
            if (namespace == null) {
                throw new IllegalStateException("Give a connection string or a fully qualified namespace");
            }
            if ((sasKey == null) == (sasToken == null)) {
                throw new IllegalStateException("Give exactly one credential: sasKey(name, key) or sasToken(token)");
            }
            host = namespace;
            emulator = developmentEmulator;
            effectivePort = port > 0 ? port : defaultPort(emulator);
            tokens = sasToken != null ? TokenProvider.fixedSas(sasToken)
                    : TokenProvider.sharedKey(sasKeyName, sasKey, TOKEN_VALIDITY, clock);
        }
        String clientId = "omnibus-" + UUID.randomUUID();
        return new ClientConfig(host, effectivePort, !emulator, transportType, tokens, retryOptions, loggingEnabled,
                clientId, clock, tlsContext(emulator));
    }

    /** The configured TLS trust, or null for the JVM's. */
    private SSLContext tlsContext(boolean plain) {
        if (trustedCertificates == null && sslContext == null) {
            return null;
        }
        if (trustedCertificates != null && sslContext != null) {
            throw new IllegalStateException("Give either trustCertificate(pem) or sslContext(context), not both");
        }
        if (plain) {
            throw new IllegalStateException("TLS trust was given for a connection without TLS "
                    + "(UseDevelopmentEmulator=true or developmentEmulator(true))");
        }
        return sslContext != null ? sslContext : TlsTrust.trusting(trustedCertificates);
    }

    private int defaultPort(boolean emulator) {
        if (transportType == TransportType.AMQP_WEB_SOCKETS) {
            return emulator ? 80 : 443;
        }
        return emulator ? 5672 : 5671;
    }
}
