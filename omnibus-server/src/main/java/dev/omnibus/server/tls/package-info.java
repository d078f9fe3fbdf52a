/**
 * TLS material of the HTTPS listener: {@link dev.omnibus.server.tls.ServerCertificate} (PEM files, or a generated
 * self-signed certificate that can be exported). Used once at start-up; immutable afterwards.
 */
package dev.omnibus.server.tls;
