/**
 * Messages and the value types of the Omnibus client: {@link dev.omnibus.client.models.ServiceBusMessage} to send,
 * {@link dev.omnibus.client.models.ServiceBusReceivedMessage} as received or peeked,
 * {@link dev.omnibus.client.models.ServiceBusMessageBatch}, and the receive-mode, sub-queue and state enums.
 *
 * <p>A {@code ServiceBusMessage} belongs to the thread that builds it. A {@code ServiceBusReceivedMessage} is safe to
 * hand between threads: its broker-set properties are immutable and the few that change (lock expiry, settlement,
 * auto-renew error) are published safely.
 */
package dev.omnibus.client.models;
