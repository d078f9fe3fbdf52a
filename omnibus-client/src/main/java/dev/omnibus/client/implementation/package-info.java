/**
 * Internal: not API, may change at any time.
 *
 * <pre>
 *  ServiceBusSender / Receiver (sync)      ServiceBusAsync* (futures, completed on callback threads)
 *                 \                         /
 *                  SenderCore / ReceiverCore ---- RetryPolicy (per-try deadline, back-off, transient only)
 *                         |   LinkSlot: re-made link when the last one ended
 *          SendLink  ReceiveLink  ManagementChannel
 *                 \       |        /   RequestResponseChannel ($cbs, $management)
 *                   AmqpConnection  -- CbsAuthorizer (put-token before attach, refresh at 80%)
 *                   protonj2 Engine (no I/O)  +  NettyTransport (TCP / TLS / WebSockets)
 *                         ConnectionManager: one connection per client, re-made on demand
 * </pre>
 *
 * <p>Ownership: everything below the cores ({@code AmqpConnection}, links, channels, {@code Settlements},
 * {@code CbsAuthorizer}) is confined to the connection's event loop; their public entry points hop onto it with
 * {@code AmqpConnection.execute}. Cores, slots and the retry policy are thread-safe. Errors become exceptions only
 * in {@link dev.omnibus.client.implementation.ServiceBusExceptions}.
 */
package dev.omnibus.client.implementation;
