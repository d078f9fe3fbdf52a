package dev.omnibus.server.amqp;

/**
 * A described value for {@link AmqpSink}: the Service Bus vendor types of the management protocol, such as a rule
 * description ({@code 0x0000013700000004}, a list) or a time span ({@code com.microsoft:timespan}, a long).
 *
 * @param descriptor a {@link Long} for a numeric (ulong) descriptor, or a {@link String} for a symbolic one
 * @param value the described value: a list of fields, or a scalar
 */
record Described(Object descriptor, Object value) {
    Described {
        if (!(descriptor instanceof Long) && !(descriptor instanceof String)) {
            throw new IllegalArgumentException("A descriptor is a ulong code or a symbol: " + descriptor);
        }
    }
}
