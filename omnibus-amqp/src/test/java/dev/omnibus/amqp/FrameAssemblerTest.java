package dev.omnibus.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameAssemblerTest {
    private static final byte[] SASL_HEADER = {'A', 'M', 'Q', 'P', 3, 1, 0, 0};
    private static final byte[] AMQP_HEADER = {'A', 'M', 'Q', 'P', 0, 1, 0, 0};

    private static byte[] frame(int bodyBytes, int fill) {
        byte[] frame = new byte[8 + bodyBytes];
        int size = frame.length;
        frame[0] = (byte) (size >>> 24);
        frame[1] = (byte) (size >>> 16);
        frame[2] = (byte) (size >>> 8);
        frame[3] = (byte) size;
        frame[4] = 2;
        Arrays.fill(frame, 8, frame.length, (byte) fill);
        return frame;
    }

    private static byte[] stream(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    void wholeFramesPassAsTheyAre() {
        FrameAssembler assembler = new FrameAssembler(256 * 1024);
        byte[] chunk = stream(SASL_HEADER, frame(20, 1), AMQP_HEADER, frame(0, 0), frame(300, 2));

        assertThat(assembler.push(chunk)).isSameAs(chunk);
        assertThat(assembler.pendingBytes()).isZero();
    }

    @Test
    void aFrameSplitOverSeveralReadsComesOutWholeOnce() {
        FrameAssembler assembler = new FrameAssembler(256 * 1024);
        byte[] first = frame(10, 1);
        byte[] second = frame(500, 2);
        byte[] all = stream(first, second);

        assertThat(assembler.push(Arrays.copyOfRange(all, 0, 2))).isEmpty();
        assertThat(assembler.push(Arrays.copyOfRange(all, 2, 30))).containsExactly(first);
        assertThat(assembler.push(Arrays.copyOfRange(all, 30, 200))).isEmpty();
        assertThat(assembler.pendingBytes()).isEqualTo(200 - first.length);
        assertThat(assembler.push(Arrays.copyOfRange(all, 200, all.length))).containsExactly(second);
        assertThat(assembler.pendingBytes()).isZero();
    }

    @Test
    void anyCuttingOfTheStreamYieldsTheSameBytesAtFrameBoundaries() {
        byte[] all = stream(SASL_HEADER, frame(30, 1), frame(5, 2), AMQP_HEADER, frame(1000, 3), frame(0, 0),
                frame(70_000, 4), frame(12, 5));
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            FrameAssembler assembler = new FrameAssembler(256 * 1024);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (at < all.length) {
                int cut = Math.min(all.length, at + 1 + random.nextInt(run % 2 == 0 ? 16 : 20_000));
                byte[] whole = assembler.push(Arrays.copyOfRange(all, at, cut));
                if (whole.length > 0) {
                    assertThat(isWholeFrames(whole)).as("run %d at %d", run, at).isTrue();
                }
                out.writeBytes(whole);
                at = cut;
            }
            assertThat(out.toByteArray()).isEqualTo(all);
            assertThat(assembler.pendingBytes()).isZero();
        }
    }

    @Test
    void readsFilledIntoItsBuffersYieldTheSameFramesAsPush() {
        byte[] all = stream(SASL_HEADER, frame(30, 1), frame(5, 2), AMQP_HEADER, frame(1000, 3), frame(0, 0),
                frame(70_000, 4), frame(12, 5));
        Random random = new Random(7);
        for (int run = 0; run < 100; run++) {
            FrameAssembler assembler = new FrameAssembler(256 * 1024);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int at = 0;
            while (at < all.length) {
                int cut = Math.min(all.length, at + 1 + random.nextInt(run % 2 == 0 ? 16 : 20_000));
                int incoming = cut - at;
                int kept = assembler.pendingBytes();
                byte[] data = assembler.buffer(incoming);
                assertThat(data).hasSize(kept + incoming);
                System.arraycopy(all, at, data, kept, incoming);
                int whole = assembler.wholeFrames(data);
                byte[] frames = Arrays.copyOf(data, whole);
                if (whole > 0) {
                    assertThat(isWholeFrames(frames)).as("run %d at %d", run, at).isTrue();
                }
                assertThat(assembler.pendingBytes()).isEqualTo(data.length - whole);
                out.writeBytes(frames);
                at = cut;
            }
            assertThat(out.toByteArray()).isEqualTo(all);
            assertThat(assembler.pendingBytes()).isZero();
        }
    }

    @Test
    void bytesThatAreNoFrameArePassedThroughFromItsBuffersToo() {
        FrameAssembler assembler = new FrameAssembler(256 * 1024);
        byte[] data = assembler.buffer(7);
        System.arraycopy(new byte[] {0, 0, 0, 3, 9, 9, 9}, 0, data, 0, 7);

        assertThat(assembler.wholeFrames(data)).isEqualTo(7);
        byte[] next = assembler.buffer(1);
        assertThat(next).hasSize(1);
        assertThat(assembler.wholeFrames(next)).isEqualTo(1);
    }

    @Test
    void bytesThatAreNoFrameArePassedThroughForTheEngineToRefuse() {
        FrameAssembler assembler = new FrameAssembler(256 * 1024);
        byte[] garbage = {0, 0, 0, 3, 9, 9, 9};

        assertThat(assembler.push(garbage)).isEqualTo(garbage);
        assertThat(assembler.push(new byte[] {1})).containsExactly(1);

        FrameAssembler tooLarge = new FrameAssembler(1024);
        byte[] huge = {0, 1, 0, 0, 2, 0, 0, 0};
        assertThat(tooLarge.push(huge)).as("a frame over the limit is not waited for").isEqualTo(huge);
    }

    private static boolean isWholeFrames(byte[] bytes) {
        int at = 0;
        while (at < bytes.length) {
            int length = bytes[at] == 'A' ? 8 : ((bytes[at] & 0xff) << 24) | ((bytes[at + 1] & 0xff) << 16)
                    | ((bytes[at + 2] & 0xff) << 8) | (bytes[at + 3] & 0xff);
            at += length;
        }
        return at == bytes.length;
    }
}
