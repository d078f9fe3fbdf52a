package dev.omnibus.core.filter;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * The arithmetic operators, with C#'s operator binding (doc "Subscription Rule SQL Filter Syntax": arithmetic
 * "follow[s] the same semantics as the C# operator binding in data type promotions and implicit conversions").
 *
 * <ul>
 *   <li>Numbers promote to int, long, float or double, the wider operand winning; int and long wrap on overflow
 *       (C# is unchecked by default).</li>
 *   <li>Integer division or remainder by zero, and {@code MinValue / -1}, fail as they do in C#
 *       ({@code DivideByZeroException}, {@code OverflowException}); floating-point division gives infinities.</li>
 *   <li>{@code +} with a string operand concatenates, formatting the other operand as .NET would.</li>
 *   <li>DateTime and TimeSpan combine as in C#: instant - instant, instant ± duration, duration ± duration.</li>
 *   <li>Any other pair of types has no operator in C#: evaluation fails.</li>
 * </ul>
 * An unknown (null) operand makes the result unknown.
 */
final class Arithmetic {
    enum Op {
        ADD('+'), SUBTRACT('-'), MULTIPLY('*'), DIVIDE('/'), MODULO('%');

        final char symbol;

        Op(char symbol) {
            this.symbol = symbol;
        }

        static Op fromSymbol(String s) {
            for (Op op : values()) {
                if (s.length() == 1 && s.charAt(0) == op.symbol) {
                    return op;
                }
            }
            return null;
        }
    }

    private Arithmetic() {
    }

    static Object apply(Op op, Object a, Object b) {
        if (a == null || b == null) {
            return null;
        }
        int ra = SqlValues.numericRank(a);
        int rb = SqlValues.numericRank(b);
        if (ra != SqlValues.NOT_NUMERIC && rb != SqlValues.NOT_NUMERIC) {
            return numeric(op, Math.max(ra, rb), (Number) a, (Number) b);
        }
        if (op == Op.ADD && (a instanceof String || b instanceof String)) {
            return CSharpText.of(a).concat(CSharpText.of(b));
        }
        if (a instanceof Instant || a instanceof Duration) {
            Object result = temporal(op, a, b);
            if (result != null) {
                return result;
            }
        }
        throw new FilterEvaluationException("Operator '" + op.symbol + "' cannot be applied to operands of type '"
                + SqlValues.typeName(a) + "' and '" + SqlValues.typeName(b) + "'.");
    }

    /** Unary minus; unary plus only checks that the operand is a number or a TimeSpan. */
    static Object unary(boolean negate, Object v) {
        if (v == null) {
            return null;
        }
        switch (SqlValues.numericRank(v)) {
            case SqlValues.INT:
                return negate ? -((Number) v).intValue() : (Object) ((Number) v).intValue();
            case SqlValues.LONG:
                return negate ? -(Long) v : v;
            case SqlValues.FLOAT:
                return negate ? -(Float) v : v;
            case SqlValues.DOUBLE:
                return negate ? -(Double) v : v;
            default:
                if (v instanceof Duration d) {
                    return negate ? d.negated() : d;
                }
                throw new FilterEvaluationException("Operator '" + (negate ? '-' : '+')
                        + "' cannot be applied to an operand of type '" + SqlValues.typeName(v) + "'.");
        }
    }

    private static Object numeric(Op op, int rank, Number a, Number b) {
        switch (rank) {
            case SqlValues.INT:
                return ints(op, a.intValue(), b.intValue());
            case SqlValues.LONG:
                return longs(op, a.longValue(), b.longValue());
            case SqlValues.FLOAT: {
                float x = a.floatValue();
                float y = b.floatValue();
                switch (op) {
                    case ADD: return x + y;
                    case SUBTRACT: return x - y;
                    case MULTIPLY: return x * y;
                    case DIVIDE: return x / y;
                    default: return x % y;
                }
            }
            default: {
                double x = a.doubleValue();
                double y = b.doubleValue();
                switch (op) {
                    case ADD: return x + y;
                    case SUBTRACT: return x - y;
                    case MULTIPLY: return x * y;
                    case DIVIDE: return x / y;
                    default: return x % y;
                }
            }
        }
    }

    private static Integer ints(Op op, int x, int y) {
        switch (op) {
            case ADD: return x + y;
            case SUBTRACT: return x - y;
            case MULTIPLY: return x * y;
            default:
                checkDivision(y == 0, x == Integer.MIN_VALUE && y == -1, op);
                return op == Op.DIVIDE ? x / y : x % y;
        }
    }

    private static Long longs(Op op, long x, long y) {
        switch (op) {
            case ADD: return x + y;
            case SUBTRACT: return x - y;
            case MULTIPLY: return x * y;
            default:
                checkDivision(y == 0, x == Long.MIN_VALUE && y == -1, op);
                return op == Op.DIVIDE ? x / y : x % y;
        }
    }

    private static void checkDivision(boolean byZero, boolean overflows, Op op) {
        if (byZero) {
            throw new FilterEvaluationException("Attempted to divide by zero (integer operator '" + op.symbol + "').");
        }
        if (overflows) {
            throw new FilterEvaluationException("Arithmetic operation resulted in an overflow (operator '"
                    + op.symbol + "').");
        }
    }

    /** Instant and Duration arithmetic, or null when C# has no such operator. */
    private static Object temporal(Op op, Object a, Object b) {
        try {
            if (a instanceof Instant ia) {
                if (b instanceof Instant ib && op == Op.SUBTRACT) {
                    return Duration.between(ib, ia);
                }
                if (b instanceof Duration db && (op == Op.ADD || op == Op.SUBTRACT)) {
                    return op == Op.ADD ? ia.plus(db) : ia.minus(db);
                }
                return null;
            }
            Duration da = (Duration) a;
            if (b instanceof Duration db && (op == Op.ADD || op == Op.SUBTRACT)) {
                return op == Op.ADD ? da.plus(db) : da.minus(db);
            }
            if (b instanceof Instant ib && op == Op.ADD) {
                return ib.plus(da);
            }
            return null;
        } catch (DateTimeException | ArithmeticException e) {
            throw new FilterEvaluationException("The result of operator '" + op.symbol
                    + "' is out of the representable range.", e);
        }
    }

    /** .NET's {@code ToString()} of the values a filter handles, for string concatenation. */
    static final class CSharpText {
        private CSharpText() {
        }

        static String of(Object v) {
            if (v instanceof String s) {
                return s;
            }
            if (v instanceof Boolean b) {
                return b ? "True" : "False";
            }
            if (v instanceof Double d) {
                return floating(d, Double.toString(Math.abs(d)), 15);
            }
            if (v instanceof Float f) {
                return floating(f, Float.toString(Math.abs(f)), 7);
            }
            if (v instanceof Duration d) {
                return timeSpan(d);
            }
            if (v instanceof byte[]) {
                return "System.Byte[]";
            }
            return String.valueOf(v);
        }

        /**
         * Shortest round-trip digits, in plain notation unless the decimal exponent reaches the type's precision
         * (15 for double, 7 for float) or drops to -5, as .NET Core 3.0+ prints them ("1E+15", "1E-05").
         */
        private static String floating(double value, String javaDigits, int precision) {
            if (Double.isNaN(value)) {
                return "NaN";
            }
            if (Double.isInfinite(value)) {
                return value > 0 ? "Infinity" : "-Infinity";
            }
            String sign = (value < 0 || (value == 0 && 1 / value < 0)) ? "-" : "";
            if (value == 0) {
                return sign + "0";
            }
            BigDecimal bd = new BigDecimal(javaDigits).stripTrailingZeros();
            int exponent = bd.precision() - bd.scale() - 1;
            if (exponent >= precision || exponent <= -5) {
                String digits = bd.unscaledValue().toString();
                String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
                String exp = String.format("%02d", Math.abs(exponent));
                return sign + mantissa + "E" + (exponent < 0 ? "-" : "+") + exp;
            }
            return sign + bd.toPlainString();
        }

        /** {@code [-][d.]hh:mm:ss[.fffffff]}, the constant ("c") format of TimeSpan. */
        private static String timeSpan(Duration d) {
            StringBuilder sb = new StringBuilder();
            Duration abs = d.abs();
            if (d.isNegative()) {
                sb.append('-');
            }
            long days = abs.toDays();
            if (days > 0) {
                sb.append(days).append('.');
            }
            sb.append(String.format("%02d:%02d:%02d", abs.toHoursPart(), abs.toMinutesPart(), abs.toSecondsPart()));
            long ticks = abs.toNanosPart() / 100;
            if (ticks > 0) {
                sb.append('.').append(String.format("%07d", ticks));
            }
            return sb.toString();
        }
    }
}
