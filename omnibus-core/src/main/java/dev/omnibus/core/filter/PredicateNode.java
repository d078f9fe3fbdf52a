package dev.omnibus.core.filter;

import static dev.omnibus.core.filter.SqlValues.FALSE;
import static dev.omnibus.core.filter.SqlValues.TRUE;
import static dev.omnibus.core.filter.SqlValues.UNKNOWN;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A node of the evaluation tree that yields a truth value ({@code <predicate>} in the grammar):
 * {@link SqlValues#TRUE}, {@link SqlValues#FALSE} or {@link SqlValues#UNKNOWN}, as plain ints so the hot path boxes
 * nothing. Immutable and safe to share between threads.
 */
abstract class PredicateNode implements Node {

    abstract int test(Filterable message);

    /** The fixed truth value, or -1 when it depends on the message. */
    int constantTruth() {
        return -1;
    }

    static PredicateNode constant(int truth) {
        return new Constant(truth);
    }

    /** AND, folded when the left side is fixed (the same shortcut evaluation takes). */
    static PredicateNode and(PredicateNode left, PredicateNode right) {
        int l = left.constantTruth();
        if (l == TRUE) {
            return right;
        }
        return l == FALSE ? left : new And(left, right);
    }

    static PredicateNode or(PredicateNode left, PredicateNode right) {
        int l = left.constantTruth();
        if (l == FALSE) {
            return right;
        }
        return l == TRUE ? left : new Or(left, right);
    }

    static PredicateNode not(PredicateNode operand) {
        int c = operand.constantTruth();
        return c >= 0 ? new Constant(negate(c)) : new Not(operand);
    }

    static PredicateNode compare(CompareOp op, ValueNode left, ValueNode right) {
        if (left.isConstant() && right.isConstant()) {
            return new Constant(SqlValues.compare(op, left.eval(null), right.eval(null)));
        }
        return new Compare(op, left, right);
    }

    static int negate(int truth) {
        return truth == UNKNOWN ? UNKNOWN : truth == TRUE ? FALSE : TRUE;
    }

    static final class Constant extends PredicateNode {
        final int truth;

        Constant(int truth) {
            this.truth = truth;
        }

        @Override
        int test(Filterable message) {
            return truth;
        }

        @Override
        int constantTruth() {
            return truth;
        }
    }

    /** SQL-92 AND: false wins over unknown. */
    static final class And extends PredicateNode {
        final PredicateNode left;
        final PredicateNode right;

        And(PredicateNode left, PredicateNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        int test(Filterable message) {
            int l = left.test(message);
            if (l == FALSE) {
                return FALSE;
            }
            int r = right.test(message);
            return r == FALSE ? FALSE : (l == TRUE && r == TRUE ? TRUE : UNKNOWN);
        }
    }

    /** SQL-92 OR: true wins over unknown. */
    static final class Or extends PredicateNode {
        final PredicateNode left;
        final PredicateNode right;

        Or(PredicateNode left, PredicateNode right) {
            this.left = left;
            this.right = right;
        }

        @Override
        int test(Filterable message) {
            int l = left.test(message);
            if (l == TRUE) {
                return TRUE;
            }
            int r = right.test(message);
            return r == TRUE ? TRUE : (l == FALSE && r == FALSE ? FALSE : UNKNOWN);
        }
    }

    static final class Not extends PredicateNode {
        final PredicateNode operand;

        Not(PredicateNode operand) {
            this.operand = operand;
        }

        @Override
        int test(Filterable message) {
            return negate(operand.test(message));
        }
    }

    static final class Compare extends PredicateNode {
        final CompareOp op;
        final ValueNode left;
        final ValueNode right;

        Compare(CompareOp op, ValueNode left, ValueNode right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        int test(Filterable message) {
            return SqlValues.compare(op, left.eval(message), right.eval(message));
        }
    }

    /**
     * {@code x [NOT] IN (a, b, ...)}. Per the docs only an unknown left operand makes the result unknown; a list
     * item that is unknown, or of a type that does not compare with {@code x}, simply does not match. A list of
     * string constants becomes a hash set.
     */
    static final class In extends PredicateNode {
        final ValueNode value;
        final ValueNode[] items;
        final Set<String> strings;
        final boolean negated;

        In(ValueNode value, List<ValueNode> items, boolean negated) {
            this.value = value;
            this.items = items.toArray(new ValueNode[0]);
            this.negated = negated;
            this.strings = allStringConstants(items);
        }

        private static Set<String> allStringConstants(List<ValueNode> items) {
            Set<String> set = new HashSet<>();
            for (ValueNode item : items) {
                if (!item.isConstant() || !(item.eval(null) instanceof String s)) {
                    return null;
                }
                set.add(s);
            }
            return set;
        }

        @Override
        int test(Filterable message) {
            Object v = value.eval(message);
            if (v == null) {
                return UNKNOWN;
            }
            boolean found;
            if (strings != null) {
                String s = SqlValues.asText(v);
                found = s != null && strings.contains(s);
            } else {
                found = false;
                for (ValueNode item : items) {
                    if (SqlValues.compare(CompareOp.EQ, v, item.eval(message)) == TRUE) {
                        found = true;
                        break;
                    }
                }
            }
            return found != negated ? TRUE : FALSE;
        }
    }

    /**
     * {@code x [NOT] LIKE pattern [ESCAPE c]}. Any unknown operand gives unknown, and so does a left operand that is
     * not a string (there is nothing to match). A pattern that is not a string, or an escape that is not a
     * one-character string, fails evaluation: the docs require both.
     */
    static final class Like extends PredicateNode {
        final ValueNode value;
        final ValueNode pattern;
        final ValueNode escape;
        final LikePattern compiled;
        final boolean negated;

        Like(ValueNode value, ValueNode pattern, ValueNode escape, LikePattern compiled, boolean negated) {
            this.value = value;
            this.pattern = pattern;
            this.escape = escape;
            this.compiled = compiled;
            this.negated = negated;
        }

        @Override
        int test(Filterable message) {
            Object v = value.eval(message);
            LikePattern p = compiled != null ? compiled : compile(message);
            String s = SqlValues.asText(v);
            if (p == null || s == null) {
                return UNKNOWN;
            }
            return p.matches(s) != negated ? TRUE : FALSE;
        }

        private LikePattern compile(Filterable message) {
            Object p = pattern.eval(message);
            Object e = escape == null ? null : escape.eval(message);
            if (p == null || (escape != null && e == null)) {
                return null;
            }
            try {
                return LikePattern.compile(patternText(p), escapeChar(e));
            } catch (IllegalArgumentException ex) {
                throw new FilterEvaluationException("Invalid LIKE operand: " + ex.getMessage() + ".", ex);
            }
        }

        /** The pattern as text; a pattern of any other type is an error (shared with the parser's check). */
        static String patternText(Object p) {
            String text = SqlValues.asText(p);
            if (text == null) {
                throw new IllegalArgumentException("the LIKE pattern must be a string, not " + SqlValues.typeName(p));
            }
            return text;
        }

        static Character escapeChar(Object e) {
            if (e == null) {
                return null;
            }
            String text = SqlValues.asText(e);
            if (text == null || text.length() != 1) {
                throw new IllegalArgumentException("the ESCAPE operand must be a string of length 1");
            }
            return text.charAt(0);
        }
    }

    /** {@code property IS [NOT] NULL}: true when the property is absent or null. */
    static final class IsNull extends PredicateNode {
        final ValueNode property;
        final boolean negated;

        IsNull(ValueNode property, boolean negated) {
            this.property = property;
            this.negated = negated;
        }

        @Override
        int test(Filterable message) {
            return (property.eval(message) == null) != negated ? TRUE : FALSE;
        }
    }

    /**
     * {@code EXISTS(property)}: a user property exists when the message carries it, even with a null value; a
     * system property exists when it has a value.
     */
    static final class Exists extends PredicateNode {
        final ValueNode property;

        Exists(ValueNode property) {
            this.property = property;
        }

        @Override
        int test(Filterable message) {
            if (property instanceof ValueNode.UserRef user) {
                return message.hasUserProperty(user.name) ? TRUE : FALSE;
            }
            return property.eval(message) != null ? TRUE : FALSE;
        }
    }
}
