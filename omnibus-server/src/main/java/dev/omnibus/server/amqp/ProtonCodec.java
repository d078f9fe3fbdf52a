package dev.omnibus.server.amqp;

import java.util.ArrayList;
import java.util.List;
import org.apache.qpid.protonj2.buffer.ProtonBuffer;
import org.apache.qpid.protonj2.buffer.impl.ProtonByteArrayBufferAllocator;
import org.apache.qpid.protonj2.codec.CodecFactory;
import org.apache.qpid.protonj2.codec.Decoder;
import org.apache.qpid.protonj2.codec.DecoderState;
import org.apache.qpid.protonj2.codec.Encoder;
import org.apache.qpid.protonj2.codec.EncoderState;

/**
 * protonj2's object codec for the parts it round-trips exactly (header, properties, request and response messages
 * of the {@code $cbs} and {@code $management} nodes). Decoder and encoder states are per thread: event loops and
 * mailboxes each get their own.
 */
final class ProtonCodec {
    private static final Decoder DECODER = CodecFactory.getDefaultDecoder();
    private static final Encoder ENCODER = CodecFactory.getDefaultEncoder();
    private static final ThreadLocal<DecoderState> DECODER_STATE = ThreadLocal.withInitial(DECODER::newDecoderState);
    private static final ThreadLocal<EncoderState> ENCODER_STATE = ThreadLocal.withInitial(ENCODER::newEncoderState);

    private ProtonCodec() {
    }

    /** Decodes the single value in {@code b[start, end)}. */
    static Object decode(byte[] b, int start, int end) {
        ProtonBuffer buffer = ProtonByteArrayBufferAllocator.wrapped(b, start, end - start);
        try {
            return DECODER.readObject(buffer, DECODER_STATE.get().reset());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Undecodable AMQP value: " + e.getMessage(), e);
        }
    }

    /** Decodes every value in {@code b}, e.g. all sections of a message. */
    static List<Object> decodeAll(byte[] b) {
        ProtonBuffer buffer = ProtonByteArrayBufferAllocator.wrapped(b);
        List<Object> out = new ArrayList<>(4);
        try {
            while (buffer.isReadable()) {
                out.add(DECODER.readObject(buffer, DECODER_STATE.get().reset()));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Undecodable AMQP message: " + e.getMessage(), e);
        }
        return out;
    }

    /** Appends the encoding of each value (sections, described types, maps ...) to {@code sink}. */
    static AmqpSink encode(AmqpSink sink, Object... values) {
        ProtonBuffer buffer = ProtonByteArrayBufferAllocator.allocator().allocate(256);
        EncoderState state = ENCODER_STATE.get();
        for (Object v : values) {
            if (v != null) {
                ENCODER.writeObject(buffer, state.reset(), v);
            }
        }
        byte[] bytes = new byte[buffer.getReadableBytes()];
        buffer.readBytes(bytes, 0, bytes.length);
        return sink.raw(bytes);
    }

    /** The encoding of the values as one byte array. */
    static byte[] encode(Object... values) {
        return encode(new AmqpSink(256), values).toByteArray();
    }
}
