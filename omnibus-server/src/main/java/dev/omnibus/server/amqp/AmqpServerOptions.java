package dev.omnibus.server.amqp;

import io.netty.channel.ChannelPipeline;
import java.time.Duration;
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
 * @param ioThreads event loop threads for connections; 0 for Netty's default (twice the processors)
 * @param traceFrames log every AMQP frame (protonj2's frame logger at TRACE level), for debugging
 * @param pipelineHook sees each new connection's pipeline after the AMQP handler is added (the server installs a
 *     protocol sniffer there that hands HTTP requests to the management API)
 */
public record AmqpServerOptions(String host, int port, String sasKeyName, String sasKey, Duration idleTimeout,
                                int ioThreads, boolean traceFrames, Consumer<ChannelPipeline> pipelineHook) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 5672;
    public static final String DEFAULT_KEY_NAME = "RootManageSharedAccessKey";
    public static final String DEFAULT_KEY = "SAS_KEY_VALUE";
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);

    public AmqpServerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(sasKeyName, "sasKeyName");
        Objects.requireNonNull(sasKey, "sasKey");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(pipelineHook, "pipelineHook");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must not be negative");
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must not be negative");
        }
    }

    /** 127.0.0.1 on a random port, the emulator's key, a two-minute idle timeout. */
    public static AmqpServerOptions defaults() {
        return new AmqpServerOptions(DEFAULT_HOST, 0, DEFAULT_KEY_NAME, DEFAULT_KEY, DEFAULT_IDLE_TIMEOUT, 0, false,
                pipeline -> { });
    }

    public AmqpServerOptions withHost(String v) {
        return new AmqpServerOptions(v, port, sasKeyName, sasKey, idleTimeout, ioThreads, traceFrames, pipelineHook);
    }

    public AmqpServerOptions withPort(int v) {
        return new AmqpServerOptions(host, v, sasKeyName, sasKey, idleTimeout, ioThreads, traceFrames, pipelineHook);
    }

    public AmqpServerOptions withSasKey(String keyName, String key) {
        return new AmqpServerOptions(host, port, keyName, key, idleTimeout, ioThreads, traceFrames, pipelineHook);
    }

    public AmqpServerOptions withIdleTimeout(Duration v) {
        return new AmqpServerOptions(host, port, sasKeyName, sasKey, v, ioThreads, traceFrames, pipelineHook);
    }

    public AmqpServerOptions withIoThreads(int v) {
        return new AmqpServerOptions(host, port, sasKeyName, sasKey, idleTimeout, v, traceFrames, pipelineHook);
    }

    public AmqpServerOptions withPipelineHook(Consumer<ChannelPipeline> v) {
        return new AmqpServerOptions(host, port, sasKeyName, sasKey, idleTimeout, ioThreads, traceFrames, v);
    }

    public AmqpServerOptions withTraceFrames(boolean v) {
        return new AmqpServerOptions(host, port, sasKeyName, sasKey, idleTimeout, ioThreads, v, pipelineHook);
    }
}
