package dev.omnibus.core.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter or action expression into tokens. Keywords are not recognised here: every bare word is a
 * {@link Kind#WORD} and the parser decides, because whether {@code set} or {@code p} is a keyword depends on where it
 * stands.
 */
final class Lexer {
    enum Kind { WORD, QUOTED_NAME, STRING, INTEGER, DECIMAL, PARAMETER, OPERATOR, LPAREN, RPAREN, COMMA, DOT,
        SEMICOLON, EOF }

    /**
     * One token.
     *
     * @param kind what it is
     * @param text the source text (for words and operators), or the decoded name or string
     * @param start offset of its first character
     */
    record Token(Kind kind, String text, int start) {
        boolean isWord(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        boolean isOperator(String op) {
            return kind == Kind.OPERATOR && text.equals(op);
        }

        String describe() {
            switch (kind) {
                case EOF:
                    return "the end of the expression";
                case STRING:
                    return "string '" + abbreviate(text) + "'";
                case QUOTED_NAME:
                    return "name \"" + abbreviate(text) + "\"";
                default:
                    return "'" + abbreviate(text) + "'";
            }
        }

        private static String abbreviate(String s) {
            return s.length() <= 40 ? s : s.substring(0, 37) + "...";
        }
    }

    private final String source;
    private final String kindName;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(String source, String kindName) {
        this.source = source;
        this.kindName = kindName;
    }

    /** Tokenizes {@code source}; the list always ends with an EOF token. */
    static List<Token> tokenize(String source, String kindName) {
        Lexer lexer = new Lexer(source, kindName);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        int n = source.length();
        while (true) {
            while (pos < n && Character.isWhitespace(source.charAt(pos))) {
                pos++;
            }
            if (pos >= n) {
                tokens.add(new Token(Kind.EOF, "", n));
                return;
            }
            int start = pos;
            char c = source.charAt(pos);
            int cp = source.codePointAt(pos);
            if (Character.isLetter(cp)) {
                word(start);
            } else if (c >= '0' && c <= '9' || c == '.' && pos + 1 < n && isAsciiDigit(source.charAt(pos + 1))) {
                number(start);
            } else if (c == '\'') {
                tokens.add(new Token(Kind.STRING, delimited('\'', '\'', "string constant"), start));
            } else if (c == '"') {
                tokens.add(new Token(Kind.QUOTED_NAME, nonEmpty(delimited('"', '"', "quoted identifier"), start),
                        start));
            } else if (c == '[') {
                tokens.add(new Token(Kind.QUOTED_NAME, nonEmpty(delimited('[', ']', "delimited identifier"), start),
                        start));
            } else if (c == '@') {
                parameter(start);
            } else {
                punctuation(start, c);
            }
        }
    }

    private void word(int start) {
        int n = source.length();
        pos += Character.charCount(source.codePointAt(pos));
        while (pos < n) {
            int cp = source.codePointAt(pos);
            if (!(cp == '_' || Character.isLetter(cp) || Character.isDigit(cp))) {
                break;
            }
            pos += Character.charCount(cp);
        }
        tokens.add(new Token(Kind.WORD, source.substring(start, pos), start));
    }

    /** {@code 12}, {@code 12.5}, {@code .5}, {@code 12.}, {@code 1.5E-3}; a letter glued to a number is an error. */
    private void number(int start) {
        int n = source.length();
        boolean decimal = false;
        skipDigits();
        if (pos < n && source.charAt(pos) == '.') {
            decimal = true;
            pos++;
            skipDigits();
        }
        if (pos < n && (source.charAt(pos) == 'e' || source.charAt(pos) == 'E')) {
            decimal = true;
            pos++;
            if (pos < n && (source.charAt(pos) == '+' || source.charAt(pos) == '-')) {
                pos++;
            }
            int digits = pos;
            skipDigits();
            if (pos == digits) {
                throw error(start, "the exponent of number '" + source.substring(start, pos) + "' has no digits");
            }
        }
        if (pos < n && (Character.isLetter(source.codePointAt(pos)) || source.charAt(pos) == '_')) {
            throw error(start, "invalid number '" + source.substring(start, pos + 1) + "'");
        }
        tokens.add(new Token(decimal ? Kind.DECIMAL : Kind.INTEGER, source.substring(start, pos), start));
    }

    private void skipDigits() {
        while (pos < source.length() && isAsciiDigit(source.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Reads up to the closing delimiter; a doubled closing delimiter stands for itself. */
    private String delimited(char open, char close, String what) {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        int n = source.length();
        while (pos < n) {
            char c = source.charAt(pos);
            if (c == close) {
                if (pos + 1 < n && source.charAt(pos + 1) == close) {
                    sb.append(close);
                    pos += 2;
                    continue;
                }
                pos++;
                return sb.toString();
            }
            sb.append(c);
            pos++;
        }
        throw error(start, "unterminated " + what + " (missing " + close + ")");
    }

    private String nonEmpty(String name, int start) {
        if (name.isEmpty()) {
            throw error(start, "a property name cannot be empty");
        }
        return name;
    }

    private void parameter(int start) {
        pos++;
        int nameStart = pos;
        while (pos < source.length()) {
            int cp = source.codePointAt(pos);
            if (!(cp == '_' || Character.isLetter(cp) || Character.isDigit(cp))) {
                break;
            }
            pos += Character.charCount(cp);
        }
        if (pos == nameStart) {
            throw error(start, "'@' must be followed by a parameter name");
        }
        tokens.add(new Token(Kind.PARAMETER, source.substring(start, pos), start));
    }

    private void punctuation(int start, char c) {
        char next = pos + 1 < source.length() ? source.charAt(pos + 1) : '\0';
        switch (c) {
            case '(':
                single(Kind.LPAREN, start);
                return;
            case ')':
                single(Kind.RPAREN, start);
                return;
            case ',':
                single(Kind.COMMA, start);
                return;
            case '.':
                single(Kind.DOT, start);
                return;
            case ';':
                single(Kind.SEMICOLON, start);
                return;
            case '=':
            case '+':
            case '-':
            case '*':
            case '/':
            case '%':
                single(Kind.OPERATOR, start);
                return;
            case '<':
                operator(start, next == '=' || next == '>' ? 2 : 1);
                return;
            case '>':
                operator(start, next == '=' ? 2 : 1);
                return;
            case '!':
                if (next == '=') {
                    operator(start, 2);
                    return;
                }
                throw error(start, "unexpected character '!' (did you mean '!=' ?)");
            default:
                throw error(start, "unexpected character '" + new String(Character.toChars(source.codePointAt(start)))
                        + "'");
        }
    }

    private void single(Kind kind, int start) {
        pos++;
        tokens.add(new Token(kind, source.substring(start, pos), start));
    }

    private void operator(int start, int length) {
        pos += length;
        tokens.add(new Token(Kind.OPERATOR, source.substring(start, pos), start));
    }

    private FilterParseException error(int at, String reason) {
        return new FilterParseException(kindName, source, at, reason);
    }
}
