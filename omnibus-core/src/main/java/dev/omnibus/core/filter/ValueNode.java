package dev.omnibus.core.filter;

import java.util.Locale;
import java.util.UUID;

/**
 * A node of the evaluation tree that yields a value ({@code <expression>} in the grammar). Null means unknown.
 * Property names are resolved by the parser, so evaluating a property is one call on the {@link Filterable}.
 * Immutable and safe to share between threads.
 */
abstract class ValueNode implements Node {

    abstract Object eval(Filterable message);

    /** Whether the value is fixed at parse time, so the parser may fold it. */
    boolean isConstant() {
        return false;
    }

    static ValueNode constant(Object value) {
        return new Constant(value);
    }

    /** {@code left op right}, folded to a constant when both sides are constants and the operation succeeds. */
    static ValueNode arithmetic(Arithmetic.Op op, ValueNode left, ValueNode right) {
        ValueNode node = new Binary(op, left, right);
        if (left.isConstant() && right.isConstant()) {
            try {
                return new Constant(node.eval(null));
            } catch (FilterEvaluationException e) {
                // Kept unfolded: the error belongs to evaluation time, where the broker can dead-letter the copy.
                return node;
            }
        }
        return node;
    }

    static ValueNode unary(boolean negate, ValueNode operand) {
        ValueNode node = new Unary(negate, operand);
        if (operand.isConstant()) {
            try {
                return new Constant(node.eval(null));
            } catch (FilterEvaluationException e) {
                return node;
            }
        }
        return node;
    }

    /** A literal, a parameter or a folded expression. */
    static final class Constant extends ValueNode {
        final Object value;

        Constant(Object value) {
            this.value = value;
        }

        @Override
        Object eval(Filterable message) {
            return value;
        }

        @Override
        boolean isConstant() {
            return true;
        }
    }

    /** {@code sys.<name>}. */
    static final class SystemRef extends ValueNode {
        final SystemProperty property;

        SystemRef(SystemProperty property) {
            this.property = property;
        }

        @Override
        Object eval(Filterable message) {
            return message.systemProperty(property);
        }
    }

    /** {@code user.<name>} or a bare name. */
    static final class UserRef extends ValueNode {
        final String name;

        UserRef(String name) {
            this.name = name;
        }

        @Override
        Object eval(Filterable message) {
            return message.userProperty(name);
        }
    }

    /**
     * {@code property(expr)} / {@code p(expr)} whose name is only known per message. The name may carry a
     * {@code sys.} or {@code user.} scope like a written reference; an unknown system name fails evaluation.
     */
    static final class DynamicRef extends ValueNode {
        final ValueNode name;

        DynamicRef(ValueNode name) {
            this.name = name;
        }

        @Override
        Object eval(Filterable message) {
            Object n = name.eval(message);
            if (n == null) {
                return null;
            }
            String text = SqlValues.asText(n);
            if (text == null) {
                throw new FilterEvaluationException("The argument of property() must be a string, not '"
                        + SqlValues.typeName(n) + "'.");
            }
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.startsWith("sys.")) {
                SystemProperty p = SystemProperty.byName(text.substring(4));
                if (p == null) {
                    throw new FilterEvaluationException("The system property '" + text + "' does not exist.");
                }
                return message.systemProperty(p);
            }
            return message.userProperty(lower.startsWith("user.") ? text.substring(5) : text);
        }
    }

    /** {@code newid()}: a new random GUID per evaluation. */
    static final class NewId extends ValueNode {
        @Override
        Object eval(Filterable message) {
            return UUID.randomUUID();
        }
    }

    /** {@code left op right}. */
    static final class Binary extends ValueNode {
        final Arithmetic.Op op;
        final ValueNode left;
        final ValueNode right;

        Binary(Arithmetic.Op op, ValueNode left, ValueNode right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        Object eval(Filterable message) {
            return Arithmetic.apply(op, left.eval(message), right.eval(message));
        }
    }

    /** {@code -x} or {@code +x}. */
    static final class Unary extends ValueNode {
        final boolean negate;
        final ValueNode operand;

        Unary(boolean negate, ValueNode operand) {
            this.negate = negate;
            this.operand = operand;
        }

        @Override
        Object eval(Filterable message) {
            return Arithmetic.unary(negate, operand.eval(message));
        }
    }
}
