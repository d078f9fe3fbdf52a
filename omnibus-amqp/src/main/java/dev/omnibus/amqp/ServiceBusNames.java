package dev.omnibus.amqp;

/**
 * Names on the Service Bus wire: message annotations, application properties, link properties, and the
 * {@code $cbs} and {@code $management} vocabulary. Values are the exact strings the official SDKs use.
 */
public final class ServiceBusNames {
    private ServiceBusNames() {
    }

    // Message annotations (symbol keys).
    public static final String SEQUENCE_NUMBER = "x-opt-sequence-number";
    public static final String ENQUEUED_TIME = "x-opt-enqueued-time";
    public static final String LOCKED_UNTIL = "x-opt-locked-until";
    public static final String ENQUEUE_SEQUENCE_NUMBER = "x-opt-enqueue-sequence-number";
    public static final String SCHEDULED_ENQUEUE_TIME = "x-opt-scheduled-enqueue-time";
    public static final String DEAD_LETTER_SOURCE = "x-opt-deadletter-source";
    public static final String MESSAGE_STATE = "x-opt-message-state";
    public static final String PARTITION_KEY = "x-opt-partition-key";
    public static final String VIA_PARTITION_KEY = "x-opt-via-partition-key";
    /** Delivery annotation carrying the lock token as a uuid. */
    public static final String LOCK_TOKEN = "x-opt-lock-token";

    // Application properties set on dead-lettered messages.
    public static final String DEAD_LETTER_REASON = "DeadLetterReason";
    public static final String DEAD_LETTER_ERROR_DESCRIPTION = "DeadLetterErrorDescription";

    // Outcomes and link properties.
    public static final String DEAD_LETTER_CONDITION = "com.microsoft:dead-letter";
    public static final String TIMEOUT = "com.microsoft:timeout";
    public static final String ENTITY_TYPE = "com.microsoft:entity-type";
    public static final String RECEIVER_NAME = "com.microsoft:receiver-name";
    public static final String SESSION_FILTER = "com.microsoft:session-filter";
    public static final String LOCKED_UNTIL_UTC = "com.microsoft:locked-until-utc";
    public static final String MAX_MESSAGE_BATCH_SIZE = "com.microsoft:max-message-batch-size";
    public static final String TRACKING_ID = "com.microsoft:tracking-id";

    /** Message format of a batch transfer: each data section holds one complete encoded message. */
    public static final long BATCH_MESSAGE_FORMAT = 0x80013700L;

    // $cbs.
    public static final String CBS_NODE = "$cbs";
    public static final String PUT_TOKEN = "put-token";
    public static final String SAS_TOKEN_TYPE = "servicebus.windows.net:sastoken";
    public static final String JWT_TOKEN_TYPE = "jwt";

    // Request/response application properties.
    public static final String OPERATION = "operation";
    public static final String CBS_TYPE = "type";
    public static final String CBS_NAME = "name";
    public static final String CBS_EXPIRATION = "expiration";
    public static final String CBS_STATUS_CODE = "status-code";
    public static final String CBS_STATUS_DESCRIPTION = "status-description";
    public static final String STATUS_CODE = "statusCode";
    public static final String STATUS_DESCRIPTION = "statusDescription";
    public static final String ERROR_CONDITION = "errorCondition";
    public static final String SERVER_TIMEOUT = "com.microsoft:server-timeout";
    public static final String ASSOCIATED_LINK_NAME = "associated-link-name";

    // $management operations.
    public static final String RENEW_LOCK = "com.microsoft:renew-lock";
    public static final String PEEK_MESSAGE = "com.microsoft:peek-message";
    public static final String SCHEDULE_MESSAGE = "com.microsoft:schedule-message";
    public static final String CANCEL_SCHEDULED_MESSAGE = "com.microsoft:cancel-scheduled-message";
    public static final String RECEIVE_BY_SEQUENCE_NUMBER = "com.microsoft:receive-by-sequence-number";
    public static final String UPDATE_DISPOSITION = "com.microsoft:update-disposition";
    public static final String RENEW_SESSION_LOCK = "com.microsoft:renew-session-lock";
    public static final String SET_SESSION_STATE = "com.microsoft:set-session-state";
    public static final String GET_SESSION_STATE = "com.microsoft:get-session-state";
    public static final String GET_MESSAGE_SESSIONS = "com.microsoft:get-message-sessions";
    public static final String ADD_RULE = "com.microsoft:add-rule";
    public static final String REMOVE_RULE = "com.microsoft:remove-rule";
    public static final String ENUMERATE_RULES = "com.microsoft:enumerate-rules";
    public static final String BATCH_DELETE_MESSAGES = "com.microsoft:batch-delete-messages";

    // $management body keys (AMQP string keys).
    public static final String LOCK_TOKENS = "lock-tokens";
    public static final String EXPIRATIONS = "expirations";
    public static final String EXPIRATION = "expiration";
    public static final String FROM_SEQUENCE_NUMBER = "from-sequence-number";
    public static final String MESSAGE_COUNT = "message-count";
    public static final String MESSAGES = "messages";
    public static final String MESSAGE = "message";
    public static final String MESSAGE_ID = "message-id";
    public static final String SESSION_ID = "session-id";
    public static final String PARTITION_KEY_BODY = "partition-key";
    public static final String SEQUENCE_NUMBERS = "sequence-numbers";
    public static final String RECEIVER_SETTLE_MODE = "receiver-settle-mode";
    public static final String LOCK_TOKEN_BODY = "lock-token";
    public static final String DISPOSITION_STATUS = "disposition-status";
    public static final String DEADLETTER_REASON_BODY = "deadletter-reason";
    public static final String DEADLETTER_DESCRIPTION_BODY = "deadletter-description";
    public static final String PROPERTIES_TO_MODIFY = "properties-to-modify";
    public static final String SESSION_STATE = "session-state";
    public static final String LAST_UPDATED_TIME = "last-updated-time";
    public static final String SKIP = "skip";
    public static final String TOP = "top";
    public static final String SESSIONS_IDS = "sessions-ids";
    public static final String ENQUEUED_TIME_UTC = "enqueued-time-utc";

    // update-disposition statuses ("defered" is spelled as the SDKs spell it).
    public static final String DISPOSITION_COMPLETED = "completed";
    public static final String DISPOSITION_ABANDONED = "abandoned";
    public static final String DISPOSITION_SUSPENDED = "suspended";
    public static final String DISPOSITION_DEFERRED = "defered";
}
