package dev.omnibus.server;

import dev.omnibus.core.Broker;
import io.netty.channel.ChannelPipeline;
import java.util.function.Consumer;
import dev.omnibus.server.amqp.AmqpServer;
import dev.omnibus.server.amqp.AmqpServerOptions;

/** Adapts the AMQP listener ({@link AmqpServer}) to {@link Listener}, translating the server's options. */
final class AmqpServerListener implements Listener {
    private final AmqpServer server;

    private AmqpServerListener(AmqpServer server) {
        this.server = server;
    }

    static Listener start(ServerOptions options, Broker broker, Consumer<ChannelPipeline> pipelineHook) {
        AmqpServerOptions amqp = AmqpServerOptions.defaults()
                .withPipelineHook(pipelineHook)
                .withHost(options.host())
                .withPort(options.amqpPort())
                .withSasKey(options.sasKeyName(), options.sasKey())
                .withIdleTimeout(options.amqpIdleTimeout());
        return new AmqpServerListener(AmqpServer.start(amqp, broker));
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
