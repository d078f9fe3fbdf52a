package dev.omnibus.core.filter;

import dev.omnibus.core.filter.Lexer.Kind;
import dev.omnibus.core.filter.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser for filter predicates and rule actions (ADR 0004). Precedence, loosest first:
 * {@code OR}, {@code AND}, {@code NOT}, the comparison family ({@code = <> != < <= > >=}, {@code IS [NOT] NULL},
 * {@code [NOT] IN}, {@code [NOT] LIKE}, {@code EXISTS}), {@code + -}, {@code * / %}, unary {@code + -}.
 *
 * <p>Every property name is resolved here: {@code sys.X} to a {@link SystemProperty} (an unknown one is an error
 * now, not per message), anything else to a user property name. Parameters ({@code @name}) become constants.
 */
final class Parser {
    /** Nesting beyond this is refused so that a hostile expression cannot exhaust the stack. */
    static final int MAX_DEPTH = 128;

    private static final Set<String> RESERVED = Set.of("AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "ESCAPE",
            "EXISTS", "TRUE", "FALSE");

    private final TokenCursor in;
    private final Map<String, Object> parameters;

    private Parser(String kindName, String source, Map<String, Object> parameters) {
        this.in = new TokenCursor(kindName, source, Lexer.tokenize(source, kindName), MAX_DEPTH);
        this.parameters = parameters;
    }

    /** Parses a whole filter expression into its predicate. */
    static PredicateNode parseFilter(String source, Map<String, Object> parameters) {
        Parser p = new Parser("SQL filter", source, parameters);
        if (p.in.peek().kind() == Kind.EOF) {
            throw p.in.error(p.in.peek(), "the expression is empty; expected a predicate");
        }
        int start = p.in.peek().start();
        Node node = p.parseOr();
        p.in.expectEnd("the end of the predicate");
        return p.asPredicate(node, start, "a filter");
    }

    /** Parses a rule action into its statements. */
    static List<ActionStatement> parseAction(String source, Map<String, Object> parameters, int maxStatements) {
        Parser p = new Parser("SQL rule action", source, parameters);
        List<ActionStatement> statements = new ArrayList<>();
        do {
            Token t = p.in.peek();
            if (statements.size() == maxStatements) {
                throw p.in.error(t, "a rule action may have at most " + maxStatements + " statements");
            }
            statements.add(p.parseStatement());
            Token separator = p.in.peek();
            if (separator.kind() == Kind.SEMICOLON || separator.kind() == Kind.COMMA) {
                p.in.next();
            }
        } while (p.in.peek().kind() != Kind.EOF);
        return statements;
    }

    // ---------------------------------------------------------------- actions

    private ActionStatement parseStatement() {
        Token t = in.next();
        if (t.isWord("SET")) {
            Token at = in.peek();
            ValueNode target = parsePropertyReference("SET");
            checkSettable(target, at, "SET");
            in.expectOperator("=");
            int start = in.peek().start();
            ValueNode value = asValue(parseAdditive(), start, "SET");
            return target instanceof ValueNode.SystemRef s
                    ? new ActionStatement.SetSystem(s.property, value)
                    : new ActionStatement.SetUser(((ValueNode.UserRef) target).name, value);
        }
        if (t.isWord("REMOVE")) {
            Token at = in.peek();
            ValueNode target = parsePropertyReference("REMOVE");
            checkSettable(target, at, "REMOVE");
            return target instanceof ValueNode.SystemRef s
                    ? new ActionStatement.RemoveSystem(s.property)
                    : new ActionStatement.RemoveUser(((ValueNode.UserRef) target).name);
        }
        throw error(t, "expected SET or REMOVE but found " + t.describe());
    }

    private void checkSettable(ValueNode target, Token at, String verb) {
        if (target instanceof ValueNode.SystemRef s && !s.property.isSettable()) {
            throw error(at, s.property + " is read-only and cannot be the target of " + verb);
        }
    }

    // ---------------------------------------------------------------- predicates

