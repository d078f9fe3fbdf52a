package dev.omnibus.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.qpid.protonj2.types.transport.Open;

/**
 * A raw AMQP client over any byte stream (a socket, a TLS socket, a WebSocket): it writes bytes exactly as the Java
 * SDK does and reads frames back, so tests see the wire itself.
 */
public final class RawAmqpClient implements AutoCloseable {
    public static final byte[] SASL_HEADER = {'A', 'M', 'Q', 'P', 3, 1, 0, 0};
    public static final byte[] AMQP_HEADER = {'A', 'M', 'Q', 'P', 0, 1, 0, 0};
    /** sasl-init(mechanism=ANONYMOUS), exactly as the Java SDK pipelines it after the header. */
    public static final byte[] SASL_INIT_ANONYMOUS = HexFormat.of().parseHex(
            "0000001902010000005341c00c01a309414e4f4e594d4f5553");

    final DataInputStream in;
    private final OutputStream out;
    private final Closeable closer;

    public RawAmqpClient(InputStream in, OutputStream out, Closeable closer) {
        this.in = new DataInputStream(in);
        this.out = out;
        this.closer = closer;
    }

    /** Over a connected socket, reads time out after 5 s. */
    public static RawAmqpClient over(Socket socket) throws IOException {
        socket.setSoTimeout(5_000);
        return new RawAmqpClient(socket.getInputStream(), socket.getOutputStream(), socket);
    }

    public byte[] read(int n) throws IOException {
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    /** One frame: {type, body...}. */
    public byte[] frame() throws IOException {
        int size = in.readInt();
        byte[] rest = read(size - 4);
        int doff = rest[0] * 4;
        byte[] out = new byte[1 + size - doff];
        out[0] = rest[1];
        System.arraycopy(rest, doff - 4, out, 1, size - doff);
        return out;
    }

    public void write(byte[]... parts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        out.write(all.toByteArray());
        out.flush();
    }

    /** SASL ANONYMOUS pipelined after the header, then the AMQP header and an open; checks every answer. */
    public void handshake(long idleTimeoutMillis) throws IOException {
        write(SASL_HEADER, SASL_INIT_ANONYMOUS);
        assertThat(read(8)).isEqualTo(SASL_HEADER);
        byte[] mechanisms = frame();
        assertThat(mechanisms[0]).isEqualTo((byte) 1);
        String text = new String(mechanisms, StandardCharsets.US_ASCII);
        assertThat(text).contains("MSSBCBS").contains("ANONYMOUS").contains("PLAIN");
        byte[] outcome = frame();
        // sasl-outcome (descriptor 0x44) with code ok (ubyte 0).
        assertThat(outcome).containsSequence(0x00, 0x53, 0x44);
        assertThat(outcome).containsSequence(0x50, 0x00);

        write(AMQP_HEADER, amqpFrame(ProtonCodec.encode(
                new Open().setContainerId("raw").setIdleTimeout(idleTimeoutMillis))));
        assertThat(read(8)).isEqualTo(AMQP_HEADER);
        byte[] open = frame();
        assertThat(open).containsSequence(0x00, 0x53, 0x10);
    }

    /** An AMQP frame on channel 0 around a performative's encoding. */
    public static byte[] amqpFrame(byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length).put((byte) 2).put((byte) 0)
                .putShort((short) 0).put(body).array();
    }

    @Override
    public void close() throws IOException {
        closer.close();
    }
}
