package dev.omnibus.server.management;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.server.http.HealthRoute;
import dev.omnibus.server.http.HttpRouter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolSnifferTest {
    private static final byte[] AMQP_HEADER = {'A', 'M', 'Q', 'P', 3, 1, 0, 0};
    private final StandInAmqp amqp = new StandInAmqp();
    private final EmbeddedChannel channel = new EmbeddedChannel();

    ProtocolSnifferTest() {
        // As the AMQP listener builds its pipeline, with the one-line hook installing the sniffer in front.
        channel.pipeline().addLast("amqp", amqp);
        ProtocolSniffer.installer(new HttpRouter(List.of(HealthRoute.create(() -> true)))).accept(channel.pipeline());
        channel.pipeline().fireChannelActive();
    }

    /** Records what the AMQP side would see. */
    static final class StandInAmqp extends ChannelInboundHandlerAdapter {
        int activations;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            activations++;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf buf = (ByteBuf) msg;
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            received.writeBytes(bytes);
            ReferenceCountUtil.release(msg);
        }
    }

    @Test
    void amqpHeaderAndWhatFollowsGoToTheAmqpHandler() {
        channel.writeInbound(Unpooled.wrappedBuffer(AMQP_HEADER, new byte[] {0, 0, 0, 0x19}));

        assertThat(amqp.activations).isEqualTo(1);
        assertThat(amqp.received.toByteArray()).startsWith(AMQP_HEADER).hasSize(12);
        assertThat(channel.pipeline().get(ProtocolSniffer.NAME)).isNull();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {1, 2}));
        assertThat(amqp.received.size()).isEqualTo(14);
    }

    @Test
    void httpRequestIsAnsweredByTheRoutesAndTheAmqpHandlerNeverStarts() {
        channel.writeInbound(ascii("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"));
        channel.runPendingTasks();

        String response = outbound();
        assertThat(response).startsWith("HTTP/1.1 200 OK").endsWith("{\"status\":\"healthy\",\"message\":\"Service is healthy.\"}");
        assertThat(amqp.activations).isZero();
        assertThat(channel.pipeline().get("amqp")).isNull();
        assertThat(channel.pipeline().get(ProtocolSniffer.NAME)).isNull();
    }

    @Test
    void aMethodSplitOverTwoReadsWaitsForTheRest() {
        channel.writeInbound(ascii("GE"));
        assertThat(channel.pipeline().get(ProtocolSniffer.NAME)).isNotNull();
        assertThat(amqp.activations).isZero();

        channel.writeInbound(ascii("T /health HTTP/1.1\r\n\r\n"));
        channel.runPendingTasks();

        assertThat(outbound()).startsWith("HTTP/1.1 200 OK");
    }

    @Test
    void anythingElseIsLeftToTheAmqpHandler() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x16, 0x03, 0x01}));

        assertThat(amqp.activations).isEqualTo(1);
        assertThat(amqp.received.toByteArray()).containsExactly(0x16, 0x03, 0x01);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET ", "PUT ", "DELETE ", "POST ", "HEAD ", "OPTIONS "})
    void everyMethodIsHttp(String method) {
        assertThat(ProtocolSniffer.detect(ascii(method + "/ HTTP/1.1"))).isEqualTo(ProtocolSniffer.Protocol.HTTP);
        assertThat(ProtocolSniffer.detect(ascii(method.substring(0, method.length() - 1))))
                .isEqualTo(ProtocolSniffer.Protocol.UNDECIDED);
    }

    @Test
    void prefixesOfAmqpAreDecidedAtOnce() {
        assertThat(ProtocolSniffer.detect(ascii("A"))).isEqualTo(ProtocolSniffer.Protocol.AMQP);
        assertThat(ProtocolSniffer.detect(ascii("GETX"))).isEqualTo(ProtocolSniffer.Protocol.AMQP);
        assertThat(ProtocolSniffer.detect(Unpooled.EMPTY_BUFFER)).isEqualTo(ProtocolSniffer.Protocol.UNDECIDED);
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    private String outbound() {
        StringBuilder text = new StringBuilder();
        for (ByteBuf buf = channel.readOutbound(); buf != null; buf = channel.readOutbound()) {
            text.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return text.toString();
    }
}
