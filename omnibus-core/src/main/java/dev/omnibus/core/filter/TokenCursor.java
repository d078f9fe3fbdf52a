package dev.omnibus.core.filter;

import dev.omnibus.core.filter.Lexer.Kind;
import dev.omnibus.core.filter.Lexer.Token;
import java.util.List;

/**
 * The parser's position in the token list, its nesting depth, and the errors it raises, which all carry the
 * offending token's offset.
 */
final class TokenCursor {
    private final String kindName;
    private final String source;
    private final List<Token> tokens;
    private final int maxDepth;
    private int index;
    private int depth;

    TokenCursor(String kindName, String source, List<Token> tokens, int maxDepth) {
        this.kindName = kindName;
        this.source = source;
        this.tokens = tokens;
        this.maxDepth = maxDepth;
    }

    Token peek() {
        return tokens.get(index);
    }

    Token peekAt(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    /** Consumes and returns the current token; at the end it keeps returning the EOF token. */
    Token next() {
        Token t = tokens.get(index);
        if (t.kind() != Kind.EOF) {
            index++;
        }
        return t;
    }

    boolean accept(Kind kind) {
        if (peek().kind() == kind) {
            next();
            return true;
        }
        return false;
    }

    boolean acceptWord(String word) {
        if (peek().isWord(word)) {
            next();
            return true;
        }
        return false;
    }

    void expect(Kind kind, String expected) {
        Token t = peek();
        if (t.kind() != kind) {
            throw error(t, "expected " + expected + " but found " + t.describe());
        }
        next();
    }

    void expectWord(String word, String expected) {
        Token t = peek();
        if (!t.isWord(word)) {
            throw error(t, "expected " + expected + " but found " + t.describe());
        }
        next();
    }

    void expectOperator(String op) {
        Token t = peek();
        if (!t.isOperator(op)) {
            throw error(t, "expected '" + op + "' but found " + t.describe());
        }
        next();
    }

    void expectEnd(String what) {
        Token t = peek();
        if (t.kind() != Kind.EOF) {
            throw error(t, "unexpected " + t.describe() + " after " + what);
        }
    }

    /** Enters one level of nesting (parenthesis, NOT, unary sign); refuses to go deeper than the limit. */
    void enter(Token at) {
        if (++depth > maxDepth) {
            throw error(at, "the expression is nested more than " + maxDepth + " levels deep");
        }
    }

    void leave() {
        depth--;
    }

    FilterParseException error(Token at, String reason) {
        return error(at.start(), reason);
    }

    FilterParseException error(int at, String reason) {
        return new FilterParseException(kindName, source, at, reason);
    }
}
