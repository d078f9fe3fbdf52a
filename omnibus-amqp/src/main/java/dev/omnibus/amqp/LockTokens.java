package dev.omnibus.amqp;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Lock tokens travel as AMQP delivery tags in .NET {@code Guid.ToByteArray()} layout: the first three groups
 * little-endian, the last eight bytes as they are. In {@code $management} bodies they are AMQP uuids in RFC order,
 * which is {@link UUID}'s own order.
 */
public final class LockTokens {
    private LockTokens() {
    }

    /** The 16-byte delivery tag for a lock token. */
    public static byte[] toDeliveryTag(UUID token) {
        byte[] rfc = ByteBuffer.allocate(16)
                .putLong(token.getMostSignificantBits())
                .putLong(token.getLeastSignificantBits())
                .array();
        return swapGuidGroups(rfc);
    }

    /** The lock token a 16-byte delivery tag carries; the inverse of {@link #toDeliveryTag(UUID)}. */
    public static UUID fromDeliveryTag(byte[] tag) {
        if (tag == null || tag.length != 16) {
            throw new IllegalArgumentException("A lock token delivery tag has 16 bytes");
        }
        ByteBuffer rfc = ByteBuffer.wrap(swapGuidGroups(tag));
        return new UUID(rfc.getLong(), rfc.getLong());
    }

    // The swap is its own inverse.
    private static byte[] swapGuidGroups(byte[] in) {
        byte[] out = new byte[16];
        out[0] = in[3];
        out[1] = in[2];
        out[2] = in[1];
        out[3] = in[0];
        out[4] = in[5];
        out[5] = in[4];
        out[6] = in[7];
        out[7] = in[6];
        System.arraycopy(in, 8, out, 8, 8);
        return out;
    }
}
