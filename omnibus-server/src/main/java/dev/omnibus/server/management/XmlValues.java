package dev.omnibus.server.management;

import dev.omnibus.core.Durations;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

/**
 * Value formats of the management XML: durations as .NET writes TimeSpans ({@code PT1M},
 * {@code P10675199DT2H48M5.4775807S}), instants as ISO-8601 UTC with {@code Z}, booleans, numbers. Parsers throw
 * {@link IllegalArgumentException} naming the element, which the API answers with a 400.
 */
final class XmlValues {
    /** What the service writes for a time that never happened (an entity never accessed). */
    static final String NEVER = "0001-01-01T00:00:00Z";
    private static final DatatypeFactory XSD_TYPES = datatypeFactory();
    private static final Duration NEARLY_UNLIMITED = Durations.UNLIMITED.minusSeconds(1);

    private XmlValues() {
    }

    /** {@code P[nD][T[nH][nM][n[.fffffff]S]]} with days, never years or months, as .NET's XmlConvert writes it. */
    static String duration(Duration d) {
        Duration value = Durations.isUnlimited(d) ? Durations.UNLIMITED : d;
        if (value.isZero()) {
            return "PT0S";
        }
        StringBuilder out = new StringBuilder(value.isNegative() ? "-P" : "P");
        Duration rest = value.abs();
        long days = rest.toDays();
        rest = rest.minusDays(days);
        if (days > 0) {
            out.append(days).append('D');
        }
        if (!rest.isZero()) {
            out.append('T');
            long hours = rest.toHours();
            long minutes = rest.toMinutesPart();
            if (hours > 0) {
                out.append(hours).append('H');
            }
            if (minutes > 0) {
                out.append(minutes).append('M');
            }
            if (rest.toSecondsPart() > 0 || rest.getNano() > 0) {
                BigDecimal seconds = BigDecimal.valueOf(rest.toSecondsPart())
                        .add(BigDecimal.valueOf(rest.getNano(), 9)).stripTrailingZeros();
                out.append(seconds.toPlainString()).append('S');
            }
        }
        return out.toString();
    }

    /**
     * Parses an ISO-8601 duration. Java's own form (days, hours, minutes, seconds) covers what the SDKs send; years,
     * months and weeks, legal in xsd:duration, are counted from the epoch. Longer than TimeSpan.MaxValue is unlimited.
     */
    static Duration duration(String element, String text) {
        String value = text.trim();
        try {
            return cap(Duration.parse(value.toUpperCase(Locale.ROOT)));
        } catch (DateTimeParseException | ArithmeticException e) {
            try {
                return cap(Duration.ofMillis(XSD_TYPES.newDuration(value).getTimeInMillis(new java.util.Date(0))));
            } catch (IllegalArgumentException | UnsupportedOperationException | NullPointerException e2) {
                throw invalid(element, text, "an ISO-8601 duration such as PT1M or P14D");
            }
        }
    }

    /**
     * Durations within a second of TimeSpan.MaxValue are "unlimited": the Java client sends it rounded to
     * milliseconds ({@code P10675199DT2H48M5.477S}), and it must read back as the canonical value.
     */
    private static Duration cap(Duration d) {
        return d.compareTo(NEARLY_UNLIMITED) >= 0 ? Durations.UNLIMITED : d;
    }

    /** UTC with {@code Z}; null (never happened) as the service writes it, {@link #NEVER}. */
    static String instant(Instant at) {
        return at == null ? NEVER : DateTimeFormatter.ISO_INSTANT.format(at);
    }

    static Instant instant(String element, String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text.trim() + "Z");
            } catch (DateTimeParseException e2) {
                throw invalid(element, text, "an ISO-8601 date and time");
            }
        }
    }

    static boolean bool(String element, String text) {
        String value = text.trim();
        if (value.equalsIgnoreCase("true") || value.equals("1")) {
            return true;
        }
        if (value.equalsIgnoreCase("false") || value.equals("0")) {
            return false;
        }
        throw invalid(element, text, "true or false");
    }

    static long integer(String element, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw invalid(element, text, "a whole number");
        }
    }

    static int int32(String element, String text) {
        long value = integer(element, text);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw invalid(element, text, "a 32-bit whole number");
        }
        return (int) value;
    }

    private static IllegalArgumentException invalid(String element, String text, String expected) {
        return new IllegalArgumentException("The value '" + text + "' of " + element + " is not valid; expected "
                + expected + ".");
    }

    private static DatatypeFactory datatypeFactory() {
        try {
            return DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("The JDK has no javax.xml.datatype implementation", e);
        }
    }
}
