package dev.omnibus.server.amqp;

import dev.omnibus.amqp.ServiceBusNames;
import dev.omnibus.server.auth.AccessRight;
import java.util.Map;

/**
 * The right each {@code $management} operation needs, as Service Bus asks for them: what a receiver does (locks,
 * peek, deferred messages, sessions, its subscription's rules) needs Listen; scheduling and cancelling, what a
 * sender does, need Send. Rules follow Azure, where a Listen key may add, remove and list its subscription's rules
 * over AMQP (their HTTP management needs Manage).
 */
final class OperationRights {
    private static final Map<String, AccessRight> RIGHTS = Map.ofEntries(
            Map.entry(ServiceBusNames.RENEW_LOCK, AccessRight.LISTEN),
            Map.entry(ServiceBusNames.PEEK_MESSAGE, AccessRight.LISTEN),
            Map.entry(ServiceBusNames.RECEIVE_BY_SEQUENCE_NUMBER, AccessRight.LISTEN),
            Map.entry(ServiceBusNames.UPDATE_DISPOSITION, AccessRight.LISTEN),
            Map.entry(ServiceBusNames.BATCH_DELETE_MESSAGES, AccessRight.LISTEN),
            Map.entry(ServiceBusNames.RENEW_SESSION_LOCK, AccessRight.LISTEN),
            Map.entry(ServiceBusNames.SET_SESSION_STATE, AccessRight.LISTEN),
            Map.entry(ServiceBusNames.GET_SESSION_STATE, AccessRight.LISTEN),
            Map.entry(ServiceBusNames.GET_MESSAGE_SESSIONS, AccessRight.LISTEN),
            Map.entry(ServiceBusNames.ADD_RULE, AccessRight.LISTEN),
            Map.entry(ServiceBusNames.REMOVE_RULE, AccessRight.LISTEN),
            Map.entry(ServiceBusNames.ENUMERATE_RULES, AccessRight.LISTEN),
            Map.entry(ServiceBusNames.SCHEDULE_MESSAGE, AccessRight.SEND),
            Map.entry(ServiceBusNames.CANCEL_SCHEDULED_MESSAGE, AccessRight.SEND));

    private OperationRights() {
    }

    /** The right an operation needs; null for operations the node does not know (it answers those itself). */
    static AccessRight of(String operation) {
        return operation == null ? null : RIGHTS.get(operation);
    }
}
