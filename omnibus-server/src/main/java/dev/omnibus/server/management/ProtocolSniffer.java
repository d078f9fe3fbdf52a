package dev.omnibus.server.management;

import dev.omnibus.server.http.HttpListener;
import dev.omnibus.server.http.HttpRouter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lets one port speak AMQP and HTTP. Installed first in an AMQP connection's pipeline, it reads the first bytes: an
 * HTTP request line ({@code GET }, {@code PUT }, {@code DELETE }, {@code POST }, {@code HEAD }, {@code OPTIONS })
 * replaces every handler after it with the HTTP codec and the management routes; anything else ({@code AMQP} and
 * whatever a broken client sends) leaves the AMQP handlers to answer. Then it removes itself and passes the bytes
 * on. Why: the JS SDK's test tooling, and the 7.10 JS admin client in emulator mode, send management requests to
 * the AMQP endpoint's host and port.
 *
 * <p>It holds back {@code channelActive} until it has decided, so the AMQP handler never starts a connection (and
 * its idle timer) on a channel that turns out to be HTTP. One instance per channel; confined to its event loop.
 *
 * <pre>{@code
 * Consumer<ChannelPipeline> hook = ProtocolSniffer.installer(router);   // once, where the router is known
 * ch.pipeline().addLast(new AmqpChannelHandler(broker, options));         // the AMQP listener's initChannel ...
 * hook.accept(ch.pipeline());                                             // ... and its one added line
 * }</pre>
 */
public final class ProtocolSniffer extends ByteToMessageDecoder {
    /** The name to install it under. */
    public static final String NAME = "omnibus-protocol-sniffer";
    private static final List<byte[]> HTTP_METHODS = List.of("GET ", "PUT ", "DELETE ", "POST ", "HEAD ",
            "OPTIONS ").stream().map(m -> m.getBytes(StandardCharsets.US_ASCII)).toList();

    private final HttpRouter router;
    private final Consumer<ChannelPipeline> upgrades;
    private boolean activeHeld;

    public ProtocolSniffer(HttpRouter router) {
        this(router, pipeline -> { });
    }

    /**
     * @param upgrades the HTTP upgrade hook ({@link HttpListener#addHttpHandlers(ChannelPipeline, HttpRouter,
     *     Consumer)}) for connections found to speak HTTP
     */
    public ProtocolSniffer(HttpRouter router, Consumer<ChannelPipeline> upgrades) {
        this.router = router;
        this.upgrades = upgrades;
    }

    /**
     * What a listener runs on each new channel after adding its AMQP handlers: puts a new sniffer in front of them.
     * A listener can take this as a plain {@code Consumer<ChannelPipeline>} and know nothing of HTTP.
     */
    public static Consumer<ChannelPipeline> installer(HttpRouter router) {
        return installer(router, pipeline -> { });
    }

    /**
     * The same, with an HTTP upgrade hook: the server passes AMQP over WebSockets, so that a client that speaks plain
     * {@code ws://} to the AMQP port (the Omnibus client in emulator mode) reaches AMQP through the HTTP detour.
     */
    public static Consumer<ChannelPipeline> installer(HttpRouter router, Consumer<ChannelPipeline> upgrades) {
        return pipeline -> pipeline.addFirst(NAME, new ProtocolSniffer(router, upgrades));
    }

    /** What a connection's first bytes say it is. */
    enum Protocol { AMQP, HTTP, UNDECIDED }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        activeHeld = true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        Protocol protocol = detect(in);
        if (protocol == Protocol.UNDECIDED) {
            return;
        }
        if (protocol == Protocol.HTTP) {
            switchToHttp(ctx.pipeline(), ctx);
        }
        if (activeHeld) {
            activeHeld = false;
            ctx.fireChannelActive();
        }
        // Removing a ByteToMessageDecoder hands the bytes it holds to the next handler.
        ctx.pipeline().remove(this);
    }

    private void switchToHttp(ChannelPipeline pipeline, ChannelHandlerContext self) {
        List<String> names = pipeline.names();
        for (int i = names.indexOf(self.name()) + 1; i < names.size(); i++) {
            ChannelHandler handler = pipeline.get(names.get(i));
            if (handler != null) {
                pipeline.remove(handler);
            }
        }
        HttpListener.addHttpHandlers(pipeline, router, upgrades);
    }

    /**
     * HTTP when the bytes start with a method and a space, AMQP when they cannot; undecided while they are a prefix
     * of a method (at most eight bytes are needed).
     */
    static Protocol detect(ByteBuf in) {
        int readable = in.readableBytes();
        int start = in.readerIndex();
        boolean couldBeHttp = false;
        for (byte[] method : HTTP_METHODS) {
            int n = Math.min(readable, method.length);
            boolean same = true;
            for (int i = 0; i < n && same; i++) {
                same = in.getByte(start + i) == method[i];
            }
            if (same && readable >= method.length) {
                return Protocol.HTTP;
            }
            couldBeHttp |= same;
        }
        return couldBeHttp || readable == 0 ? Protocol.UNDECIDED : Protocol.AMQP;
    }
}
