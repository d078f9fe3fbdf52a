package dev.omnibus.server.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request into an {@link HttpRequestView}, hands it to the router and writes the reply on the channel's
 * event loop. One request per connection is in flight at a time (reading pauses until the reply is written), so
 * replies to pipelined requests can never overtake each other even when routes answer asynchronously.
 */
final class HttpDispatchHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpDispatchHandler.class);
    private final HttpRouter router;

    HttpDispatchHandler(HttpRouter router) {
        this.router = router;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            write(ctx, HttpReply.error(HttpResponseStatus.BAD_REQUEST, "The request is not valid HTTP."), false);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpRequestView view = view(request);
        ctx.channel().config().setAutoRead(false);
        router.dispatch(view).whenComplete((reply, failure) -> ctx.executor().execute(() -> {
            HttpReply answer = failure == null ? reply
                    : HttpReply.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "The request failed on the server.");
            write(ctx, answer, keepAlive);
            ctx.channel().config().setAutoRead(true);
        }));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection {} failed", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    private static HttpRequestView view(FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        Map<String, String> headers = new HashMap<>();
        request.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        HttpMethod method = request.method();
        return new HttpRequestView(method, uri.path(), uri.parameters(), headers,
                ByteBufUtil.getBytes(request.content()));
    }

    private static void write(ChannelHandlerContext ctx, HttpReply reply, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status(),
                Unpooled.wrappedBuffer(reply.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
        reply.headers().forEach(response.headers()::set);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
