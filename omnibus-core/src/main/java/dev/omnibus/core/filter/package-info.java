/**
 * Topic subscription filters and rule actions: the Service Bus SQL filter language, correlation filters, the
 * boolean filters, SQL rule actions and rules, evaluated over a read-only {@link dev.omnibus.core.filter.Filterable}
 * view of a message. API package; every type is immutable and thread-safe except
 * {@link dev.omnibus.core.filter.MessageChanges}, which belongs to the one message being routed.
 *
 * <h2>Language</h2>
 * As documented in "Subscription Rule SQL Filter Syntax" and "Subscription Rule SQL Action Syntax":
 * <ul>
 *   <li>predicates: {@code NOT}, {@code AND}, {@code OR}, comparisons {@code = <> != > >= < <=},
 *       {@code property IS [NOT] NULL}, {@code x [NOT] IN (a, b, ...)}, {@code x [NOT] LIKE pattern [ESCAPE 'c']},
 *       {@code EXISTS(property)}, parentheses;</li>
 *   <li>expressions: constants, properties, {@code newid()}, {@code property(name)} / {@code p(name)},
 *       {@code + - * / %}, unary {@code + -}, parentheses;</li>
 *   <li>properties: {@code sys.Name} (see {@link dev.omnibus.core.filter.SystemProperty}), {@code user.name} or a
 *       bare name; a name may be {@code "quoted"} or {@code [delimited]} (doubling the closing character escapes
 *       it); names and keywords are case-insensitive;</li>
 *   <li>constants: integers (Int64), decimals and {@code 1.5E3} numbers (Double), {@code 'strings'} ({@code ''}
 *       escapes a quote), {@code TRUE}, {@code FALSE}, {@code NULL}, and {@code @parameters} bound at creation;</li>
 *   <li>actions: {@code SET property = expression} and {@code REMOVE property}, each optionally ended by
 *       {@code ;}.</li>
 * </ul>
 * Expressions are limited to 1024 characters and actions to 32 statements (doc "Service Bus quotas").
 *
 * <h2>Evaluation</h2>
 * <ul>
 *   <li>SQL-92 three-valued logic; a message is selected only when the predicate is TRUE.</li>
 *   <li>A user property that does not exist is unknown; a system property that does not exist is rejected when the
 *       filter is created. Unknown operands make comparisons, arithmetic and LIKE unknown, and IN unknown when its
 *       left operand is unknown.</li>
 *   <li>Operators follow C#'s binding: numeric promotion int &lt; long &lt; float &lt; double, ordinal string
 *       comparison, {@code +} concatenates strings, DateTime/TimeSpan arithmetic. Comparing types C# cannot compare
 *       is unknown; arithmetic on such types, integer division by zero and a LIKE pattern that is not a string throw
 *       {@link dev.omnibus.core.filter.FilterEvaluationException}.</li>
 * </ul>
 */
package dev.omnibus.core.filter;
