/**
 * The exceptions of the Omnibus client. All are unchecked and extend
 * {@link dev.omnibus.client.exceptions.ServiceBusException}, which carries a
 * {@link dev.omnibus.client.exceptions.ServiceBusFailureReason} and whether the error is transient. They are mapped
 * from AMQP conditions in one place, {@code dev.omnibus.client.implementation.ServiceBusExceptions}.
 */
package dev.omnibus.client.exceptions;
