package dev.omnibus.core.filter;

/**
 * A compiled LIKE pattern: {@code %} matches any run of characters (also none), {@code _} exactly one, and the
 * escape character makes the character after it literal. Matching is case-sensitive and ordinal, one UTF-16 unit
 * per {@code _} as in .NET. No regular expression is involved: the common shapes ({@code 'abc'}, {@code 'abc%'},
 * {@code '%abc'}, {@code '%abc%'}) become {@code equals}, {@code startsWith}, {@code endsWith} and
 * {@code contains}; anything else runs a linear wildcard matcher.
 */
final class LikePattern {
    private static final byte LITERAL = 0;
    private static final byte ANY_ONE = 1;
    private static final byte ANY_RUN = 2;

    private enum Shape { EXACT, PREFIX, SUFFIX, INFIX, GENERAL }

    private final Shape shape;
    /** For the fast shapes: the literal text. */
    private final String literal;
    /** For {@link Shape#GENERAL}: one element per pattern position. */
    private final byte[] kinds;
    private final char[] chars;

    private LikePattern(Shape shape, String literal, byte[] kinds, char[] chars) {
        this.shape = shape;
        this.literal = literal;
        this.kinds = kinds;
        this.chars = chars;
    }

    /**
     * Compiles a pattern.
     *
     * @param pattern the pattern text
     * @param escape the escape character, or null for none
     * @throws IllegalArgumentException when the pattern ends with the escape character
     */
    static LikePattern compile(String pattern, Character escape) {
        int n = pattern.length();
        byte[] kinds = new byte[n];
        char[] chars = new char[n];
        int size = 0;
        for (int i = 0; i < n; i++) {
            char c = pattern.charAt(i);
            if (escape != null && c == escape) {
                if (i + 1 >= n) {
                    throw new IllegalArgumentException("the LIKE pattern '" + pattern
                            + "' ends with its escape character");
                }
                kinds[size] = LITERAL;
                chars[size++] = pattern.charAt(++i);
            } else if (c == '%') {
                if (size == 0 || kinds[size - 1] != ANY_RUN) {
                    kinds[size++] = ANY_RUN;
                }
            } else if (c == '_') {
                kinds[size++] = ANY_ONE;
            } else {
                kinds[size] = LITERAL;
                chars[size++] = c;
            }
        }
        return classify(java.util.Arrays.copyOf(kinds, size), java.util.Arrays.copyOf(chars, size));
    }

    private static LikePattern classify(byte[] kinds, char[] chars) {
        int n = kinds.length;
        int runs = 0;
        for (byte k : kinds) {
            if (k == ANY_ONE) {
                return new LikePattern(Shape.GENERAL, null, kinds, chars);
            }
            if (k == ANY_RUN) {
                runs++;
            }
        }
        boolean leading = n > 0 && kinds[0] == ANY_RUN;
        boolean trailing = n > 0 && kinds[n - 1] == ANY_RUN;
        int innerRuns = runs - (leading ? 1 : 0) - (trailing && (n > 1 || !leading) ? 1 : 0);
        if (innerRuns > 0) {
            return new LikePattern(Shape.GENERAL, null, kinds, chars);
        }
        int from = leading ? 1 : 0;
        int to = trailing && n > from ? n - 1 : n;
        String text = new String(chars, from, Math.max(0, to - from));
        Shape shape = leading && trailing ? Shape.INFIX : leading ? Shape.SUFFIX : trailing ? Shape.PREFIX
                : Shape.EXACT;
        return new LikePattern(shape, text, null, null);
    }

    boolean matches(String s) {
        switch (shape) {
            case EXACT:
                return s.equals(literal);
            case PREFIX:
                return s.startsWith(literal);
            case SUFFIX:
                return s.endsWith(literal);
            case INFIX:
                return s.contains(literal);
            default:
                return matchesGeneral(s);
        }
    }

    /**
     * Greedy wildcard matching that backtracks only to the last {@code %}: on a mismatch the last run swallows
     * one more character. Each {@code %} fixes the prefix before it for good, so this is exact and at worst
     * O(pattern × text).
     */
    private boolean matchesGeneral(String s) {
        int n = s.length();
        int m = kinds.length;
        int si = 0;
        int pi = 0;
        int runAt = -1;
        int runResume = 0;
        while (si < n) {
            if (pi < m && (kinds[pi] == ANY_ONE || kinds[pi] == LITERAL && chars[pi] == s.charAt(si))) {
                si++;
                pi++;
            } else if (pi < m && kinds[pi] == ANY_RUN) {
                runAt = pi++;
                runResume = si;
            } else if (runAt >= 0) {
                pi = runAt + 1;
                si = ++runResume;
            } else {
                return false;
            }
        }
        while (pi < m && kinds[pi] == ANY_RUN) {
            pi++;
        }
        return pi == m;
    }
}
