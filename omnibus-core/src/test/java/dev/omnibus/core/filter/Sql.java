package dev.omnibus.core.filter;

/** Shorthands for tests: parse a filter and evaluate it to TRUE/FALSE/UNKNOWN. */
final class Sql {
    private Sql() {
    }

    static boolean matches(String filter, Filterable message) {
        return SqlFilter.parse(filter).matches(message);
    }

    /** "TRUE", "FALSE" or "UNKNOWN": the three-valued result, read through NOT and IS NULL free probes. */
    static String truth(String predicate, Filterable message) {
        boolean isTrue = SqlFilter.parse(predicate).matches(message);
        boolean isFalse = SqlFilter.parse("NOT (" + predicate + ")").matches(message);
        if (isTrue && isFalse) {
            throw new AssertionError("both true and false: " + predicate);
        }
        return isTrue ? "TRUE" : isFalse ? "FALSE" : "UNKNOWN";
    }

    /** Evaluates a value expression by way of an action that stores it. */
    static Object value(String expression, Filterable message) {
        MessageChanges c = SqlRuleAction.parse("SET [$result] = " + expression).apply(message);
        return c.userPropertiesSet().get("$result");
    }
}
