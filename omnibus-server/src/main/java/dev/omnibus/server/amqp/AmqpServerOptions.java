package dev.omnibus.server.amqp;

import dev.omnibus.server.auth.AccessPolicies;
import dev.omnibus.server.auth.AccessPolicy;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Settings of the AMQP listener.
 *
 * @param host the address to bind: {@code 127.0.0.1} in tests, {@code 0.0.0.0} for a server
 * @param port the port, or 0 for a random free one (read it back with {@link AmqpServer#port()})
 * @param sasKeyName the shared access key name tokens must be signed with ({@code RootManageSharedAccessKey})
 * @param sasKey the shared access key ({@code SAS_KEY_VALUE}, as Microsoft's emulator)
 * @param idleTimeout the idle timeout advertised to clients: a connection that sends nothing for this long is
 *     closed; {@link Duration#ZERO} for none. Heartbeats to the client are sent at half the client's own timeout.
 * @param linkIdleTimeout an entity link (sender or receiver; not {@code $cbs} or {@code $management}) that carries no
 *     transfer, flow or disposition for this long is detached with {@code amqp:link:detach-forced}, as Service Bus
 *     does after ten minutes; the SDKs attach a new one. {@link Duration#ZERO} for never
 * @param ioThreads event loop threads for connections; 0 for one per processor
 * @param traceFrames log every AMQP frame (protonj2's frame logger at TRACE level), for debugging
 * @param pipelineHook sees each new connection's pipeline after the AMQP handler is added (the server installs a
 *     protocol sniffer there that hands HTTP requests to the management API); not run on the TLS port
 * @param tls a second, TLS-first port (AMQPS), or null for none
 * @param sasPolicies shared access policies besides the root key ({@code sasKeyName}, which has every right)
 */
public record AmqpServerOptions(String host, int port, String sasKeyName, String sasKey, Duration idleTimeout,
                                Duration linkIdleTimeout, int ioThreads, boolean traceFrames,
                                Consumer<ChannelPipeline> pipelineHook, TlsPort tls, List<AccessPolicy> sasPolicies) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5672;
    public static final String DEFAULT_KEY_NAME = "RootManageSharedAccessKey";
    public static final String DEFAULT_KEY = "SAS_KEY_VALUE";
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);
    /** Service Bus's. */
    public static final Duration DEFAULT_LINK_IDLE_TIMEOUT = Duration.ofMinutes(10);

    public AmqpServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(sasKeyName, "sasKeyName");
        Objects.requireNonNull(sasKey, "sasKey");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(linkIdleTimeout, "linkIdleTimeout");
        Objects.requireNonNull(pipelineHook, "pipelineHook");
        sasPolicies = List.copyOf(sasPolicies);
        AccessPolicies.of(sasKeyName, sasKey, sasPolicies); // rejects two policies of one name now, not per connection
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must not be negative");
        }
        if (linkIdleTimeout.isNegative()) {
            throw new IllegalArgumentException("linkIdleTimeout must not be negative");
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must not be negative");
        }
    }

    /**
     * The AMQPS port: TLS first, then the same SASL and AMQP as on the plain port.
     *
     * @param port the port, or 0 for a random free one (read it back with {@link AmqpServer#tlsPort()})
     * @param context the server's certificate and key
     */
    public record TlsPort(int port, SslContext context) {
        public TlsPort {
            Objects.requireNonNull(context, "context");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("tls port must be between 0 and 65535");
            }
        }
    }

    /**
     * 127.0.0.1 on a random port, the emulator's key, a two-minute idle timeout, links idle for ten minutes detached,
     * no TLS port.
     */
    public static AmqpServerOptions defaults() {
        return new AmqpServerOptions(DEFAULT_HOST, 0, DEFAULT_KEY_NAME, DEFAULT_KEY, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_LINK_IDLE_TIMEOUT, 0, false, pipeline -> { }, null, List.of());
    }

    public AmqpServerOptions withHost(String v) {
        return new AmqpServerOptions(v, port, sasKeyName, sasKey, idleTimeout, linkIdleTimeout, ioThreads,
                traceFrames, pipelineHook, tls, sasPolicies);
    }

    public AmqpServerOptions withPort(int v) {
        return new AmqpServerOptions(host, v, sasKeyName, sasKey, idleTimeout, linkIdleTimeout, ioThreads,
                traceFrames, pipelineHook, tls, sasPolicies);
    }

    public AmqpServerOptions withSasKey(String keyName, String key) {
        return new AmqpServerOptions(host, port, keyName, key, idleTimeout, linkIdleTimeout, ioThreads, traceFrames,
                pipelineHook, tls, sasPolicies);
    }

    public AmqpServerOptions withIdleTimeout(Duration v) {
        return new AmqpServerOptions(host, port, sasKeyName, sasKey, v, linkIdleTimeout, ioThreads, traceFrames,
                pipelineHook, tls, sasPolicies);
    }

    /** Links idle for this long are detached ({@code amqp:link:detach-forced}); zero for never. */
    public AmqpServerOptions withLinkIdleTimeout(Duration v) {
        return new AmqpServerOptions(host, port, sasKeyName, sasKey, idleTimeout, v, ioThreads, traceFrames,
                pipelineHook, tls, sasPolicies);
    }

    public AmqpServerOptions withIoThreads(int v) {
        return new AmqpServerOptions(host, port, sasKeyName, sasKey, idleTimeout, linkIdleTimeout, v, traceFrames,
                pipelineHook, tls, sasPolicies);
    }

    public AmqpServerOptions withPipelineHook(Consumer<ChannelPipeline> v) {
        return new AmqpServerOptions(host, port, sasKeyName, sasKey, idleTimeout, linkIdleTimeout, ioThreads,
                traceFrames, v, tls, sasPolicies);
    }

    /** Also listens for AMQPS on {@code tlsPort} (0 for a random one) with this certificate. */
    public AmqpServerOptions withTls(int tlsPort, SslContext context) {
        return new AmqpServerOptions(host, port, sasKeyName, sasKey, idleTimeout, linkIdleTimeout, ioThreads,
                traceFrames, pipelineHook, new TlsPort(tlsPort, context), sasPolicies);
    }

    public AmqpServerOptions withTraceFrames(boolean v) {
        return new AmqpServerOptions(host, port, sasKeyName, sasKey, idleTimeout, linkIdleTimeout, ioThreads, v,
                pipelineHook, tls, sasPolicies);
    }

    /** Shared access policies besides the root key; they replace any given before. */
    public AmqpServerOptions withSasPolicies(List<AccessPolicy> v) {
        return new AmqpServerOptions(host, port, sasKeyName, sasKey, idleTimeout, linkIdleTimeout, ioThreads,
                traceFrames, pipelineHook, tls, v);
    }

    /** The root key (Manage) and the other policies, as tokens and logins are checked against them. */
    public AccessPolicies accessPolicies() {
        return AccessPolicies.of(sasKeyName, sasKey, sasPolicies);
    }
}
