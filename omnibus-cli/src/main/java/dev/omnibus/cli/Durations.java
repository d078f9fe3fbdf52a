package dev.omnibus.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Durations on the command line: ISO-8601 ({@code PT30S}, {@code P1D}), short forms ({@code 500ms}, {@code 30s},
 * {@code 5m}, {@code 2h}, {@code 14d}), or {@code unlimited} (Service Bus's maximum, TimeSpan.MaxValue). Written back
 * as {@code unlimited} or {@code 1h30m} in tables, ISO-8601 in JSON.
 */
final class Durations implements CommandLine.ITypeConverter<Duration> {
    /** TimeSpan.MaxValue: what Service Bus means by "never" for time-to-live and auto-delete. */
    static final Duration UNLIMITED = Duration.parse("P10675199DT2H48M5.4775807S");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final Pattern SHORT = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h|d))+");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        if (text.equals("unlimited") || text.equals("max") || text.equals("forever")) {
            return UNLIMITED;
        }
        if (SHORT.matcher(text).matches()) {
            BigDecimal millis = BigDecimal.ZERO;
            Matcher m = PART.matcher(text);
            while (m.find()) {
                BigDecimal amount = new BigDecimal(m.group(1));
                millis = millis.add(switch (m.group(2)) {
                    case "ms" -> amount;
                    case "s" -> amount.multiply(BigDecimal.valueOf(1_000));
                    case "m" -> amount.multiply(BigDecimal.valueOf(60_000));
                    case "h" -> amount.multiply(BigDecimal.valueOf(3_600_000));
                    default -> amount.multiply(BigDecimal.valueOf(86_400_000));
                });
            }
            return Duration.ofMillis(millis.longValue());
        }
        try {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value
                    + "' is not a duration; use 30s, 5m, 1h30m, 14d, 500ms, an ISO-8601 duration (PT1M) or unlimited");
        }
    }

    /** For people: {@code unlimited}, or {@code 1d2h}, {@code 30s}, {@code 1m30s}, {@code 250ms} (parseable back). */
    static String format(Duration d) {
        if (d == null) {
            return null;
        }
        if (d.compareTo(UNLIMITED.minusSeconds(1)) >= 0) {
            return "unlimited";
        }
        if (d.isZero() || d.isNegative()) {
            return iso(d);
        }
        StringBuilder out = new StringBuilder();
        append(out, d.toDaysPart(), "d");
        append(out, d.toHoursPart(), "h");
        append(out, d.toMinutesPart(), "m");
        append(out, d.toSecondsPart(), "s");
        append(out, d.toMillisPart(), "ms");
        return out.length() == 0 ? iso(d) : out.toString();
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount > 0) {
            out.append(amount).append(unit);
        }
    }

    /** ISO-8601 with days, as Service Bus writes durations; the maximum exactly as TimeSpan.MaxValue. */
    static String iso(Duration d) {
        if (d.isZero()) {
            return "PT0S";
        }
        Duration value = d.compareTo(UNLIMITED.minusSeconds(1)) >= 0 ? UNLIMITED : d;
        StringBuilder out = new StringBuilder("P");
        long days = value.toDays();
        Duration rest = value.minusDays(days);
        if (days > 0) {
            out.append(days).append('D');
        }
        if (!rest.isZero()) {
            out.append('T');
            if (rest.toHours() > 0) {
                out.append(rest.toHours()).append('H');
            }
            if (rest.toMinutesPart() > 0) {
                out.append(rest.toMinutesPart()).append('M');
            }
            if (rest.toSecondsPart() > 0 || rest.getNano() > 0) {
                out.append(BigDecimal.valueOf(rest.toSecondsPart()).add(BigDecimal.valueOf(rest.getNano(), 9))
                        .stripTrailingZeros().toPlainString()).append('S');
            }
        }
        return out.toString();
    }
}
