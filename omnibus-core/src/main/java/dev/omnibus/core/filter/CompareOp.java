package dev.omnibus.core.filter;

/** The six comparison operators; {@code !=} and {@code <>} are the same operator. */
enum CompareOp {
    EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

    private final String symbol;

    CompareOp(String symbol) {
        this.symbol = symbol;
    }

    static CompareOp fromSymbol(String s) {
        switch (s) {
            case "=":
                return EQ;
            case "<>":
            case "!=":
                return NE;
            case "<":
                return LT;
            case "<=":
                return LE;
            case ">":
                return GT;
            case ">=":
                return GE;
            default:
                return null;
        }
    }

    boolean isEquality() {
        return this == EQ || this == NE;
    }

    /** Truth of the operator given a total-order comparison result ({@code compareTo}). */
    int holds(int cmp) {
        boolean result;
        switch (this) {
            case EQ:
                result = cmp == 0;
                break;
            case NE:
                result = cmp != 0;
                break;
            case LT:
                result = cmp < 0;
                break;
            case LE:
                result = cmp <= 0;
                break;
            case GT:
                result = cmp > 0;
                break;
            default:
                result = cmp >= 0;
                break;
        }
        return SqlValues.truth(result);
    }

    /** Truth for floating-point operands, where NaN makes every relation false except {@code <>}. */
    int holdsFloating(boolean lt, boolean eq, boolean gt) {
        boolean result;
        switch (this) {
            case EQ:
                result = eq;
                break;
            case NE:
                result = !eq;
                break;
            case LT:
                result = lt;
                break;
            case LE:
                result = lt || eq;
                break;
            case GT:
                result = gt;
                break;
            default:
                result = gt || eq;
                break;
        }
        return SqlValues.truth(result);
    }

    @Override
    public String toString() {
        return symbol;
    }
}
