package dev.omnibus.amqp;

import java.util.Arrays;

/**
 * Cuts an incoming AMQP byte stream at frame boundaries, so an AMQP engine is only ever given whole frames (and
 * whole 8-byte protocol headers): each {@link #push(byte[])} returns the bytes up to the last complete frame, and
 * keeps the rest until more arrive.
 *
 * <p>Why: protonj2 1.1.0 buffers a frame that spans several reads in a {@code ProtonCompositeBuffer}, whose
 * {@code copy(index, length)} computes the chunks to copy from the absolute index instead of the index within the
 * chunk it starts in ({@code ProtonCompositeBufferImpl}, {@code remaining = length - (buffers[startingPoint]
 * .capacity() - index)}). A symbol that starts in the second or a later chunk of a frame split over three or more
 * reads then fails with {@code IndexOutOfBoundsException: Index -N is out of bounds}, and the engine fails the whole
 * connection. Attaches with filters and properties, split by TCP under load, hit it. Whole frames never go through
 * that buffer.
 *
 * <p>A frame starts with its 4-byte size; a protocol header starts with {@code "AMQP"} (a size beginning with
 * {@code 'A'} would be over a gigabyte, more than any peer allows). A size below 8, or above the largest frame this
 * side accepts, is not a frame it will take: from there on the bytes are passed through as they come, so the engine
 * reports the malformed stream as it would have. Not thread-safe: one per connection, used on its event loop.
 */
public final class FrameAssembler {
    private static final byte[] NOTHING = new byte[0];
    private static final int HEADER_BYTES = 8;
    private static final int MIN_FRAME_BYTES = 8;

    private final long maxFrameBytes;
    private byte[] pending = NOTHING;
    private boolean passThrough;

    /**
     * @param maxFrameBytes the largest frame this side accepts (its max-frame-size); larger sizes are passed through
     *                      for the engine to refuse instead of being waited for
     */
    public FrameAssembler(long maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Takes the next bytes read from the peer.
     *
     * @param bytes the bytes, which this object may keep (do not change them afterwards)
     * @return whole frames and headers to give the engine now, possibly none (an empty array)
     */
    public byte[] push(byte[] bytes) {
        if (passThrough) {
            return bytes;
        }
        byte[] data = pending.length == 0 ? bytes : concat(pending, bytes);
        int boundary = wholeFrames(data);
        if (boundary == data.length) {
            return data;
        }
        return boundary == 0 ? NOTHING : Arrays.copyOf(data, boundary);
    }

    /**
     * An array for the next read without copying it twice: the kept part of an incomplete frame is at its start,
     * and the caller fills the {@code incoming} bytes after it, then calls {@link #wholeFrames(byte[])}.
     */
    public byte[] buffer(int incoming) {
        byte[] data = new byte[pending.length + incoming];
        System.arraycopy(pending, 0, data, 0, pending.length);
        return data;
    }

    /**
     * Takes an array from {@link #buffer(int)}, filled.
     *
     * @return how many bytes at its start are whole frames and headers, to give the engine now (maybe 0); the rest
     *     is kept until more arrive
     */
    public int wholeFrames(byte[] data) {
        if (passThrough) {
            pending = NOTHING;
            return data.length;
        }
        int boundary = 0;
        while (true) {
            int remaining = data.length - boundary;
            if (remaining < 4) {
                break;
            }
            int length;
            if (data[boundary] == 'A') {
                length = HEADER_BYTES;
            } else {
                long size = ((long) (data[boundary] & 0xff) << 24) | ((data[boundary + 1] & 0xff) << 16)
                        | ((data[boundary + 2] & 0xff) << 8) | (data[boundary + 3] & 0xff);
                length = (int) Math.min(size, Integer.MAX_VALUE);
                if (size < MIN_FRAME_BYTES || size > maxFrameBytes) {
                    passThrough = true; // not a frame: let the engine see the stream as it is and fail on it
                    pending = NOTHING;
                    return data.length;
                }
            }
            if (remaining < length) {
                break;
            }
            boundary += length;
        }
        pending = boundary == data.length ? NOTHING : Arrays.copyOfRange(data, boundary, data.length);
        return boundary;
    }

    /** @return how many bytes of an incomplete frame are waiting for the rest */
    public int pendingBytes() {
        return pending.length;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
