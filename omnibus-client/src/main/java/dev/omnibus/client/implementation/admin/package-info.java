/**
 * Internal: the administration client's implementation. Not API, may change at any time.
 *
 * <pre>
 *  ServiceBusAdministrationClient (blocking: waits per operation / per page)
 *      ServiceBusAdministrationAsyncClient (futures completed on the client's callback threads)
 *                     |
 *                 AdminCore  -- requests and answers per operation, paging (Listing, Page)
 *                  /      \
 *       QueueXml TopicXml SubscriptionXml RuleXml KeyValueXml   (XmlWriter: StAX out, XmlReader: DOM in,
 *                  \      /                                      AtomDocument: entry, feed, error)
 *                 AtomHttp  -- java.net.http, SAS per try, deadline per try, RetryPolicy,
 *                              statuses into exceptions by ServiceBusExceptions
 * </pre>
 *
 * <p>Models are made through {@link dev.omnibus.client.implementation.admin.AdminModels}. Nothing here holds
 * state between requests except {@code AtomHttp}'s threads.
 */
package dev.omnibus.client.implementation.admin;
