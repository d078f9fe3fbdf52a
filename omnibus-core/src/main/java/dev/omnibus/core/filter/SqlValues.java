package dev.omnibus.core.filter;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.UUID;

/**
 * The value rules of the filter language: three-valued truth, numeric promotion and comparison.
 *
 * <p>Service Bus says operators "follow C# implicit conversion semantics whenever possible" (doc "Subscription Rule
 * SQL Filter Syntax"). So numeric operands are promoted as C# does: int, long, float, double, the wider type winning
 * (byte and short count as int). Where C# has no operator for a pair of types (a string and a number, two booleans
 * with {@code <}), the comparison is <em>unknown</em> rather than an error: a topic commonly carries messages whose
 * property types differ, and one odd message should not be dead-lettered by every subscription. String comparison
 * is ordinal and case-sensitive. A {@code Character} behaves as a one-character string.
 */
final class SqlValues {
    /** Three-valued truth: results of predicates. */
    static final int FALSE = 0;
    static final int TRUE = 1;
    static final int UNKNOWN = 2;

    /** Numeric ranks, in promotion order; {@link #NOT_NUMERIC} for everything else. */
    static final int NOT_NUMERIC = 0;
    static final int INT = 1;
    static final int LONG = 2;
    static final int FLOAT = 3;
    static final int DOUBLE = 4;

    private SqlValues() {
    }

    static int truth(boolean b) {
        return b ? TRUE : FALSE;
    }

    static int numericRank(Object v) {
        if (v instanceof Long) {
            return LONG;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return INT;
        }
        if (v instanceof Double) {
            return DOUBLE;
        }
        if (v instanceof Float) {
            return FLOAT;
        }
        return NOT_NUMERIC;
    }

    /** The value as a string when it is textual (a String or a Character), else null. */
    static String asText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        return v instanceof Character c ? String.valueOf(c.charValue()) : null;
    }

    /** Whether {@code a op b} holds: {@link #TRUE}, {@link #FALSE} or {@link #UNKNOWN}. */
    static int compare(CompareOp op, Object a, Object b) {
        if (a == null || b == null) {
            return UNKNOWN;
        }
        int ra = numericRank(a);
        int rb = numericRank(b);
        if (ra != NOT_NUMERIC && rb != NOT_NUMERIC) {
            return compareNumbers(op, Math.max(ra, rb), (Number) a, (Number) b);
        }
        if (a instanceof String sa && b instanceof String sb) {
            return op.holds(sa.compareTo(sb));
        }
        String ta = asText(a);
        String tb = asText(b);
        if (ta != null && tb != null) {
            return op.holds(ta.compareTo(tb));
        }
        if (a instanceof Boolean || a instanceof UUID) {
            if (a.getClass() != b.getClass() || !op.isEquality()) {
                return UNKNOWN;
            }
            return truth(a.equals(b) == (op == CompareOp.EQ));
        }
        if (a instanceof Instant ia && b instanceof Instant ib) {
            return op.holds(ia.compareTo(ib));
        }
        if (a instanceof Duration da && b instanceof Duration db) {
            return op.holds(da.compareTo(db));
        }
        return UNKNOWN;
    }

    /** Compares two numbers at the promoted rank; primitive operators give IEEE answers for NaN. */
    private static int compareNumbers(CompareOp op, int rank, Number a, Number b) {
        switch (rank) {
            case INT:
            case LONG: {
                return op.holds(Long.compare(a.longValue(), b.longValue()));
            }
            case FLOAT: {
                float x = a.floatValue();
                float y = b.floatValue();
                return op.holdsFloating(x < y, x == y, x > y);
            }
            default: {
                double x = a.doubleValue();
                double y = b.doubleValue();
                return op.holdsFloating(x < y, x == y, x > y);
            }
        }
    }

    /**
     * Brings a value supplied from outside (a correlation filter property, a filter parameter) to the types the
     * evaluator knows: dates become {@code Instant}s, the rest must already be one of the {@link Filterable} types.
     *
     * @throws IllegalArgumentException for a type a filter cannot compare
     */
    static Object normalize(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || numericRank(v) != NOT_NUMERIC
                || v instanceof Character || v instanceof UUID || v instanceof Instant || v instanceof Duration
                || v instanceof byte[]) {
            return v;
        }
        if (v instanceof Date d) {
            return d.toInstant();
        }
        if (v instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (v instanceof ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        throw new IllegalArgumentException("a filter value cannot be of type " + v.getClass().getName());
    }

    /**
     * Converts {@code value} to the numeric type of {@code existing} when that loses nothing, so that
     * {@code SET quantity = quantity / 2} keeps an Int32 property an Int32 (the division yields Int64, as in C#).
     * The docs say SET "performs implicit conversion if possible when the expression type and the existing property
     * type are different"; anything but an exact numeric conversion keeps the expression's type.
     */
    static Object convertLike(Object value, Object existing) {
        if (value == null || existing == null || value.getClass() == existing.getClass()
                || numericRank(value) == NOT_NUMERIC || numericRank(existing) == NOT_NUMERIC) {
            return value;
        }
        Number n = (Number) value;
        Object converted;
        if (existing instanceof Integer) {
            converted = n.intValue();
        } else if (existing instanceof Long) {
            converted = n.longValue();
        } else if (existing instanceof Short) {
            converted = n.shortValue();
        } else if (existing instanceof Byte) {
            converted = n.byteValue();
        } else if (existing instanceof Float) {
            converted = n.floatValue();
        } else {
            converted = n.doubleValue();
        }
        return compare(CompareOp.EQ, converted, value) == TRUE ? converted : value;
    }

    /** The .NET name of a value's type, which is what Service Bus users see in error texts. */
    static String typeName(Object v) {
        return v == null ? "null" : typeName(v.getClass());
    }

    static String typeName(Class<?> c) {
        if (c == String.class) {
            return "String";
        } else if (c == Integer.class) {
            return "Int32";
        } else if (c == Long.class) {
            return "Int64";
        } else if (c == Short.class) {
            return "Int16";
        } else if (c == Byte.class) {
            return "Byte";
        } else if (c == Double.class) {
            return "Double";
        } else if (c == Float.class) {
            return "Single";
        } else if (c == Boolean.class) {
            return "Boolean";
        } else if (c == Character.class) {
            return "Char";
        } else if (c == UUID.class) {
            return "Guid";
        } else if (c == Instant.class) {
            return "DateTime";
        } else if (c == Duration.class) {
            return "TimeSpan";
        } else if (c == byte[].class) {
            return "Byte[]";
        }
        return c.getSimpleName();
    }
}
