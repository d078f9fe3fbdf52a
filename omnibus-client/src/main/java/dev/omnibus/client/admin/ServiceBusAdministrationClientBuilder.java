package dev.omnibus.client.admin;

import dev.omnibus.amqp.ConnectionString;
import dev.omnibus.client.RetryOptions;
import dev.omnibus.client.implementation.TokenProvider;
import dev.omnibus.client.implementation.admin.AdminConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Builds {@link ServiceBusAdministrationClient}s and {@link ServiceBusAdministrationAsyncClient}s. Give a connection
 * string, or an endpoint with credentials (a SAS key name and key, or a SAS token):
 *
 * <pre>{@code
 * ServiceBusAdministrationClient admin = new ServiceBusAdministrationClientBuilder()
 *         .connectionString("Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;"
 *                 + "SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true")
 *         .buildClient();
 * }</pre>
 *
 * <p>Where requests go:
 * <ul>
 *   <li>by default {@code https://<namespace>/} (port 443), as for Azure Service Bus;</li>
 *   <li>with {@code UseDevelopmentEmulator=true} (or {@link #developmentEmulator(boolean)}) plain
 *       {@code http://<host>:<port>/}, the port being the endpoint's when it names one, else 5300 (the HTTP port of
 *       Omnibus and of the Service Bus emulator);</li>
 *   <li>an endpoint given as an {@code http://} or {@code https://} URL is used as it is;</li>
 *   <li>{@link #managementEndpoint(URI)} overrides all of these (for example when the connection string names the
 *       AMQP port and the HTTP port is another).</li>
 * </ul>
 * Not thread-safe; the clients it builds are.
 */
public final class ServiceBusAdministrationClientBuilder {
    /** The HTTP port of Omnibus and of the Service Bus emulator. */
    public static final int EMULATOR_HTTP_PORT = 5300;
    /** SAS tokens the client signs are valid this long; each request signs a fresh one. */
    private static final Duration TOKEN_VALIDITY = Duration.ofHours(1);

    private String connectionString;
    private String endpoint;
    private boolean developmentEmulator;
    private String sasKeyName;
    private String sasKey;
    private String sasToken;
    private URI managementEndpoint;
    private RetryOptions retryOptions = RetryOptions.defaults();

    /** Creates an empty builder. */
    public ServiceBusAdministrationClientBuilder() {
    }

    /**
     * @param connectionString {@code Endpoint=sb://host[:port]/;SharedAccessKeyName=...;SharedAccessKey=...} or with
     *                         {@code SharedAccessSignature=...}; optionally {@code UseDevelopmentEmulator=true}
     * @return this builder
     * @throws NullPointerException if {@code connectionString} is null
     */
    public ServiceBusAdministrationClientBuilder connectionString(String connectionString) {
        this.connectionString = Objects.requireNonNull(connectionString, "connectionString");
        return this;
    }

    /**
     * @param endpoint the namespace: a host ({@code contoso.servicebus.windows.net}), {@code host:port}, an
     *                 {@code sb://} URL, or an {@code http(s)://} URL used as it is
     * @return this builder
     * @throws NullPointerException if {@code endpoint} is null
     */
    public ServiceBusAdministrationClientBuilder endpoint(String endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        return this;
    }

    /**
     * Talks plain HTTP to Omnibus or the Service Bus emulator, like {@code UseDevelopmentEmulator=true}.
     *
     * @param developmentEmulator whether to use {@code http://host:port}, port 5300 unless the endpoint names one
     * @return this builder
     */
    public ServiceBusAdministrationClientBuilder developmentEmulator(boolean developmentEmulator) {
        this.developmentEmulator = developmentEmulator;
        return this;
    }

    /**
     * @param keyName the shared access policy name, e.g. {@code RootManageSharedAccessKey} (it needs the Manage
     *                right)
     * @param key the policy's key
     * @return this builder
     * @throws NullPointerException if either is null
     */
    public ServiceBusAdministrationClientBuilder sasKey(String keyName, String key) {
        this.sasKeyName = Objects.requireNonNull(keyName, "keyName");
        this.sasKey = Objects.requireNonNull(key, "key");
        return this;
    }

    /**
     * @param sharedAccessSignature a ready-made token, {@code SharedAccessSignature sr=...&sig=...&se=...&skn=...}
     * @return this builder
     * @throws NullPointerException if it is null
     */
    public ServiceBusAdministrationClientBuilder sasToken(String sharedAccessSignature) {
        this.sasToken = Objects.requireNonNull(sharedAccessSignature, "sharedAccessSignature");
        return this;
    }

    /**
     * Sends requests to this base URL whatever the connection string or endpoint says, e.g.
     * {@code http://localhost:5300}. Tokens are still signed for the namespace's host.
     *
     * @param managementEndpoint an absolute {@code http} or {@code https} URL
     * @return this builder
     * @throws IllegalArgumentException if it is not an absolute http(s) URL
     */
    public ServiceBusAdministrationClientBuilder managementEndpoint(URI managementEndpoint) {
        this.managementEndpoint = checkHttp(Objects.requireNonNull(managementEndpoint, "managementEndpoint"));
        return this;
    }

    /**
     * @param retryOptions how transient failures are retried, and how long one request may take
     * @return this builder
     * @throws NullPointerException if it is null
     */
    public ServiceBusAdministrationClientBuilder retryOptions(RetryOptions retryOptions) {
        this.retryOptions = Objects.requireNonNull(retryOptions, "retryOptions");
        return this;
    }

    /**
     * Builds a blocking client.
     *
     * @return the client
     * @throws IllegalStateException if neither or both of a connection string and an endpoint were given, or the
     *                               credentials are missing or given twice
     * @throws IllegalArgumentException if the connection string or endpoint is malformed
     */
    public ServiceBusAdministrationClient buildClient() {
        return new ServiceBusAdministrationClient(buildAsyncClient());
    }

    /**
     * Builds a client whose operations return {@link java.util.concurrent.CompletableFuture}s.
     *
     * @return the client
     * @throws IllegalStateException if neither or both of a connection string and an endpoint were given, or the
     *                               credentials are missing or given twice
     * @throws IllegalArgumentException if the connection string or endpoint is malformed
     */
    public ServiceBusAdministrationAsyncClient buildAsyncClient() {
        return new ServiceBusAdministrationAsyncClient(config());
    }

    AdminConfig config() {
        Clock clock = Clock.systemUTC();
        String host;
        int port;
        boolean emulator;
        URI explicit = null;
        TokenProvider tokens;
        if (connectionString != null) {
            if (endpoint != null || sasKey != null || sasToken != null) {
                throw new IllegalStateException(
                        "Give either a connection string, or an endpoint with credentials, not both");
            }
            ConnectionString parsed = ConnectionString.parse(connectionString);
            host = parsed.host();
            port = parsed.port();
            emulator = parsed.developmentEmulator() || developmentEmulator;
            tokens = parsed.sharedAccessSignature() != null ? TokenProvider.fixedSas(parsed.sharedAccessSignature())
                    : TokenProvider.sharedKey(parsed.sharedAccessKeyName(), parsed.sharedAccessKey(), TOKEN_VALIDITY,
                    clock);
        } else {
            if (endpoint == null) {
                throw new IllegalStateException("Give a connection string or an endpoint");
            }
            if ((sasKey == null) == (sasToken == null)) {
                throw new IllegalStateException("Give exactly one credential: sasKey(name, key) or sasToken(token)");
            }
            URI uri = parseEndpoint(endpoint);
            host = uri.getHost();
            port = uri.getPort();
            emulator = developmentEmulator;
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("http") || scheme.equals("https")) {
                explicit = checkHttp(URI.create(scheme + "://" + uri.getRawAuthority() + "/"));
            }
            tokens = sasToken != null ? TokenProvider.fixedSas(sasToken)
                    : TokenProvider.sharedKey(sasKeyName, sasKey, TOKEN_VALIDITY, clock);
        }
        URI base = managementEndpoint != null ? withSlash(managementEndpoint) : explicit != null ? explicit
                : emulator ? URI.create("http://" + hostPart(host) + ":" + (port > 0 ? port : EMULATOR_HTTP_PORT) + "/")
                : URI.create("https://" + hostPart(host) + "/");
        return new AdminConfig(base, host, tokens, retryOptions);
    }

    private static URI parseEndpoint(String text) {
        String value = text.strip();
        URI uri;
        try {
            uri = URI.create(value.contains("://") ? value : "sb://" + value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The endpoint is not a host or URL: '" + text + "'", e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("The endpoint has no host: '" + text + "'");
        }
        return uri;
    }

    private static URI checkHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("The management endpoint must be an absolute http or https URL: "
                    + uri);
        }
        return uri;
    }

    private static URI withSlash(URI uri) {
        String text = uri.toString();
        int query = text.indexOf('?');
        text = query < 0 ? text : text.substring(0, query);
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    /** IPv6 literals need their brackets in a URL. */
    private static String hostPart(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
