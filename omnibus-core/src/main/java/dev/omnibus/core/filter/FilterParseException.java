package dev.omnibus.core.filter;

/**
 * A SQL filter or rule action expression is not valid. Thrown when the filter or action is created, so an invalid rule
 * never reaches a subscription; the management layer answers it with a 400 ({@code com.microsoft:argument-error}).
 *
 * <p>The message says where and what: {@code SQL filter expression is invalid at line 1, column 14: expected ')'
 * but found 'AND'.}
 */
public final class FilterParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String expression;
    private final int position;
    private final int line;
    private final int column;
    private final String reason;

    FilterParseException(String kind, String expression, int position, String reason) {
        super(format(kind, expression, position, reason));
        this.expression = expression;
        this.position = position;
        this.reason = reason;
        int[] lineColumn = lineAndColumn(expression, position);
        this.line = lineColumn[0];
        this.column = lineColumn[1];
    }

    /** The expression that failed to parse, as given. */
    public String expression() {
        return expression;
    }

    /** Zero-based character offset of the problem in {@link #expression()}. */
    public int position() {
        return position;
    }

    /** One-based line of the problem. */
    public int line() {
        return line;
    }

    /** One-based column of the problem within its line. */
    public int column() {
        return column;
    }

    /** What was wrong, without the location: e.g. {@code expected ')' but found 'AND'}. */
    public String reason() {
        return reason;
    }

    private static String format(String kind, String expression, int position, String reason) {
        int[] lc = lineAndColumn(expression, position);
        return kind + " expression is invalid at line " + lc[0] + ", column " + lc[1] + ": " + reason + ".";
    }

    private static int[] lineAndColumn(String expression, int position) {
        int line = 1;
        int lineStart = 0;
        int end = expression == null ? 0 : Math.min(position, expression.length());
        for (int i = 0; i < end; i++) {
            if (expression.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, position - lineStart + 1};
    }
}
