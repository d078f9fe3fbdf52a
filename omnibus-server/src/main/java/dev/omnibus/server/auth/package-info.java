/**
 * Shared access policies: named keys with Manage, Send and Listen rights ({@code AccessPolicy}), the set a server
 * checks SAS tokens and SASL PLAIN logins against ({@code AccessPolicies}). The AMQP layer and the management API
 * both enforce them.
 */
package dev.omnibus.server.auth;
