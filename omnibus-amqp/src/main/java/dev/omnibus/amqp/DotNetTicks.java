package dev.omnibus.amqp;

import java.time.Instant;

/** .NET ticks (100 ns since 0001-01-01T00:00:00Z), used by {@code com.microsoft:locked-until-utc}. */
public final class DotNetTicks {
    /** Ticks at the Unix epoch. */
    public static final long EPOCH_TICKS = 621_355_968_000_000_000L;

    private DotNetTicks() {
    }

    public static long fromEpochMillis(long millis) {
        return millis * 10_000 + EPOCH_TICKS;
    }

    public static long toEpochMillis(long ticks) {
        return (ticks - EPOCH_TICKS) / 10_000;
    }

    public static long fromInstant(Instant instant) {
        return fromEpochMillis(instant.toEpochMilli());
    }

    public static Instant toInstant(long ticks) {
        return Instant.ofEpochMilli(toEpochMillis(ticks));
    }
}
