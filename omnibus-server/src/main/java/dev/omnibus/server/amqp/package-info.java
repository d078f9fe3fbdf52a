/**
 * The AMQP 1.0 front door: the listener the official Azure Service Bus SDKs connect to.
 *
 * <p>Roles: {@link dev.omnibus.server.amqp.AmqpServer} (Netty listener) → {@code AmqpChannelHandler} (one channel)
 * → {@code AmqpConnection} (one protonj2 engine, SASL by {@code SaslAuthenticator}) → {@code LinkDispatcher}, which
 * routes each attached link to {@code CbsNode} / {@code ManagementNode} (through {@code RequestLink} and
 * {@code ReplyRouter}; session operations in {@code SessionManagement}, rules in {@code RuleManagement} with
 * {@code RuleCodec}), {@code IncomingLink} (client sends to a queue or topic) or {@code OutgoingLink} (client
 * receives, with {@code Settlements}; its core receiver opened by a {@code ReceiverOpener}, {@code SessionAttach} for
 * session receivers). {@code MessageReader} and {@code DeliveryWriter} (with {@code MessageEdits}) translate between
 * AMQP messages and the core's; {@code AmqpErrors} is the only place catalogue errors become AMQP conditions.
 *
 * <p>Threading: everything of a connection is confined to its Netty event loop. The core completes its futures and
 * calls its sinks on entity mailbox threads; those callbacks only post back to the event loop.
 *
 * <p>API: {@code AmqpServer} and {@code AmqpServerOptions}; the rest is internal.
 */
package dev.omnibus.server.amqp;