    private Node parseOr() {
        int start = in.peek().start();
        Node left = parseAnd();
        while (in.peek().isWord("OR")) {
            in.next();
            int rightStart = in.peek().start();
            Node right = parseAnd();
            left = PredicateNode.or(asPredicate(left, start, "OR"), asPredicate(right, rightStart, "OR"));
        }
        return left;
    }

    private Node parseAnd() {
        int start = in.peek().start();
        Node left = parseNot();
        while (in.peek().isWord("AND")) {
            in.next();
            int rightStart = in.peek().start();
            Node right = parseNot();
            left = PredicateNode.and(asPredicate(left, start, "AND"), asPredicate(right, rightStart, "AND"));
        }
        return left;
    }

    private Node parseNot() {
        if (!in.peek().isWord("NOT")) {
            return parseComparison();
        }
        in.enter(in.next());
        int start = in.peek().start();
        PredicateNode operand = asPredicate(parseNot(), start, "NOT");
        in.leave();
        return PredicateNode.not(operand);
    }

    private Node parseComparison() {
        Token first = in.peek();
        if (first.isWord("EXISTS")) {
            in.next();
            in.expect(Kind.LPAREN, "'(' after EXISTS");
            ValueNode property = parsePropertyReference("EXISTS");
            in.expect(Kind.RPAREN, "')' to close EXISTS");
            return new PredicateNode.Exists(property);
        }
        Node left = parseAdditive();
        Token t = in.peek();
        CompareOp op = t.kind() == Kind.OPERATOR ? CompareOp.fromSymbol(t.text()) : null;
        if (op != null) {
            in.next();
            int rightStart = in.peek().start();
            ValueNode right = asValue(parseAdditive(), rightStart, "'" + t.text() + "'");
            return PredicateNode.compare(op, asValue(left, first.start(), "'" + t.text() + "'"), right);
        }
        if (t.isWord("IS")) {
            in.next();
            boolean negated = in.acceptWord("NOT");
            in.expectWord("NULL", "NULL after IS" + (negated ? " NOT" : ""));
            if (!(left instanceof ValueNode.SystemRef || left instanceof ValueNode.UserRef)) {
                throw error(first, "IS NULL applies to a property, not to " + describeNode(left));
            }
            return new PredicateNode.IsNull((ValueNode) left, negated);
        }
        boolean negated = false;
        if (t.isWord("NOT")) {
            Token after = in.peekAt(1);
            if (!after.isWord("IN") && !after.isWord("LIKE")) {
                throw error(after, "expected IN or LIKE after NOT but found " + after.describe());
            }
            in.next();
            negated = true;
            t = in.peek();
        }
        if (t.isWord("IN")) {
            in.next();
            return parseIn(asValue(left, first.start(), "IN"), negated);
        }
        if (t.isWord("LIKE")) {
            in.next();
            return parseLike(asValue(left, first.start(), "LIKE"), negated);
        }
        return left;
    }

    private PredicateNode parseIn(ValueNode value, boolean negated) {
        in.expect(Kind.LPAREN, "'(' to open the IN list");
        List<ValueNode> items = new ArrayList<>();
        do {
            int start = in.peek().start();
            items.add(asValue(parseAdditive(), start, "an IN list"));
        } while (in.accept(Kind.COMMA));
        in.expect(Kind.RPAREN, "',' or ')' in the IN list");
        return new PredicateNode.In(value, items, negated);
    }

    private PredicateNode parseLike(ValueNode value, boolean negated) {
        Token patternToken = in.peek();
        ValueNode pattern = asValue(parseAdditive(), patternToken.start(), "LIKE");
        ValueNode escape = null;
        Token escapeToken = null;
        if (in.peek().isWord("ESCAPE")) {
            in.next();
            escapeToken = in.peek();
            escape = asValue(parseAdditive(), escapeToken.start(), "ESCAPE");
        }
        LikePattern compiled = null;
        if (pattern.isConstant() && (escape == null || escape.isConstant())) {
            Object p = pattern.eval(null);
            Object e = escape == null ? null : escape.eval(null);
            try {
                Character esc = PredicateNode.Like.escapeChar(e);
                compiled = p == null || (escape != null && e == null) ? null
                        : LikePattern.compile(PredicateNode.Like.patternText(p), esc);
            } catch (IllegalArgumentException ex) {
                boolean escapeProblem = escapeToken != null && ex.getMessage().contains("ESCAPE");
                throw error(escapeProblem ? escapeToken : patternToken, ex.getMessage());
            }
        }
        return new PredicateNode.Like(value, pattern, escape, compiled, negated);
    }

