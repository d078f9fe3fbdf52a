package dev.omnibus.core.filter;

/**
 * What the parser builds before it knows whether a parenthesised phrase is a predicate or a value: the grammar's
 * {@code ( <predicate> )} and {@code ( <expression> )} start alike, so the parser reads a node and then checks its kind.
 */
interface Node {
}
