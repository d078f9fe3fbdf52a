package dev.omnibus.server;

import dev.omnibus.core.Broker;
import dev.omnibus.server.amqp.AmqpServer;
import dev.omnibus.server.amqp.AmqpServerOptions;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import java.util.function.Consumer;

/** Adapts the AMQP listener ({@link AmqpServer}) to {@link Listener}, translating the server's options. */
final class AmqpServerListener implements Listener {
    private final AmqpServer server;

    private AmqpServerListener(AmqpServer server) {
        this.server = server;
    }

    /**
     * @param tls the certificate for the AMQPS port, or null when the options switch AMQPS off
     */
    static Listener start(ServerOptions options, Broker broker, Consumer<ChannelPipeline> pipelineHook,
                          SslContext tls) {
        AmqpServerOptions amqp = AmqpServerOptions.defaults()
                .withPipelineHook(pipelineHook)
                .withHost(options.host())
                .withPort(options.amqpPort())
                .withSasKey(options.sasKeyName(), options.sasKey())
                .withSasPolicies(options.sasPolicies())
                .withIdleTimeout(options.amqpIdleTimeout())
                .withLinkIdleTimeout(options.linkIdleTimeout());
        if (options.tls().amqpsEnabled()) {
            amqp = amqp.withTls(options.tls().amqpsPort(), tls);
        }
        return new AmqpServerListener(AmqpServer.start(amqp, broker));
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public int tlsPort() {
        return server.tlsPort();
    }

    @Override
    public Consumer<ChannelPipeline> webSocketAcceptor() {
        return server.webSocketAcceptor();
    }

    @Override
    public long idleLinksDetached() {
        return server.idleLinksDetached();
    }

    @Override
    public void close() {
        server.close();
    }
}
