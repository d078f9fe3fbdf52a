package dev.omnibus.client.implementation.admin;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

/**
 * Value formats of the management XML: durations as .NET writes TimeSpans ({@code PT1M},
 * {@code P10675199DT2H48M5.4775807S}), times as ISO-8601 with an offset, booleans and numbers. Parsers throw
 * {@link IllegalArgumentException} naming the element.
 */
public final class XmlValues {
    /** {@code TimeSpan.MaxValue}, the service's "forever" for time-to-live and auto-delete. */
    public static final Duration MAX_DURATION = Duration.parse("P10675199DT2H48M5.4775807S");
    /** Within a second of the maximum counts as the maximum: the Java SDK writes it rounded to milliseconds. */
    private static final Duration NEARLY_MAX = MAX_DURATION.minusSeconds(1);
    /** The year the service writes for a time that never happened ({@code 0001-01-01T00:00:00}). */
    private static final int NEVER_YEAR = 1;
    private static final DatatypeFactory XSD = datatypeFactory();

    private XmlValues() {
    }

    /** {@code P[nD][T[nH][nM][n[.fffffff]S]]}: days, never months or years, as .NET's XmlConvert writes it. */
    public static String duration(Duration d) {
        Duration value = d.compareTo(NEARLY_MAX) >= 0 ? MAX_DURATION : d;
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
            if (rest.toHours() > 0) {
                out.append(rest.toHours()).append('H');
            }
            if (rest.toMinutesPart() > 0) {
                out.append(rest.toMinutesPart()).append('M');
            }
            if (rest.toSecondsPart() > 0 || rest.getNano() > 0) {
                BigDecimal seconds = BigDecimal.valueOf(rest.toSecondsPart())
                        .add(BigDecimal.valueOf(rest.getNano(), 9)).stripTrailingZeros();
                out.append(seconds.toPlainString()).append('S');
            }
        }
        return out.toString();
    }

    /** Parses an ISO-8601 / xsd duration; years and months count from the epoch. */
    public static Duration duration(String element, String text) {
        String value = text.strip();
        Duration parsed;
        try {
            parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException e) {
            try {
                parsed = Duration.ofMillis(XSD.newDuration(value).getTimeInMillis(new java.util.Date(0)));
            } catch (IllegalArgumentException | UnsupportedOperationException e2) {
                throw invalid(element, text, "an ISO-8601 duration");
            }
        }
        return parsed.compareTo(NEARLY_MAX) >= 0 ? MAX_DURATION : parsed;
    }

    /** ISO-8601 with its offset, {@code Z} for UTC. */
    public static String dateTime(OffsetDateTime at) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at);
    }

    /**
     * Parses a time; one without an offset is UTC (the service writes {@code 0001-01-01T00:00:00} for "never", which
     * is returned as null).
     */
    public static OffsetDateTime dateTime(String element, String text) {
        String value = text.strip();
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            try {
                parsed = LocalDateTime.parse(value).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw invalid(element, text, "an ISO-8601 date and time");
            }
        }
        return parsed.getYear() <= NEVER_YEAR ? null : parsed;
    }

    /** {@code true}/{@code false} (any case), or 1/0. */
    public static boolean bool(String element, String text) {
        String value = text.strip();
        if (value.equalsIgnoreCase("true") || value.equals("1")) {
            return true;
        }
        if (value.equalsIgnoreCase("false") || value.equals("0")) {
            return false;
        }
        throw invalid(element, text, "true or false");
    }

    /** A whole number. */
    public static long integer(String element, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw invalid(element, text, "a whole number");
        }
    }

    private static IllegalArgumentException invalid(String element, String text, String expected) {
        return new IllegalArgumentException("The service sent '" + text + "' for " + element + "; expected "
                + expected);
    }

    private static DatatypeFactory datatypeFactory() {
        try {
            return DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("The JDK has no javax.xml.datatype implementation", e);
        }
    }
}
