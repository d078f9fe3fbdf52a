package dev.omnibus.amqp;

/**
 * How rules travel on {@code $management} ({@code com.microsoft:add-rule}, {@code com.microsoft:enumerate-rules}):
 * the map keys of a request or response, and the descriptor codes of the described lists a rule description is made
 * of. The broker decodes what the client (and the SDKs) encode, so both read them from here.
 */
public final class RuleWire {
    public static final long RULE_DESCRIPTION_CODE = 0x0000013700000004L;
    public static final long SQL_FILTER_CODE = 0x0000001370000006L;
    public static final long TRUE_FILTER_CODE = 0x0000001370000007L;
    public static final long FALSE_FILTER_CODE = 0x0000001370000008L;
    public static final long CORRELATION_FILTER_CODE = 0x0000001370000009L;
    public static final long EMPTY_RULE_ACTION_CODE = 0x0000013700000005L;
    public static final long SQL_RULE_ACTION_CODE = 0x0000013700000006L;
    /** How Service Bus describes a TimeSpan property value: .NET ticks (100 ns) under this symbol. */
    public static final String TIMESPAN = "com.microsoft:timespan";

    public static final String RULE_NAME = "rule-name";
    public static final String RULE_DESCRIPTION = "rule-description";
    public static final String RULES = "rules";
    public static final String SQL_FILTER = "sql-filter";
    public static final String CORRELATION_FILTER = "correlation-filter";
    public static final String SQL_RULE_ACTION = "sql-rule-action";
    public static final String EXPRESSION = "expression";

    private RuleWire() {
    }
}