    // ---------------------------------------------------------------- expressions

    private Node parseAdditive() {
        int start = in.peek().start();
        Node left = parseMultiplicative();
        while (in.peek().isOperator("+") || in.peek().isOperator("-")) {
            Token op = in.next();
            int rightStart = in.peek().start();
            Node right = parseMultiplicative();
            String what = "'" + op.text() + "'";
            left = ValueNode.arithmetic(Arithmetic.Op.fromSymbol(op.text()), asValue(left, start, what),
                    asValue(right, rightStart, what));
        }
        return left;
    }

    private Node parseMultiplicative() {
        int start = in.peek().start();
        Node left = parseUnary();
        while (in.peek().isOperator("*") || in.peek().isOperator("/") || in.peek().isOperator("%")) {
            Token op = in.next();
            int rightStart = in.peek().start();
            Node right = parseUnary();
            String what = "'" + op.text() + "'";
            left = ValueNode.arithmetic(Arithmetic.Op.fromSymbol(op.text()), asValue(left, start, what),
                    asValue(right, rightStart, what));
        }
        return left;
    }

    private Node parseUnary() {
        Token t = in.peek();
        if (!t.isOperator("+") && !t.isOperator("-")) {
            return parsePrimary();
        }
        in.enter(in.next());
        boolean negate = t.isOperator("-");
        Token operandToken = in.peek();
        ValueNode result;
        if (negate && operandToken.kind() == Kind.INTEGER && operandToken.text().equals("9223372036854775808")) {
            // Long.MIN_VALUE can only be written as the negation of a literal one past Long.MAX_VALUE.
            in.next();
            result = ValueNode.constant(Long.MIN_VALUE);
        } else {
            result = ValueNode.unary(negate, asValue(parseUnary(), operandToken.start(), "unary '" + t.text() + "'"));
        }
        in.leave();
        return result;
    }

    private Node parsePrimary() {
        Token t = in.next();
        switch (t.kind()) {
            case STRING:
                return ValueNode.constant(t.text());
            case INTEGER:
                return ValueNode.constant(integer(t));
            case DECIMAL:
                return ValueNode.constant(decimal(t));
            case PARAMETER:
                return ValueNode.constant(parameter(t));
            case QUOTED_NAME:
                return new ValueNode.UserRef(t.text());
            case LPAREN: {
                in.enter(t);
                Node inner = parseOr();
                in.expect(Kind.RPAREN, "')'");
                in.leave();
                return inner;
            }
            case WORD:
                return word(t);
            default:
                throw error(t, "expected an expression but found " + t.describe());
        }
    }

    private Node word(Token t) {
        String upper = t.text().toUpperCase(Locale.ROOT);
        switch (upper) {
            case "TRUE":
                return ValueNode.constant(Boolean.TRUE);
            case "FALSE":
                return ValueNode.constant(Boolean.FALSE);
            case "NULL":
                return ValueNode.constant(null);
            default:
                break;
        }
        if (in.peek().kind() == Kind.LPAREN && !RESERVED.contains(upper)) {
            return function(t, upper);
        }
        if ((upper.equals("SYS") || upper.equals("USER")) && in.peek().kind() == Kind.DOT) {
            in.next();
            return scoped(upper.equals("SYS"), in.next());
        }
        if (RESERVED.contains(upper)) {
            throw error(t, "expected an expression but found keyword " + upper);
        }
        return new ValueNode.UserRef(t.text());
    }

