/**
 * The models of the administration client, named as in the azure-servicebus administration package:
 * {@code Create*Options} (what to create, with the Service Bus defaults), {@code *Properties} (what the service
 * describes; change and pass to {@code update*}), {@code *RuntimeProperties} (counts and times), rule filters
 * ({@link dev.omnibus.client.admin.models.SqlRuleFilter}, {@link dev.omnibus.client.admin.models.TrueRuleFilter},
 * {@link dev.omnibus.client.admin.models.FalseRuleFilter},
 * {@link dev.omnibus.client.admin.models.CorrelationRuleFilter})
 * and actions ({@link dev.omnibus.client.admin.models.SqlRuleAction},
 * {@link dev.omnibus.client.admin.models.EmptyRuleAction}). Mutable models are not thread-safe; runtime and
 * namespace properties are immutable. API package.
 */
package dev.omnibus.client.admin.models;
