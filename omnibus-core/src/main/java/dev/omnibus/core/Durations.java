package dev.omnibus.core;

import java.time.Duration;

/** Service Bus duration conventions. */
public final class Durations {
    /** .NET {@code TimeSpan.MaxValue}: Service Bus's "unlimited" for TTL and auto-delete. */
    public static final Duration UNLIMITED = Duration.ofSeconds(922_337_203_685L, 477_580_700L);

    private Durations() {
    }

    public static boolean isUnlimited(Duration d) {
        return d.compareTo(UNLIMITED) >= 0;
    }

    /** {@code base + millis}, saturating at {@link Long#MAX_VALUE}. */
    public static long saturatedAdd(long base, long millis) {
        long sum = base + millis;
        return ((base ^ sum) & (millis ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    /** Milliseconds, with "unlimited" as {@link Long#MAX_VALUE}. */
    public static long toMillis(Duration d) {
        return isUnlimited(d) ? Long.MAX_VALUE : d.toMillis();
    }
}