    private ValueNode function(Token name, String upper) {
        in.next();
        switch (upper) {
            case "NEWID":
                in.expect(Kind.RPAREN, "')': newid() takes no argument");
                return new ValueNode.NewId();
            case "PROPERTY":
            case "P": {
                int start = in.peek().start();
                ValueNode argument = asValue(parseAdditive(), start, name.text() + "()");
                in.expect(Kind.RPAREN, "')' to close " + name.text() + "(");
                if (argument.isConstant()) {
                    return staticProperty(argument.eval(null), start);
                }
                return new ValueNode.DynamicRef(argument);
            }
            default:
                throw error(name, "unknown function '" + name.text() + "'; the functions are newid(), property()"
                        + " and p()");
        }
    }

    /** {@code property('sys.Label')} with a constant name is an ordinary reference, checked now. */
    private ValueNode staticProperty(Object name, int at) {
        if (name == null) {
            return ValueNode.constant(null);
        }
        String text = SqlValues.asText(name);
        if (text == null) {
            throw error(at, "the argument of property() must be a string, not " + SqlValues.typeName(name));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sys.")) {
            return system(text.substring(4), at);
        }
        return new ValueNode.UserRef(lower.startsWith("user.") ? text.substring(5) : text);
    }

    /** The name after {@code sys.} or {@code user.}: a word (keywords too, as the scope makes it unambiguous). */
    private ValueNode scoped(boolean system, Token name) {
        if (name.kind() != Kind.WORD && name.kind() != Kind.QUOTED_NAME) {
            throw error(name, "expected a property name after '" + (system ? "sys" : "user") + ".' but found "
                    + name.describe());
        }
        return system ? system(name.text(), name.start()) : new ValueNode.UserRef(name.text());
    }

    private ValueNode system(String name, int at) {
        SystemProperty p = SystemProperty.byName(name);
        if (p == null) {
            throw error(at, "the system property 'sys." + name + "' does not exist");
        }
        return new ValueNode.SystemRef(p);
    }

    /** A property reference and nothing else: the operand of EXISTS, and the target of SET and REMOVE. */
    private ValueNode parsePropertyReference(String context) {
        Token t = in.next();
        if (t.kind() == Kind.QUOTED_NAME) {
            return new ValueNode.UserRef(t.text());
        }
        if (t.kind() == Kind.WORD) {
            String upper = t.text().toUpperCase(Locale.ROOT);
            if ((upper.equals("SYS") || upper.equals("USER")) && in.peek().kind() == Kind.DOT) {
                in.next();
                return scoped(upper.equals("SYS"), in.next());
            }
            if (!RESERVED.contains(upper)) {
                return new ValueNode.UserRef(t.text());
            }
        }
        throw error(t, "expected a property name after " + context + " but found " + t.describe());
    }

    // ---------------------------------------------------------------- literals

    private Long integer(Token t) {
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw error(t, "the integer constant " + t.text() + " is out of the Int64 range");
        }
    }

    private Double decimal(Token t) {
        double d = Double.parseDouble(t.text());
        if (Double.isInfinite(d)) {
            throw error(t, "the number " + t.text() + " is out of the Double range");
        }
        return d;
    }

    /** Parameter names are looked up as written ({@code @name}), then ignoring case, then without the '@'. */
    private Object parameter(Token t) {
        String name = t.text();
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        for (Map.Entry<String, Object> e : parameters.entrySet()) {
            String key = e.getKey();
            if (key != null && (key.equalsIgnoreCase(name) || key.equalsIgnoreCase(name.substring(1)))) {
                return e.getValue();
            }
        }
        throw error(t, "no value was given for parameter " + name);
    }

    // ---------------------------------------------------------------- node kinds

    private PredicateNode asPredicate(Node node, int at, String context) {
        if (node instanceof PredicateNode p) {
            return p;
        }
        throw error(at, "expected a predicate (a comparison, IN, LIKE, IS NULL or EXISTS) for " + context
                + " but found " + describeNode(node));
    }

    private ValueNode asValue(Node node, int at, String context) {
        if (node instanceof ValueNode v) {
            return v;
        }
        throw error(at, "expected a value for " + context + " but found a predicate");
    }

    private static String describeNode(Node node) {
        return node instanceof PredicateNode ? "a predicate" : "a value";
    }

    private FilterParseException error(Token at, String reason) {
        return in.error(at, reason);
    }

    private FilterParseException error(int at, String reason) {
        return in.error(at, reason);
    }
}
