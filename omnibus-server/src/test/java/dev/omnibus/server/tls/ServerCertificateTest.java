package dev.omnibus.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCertificateTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void generatedCertificateNamesTheLocalHostsAndTheGivenOnes() throws Exception {
        ServerCertificate cert = ServerCertificate.selfSigned(List.of("broker.test", "10.1.2.3", "[::1]"), NOW);

        X509Certificate x509 = cert.certificate();
        List<String> names = x509.getSubjectAlternativeNames().stream().map(name -> String.valueOf(name.get(1))).toList();
        assertThat(names).contains("localhost", "127.0.0.1", "broker.test", "10.1.2.3");
        assertThat(x509.getNotBefore().toInstant()).isBefore(NOW);
        assertThat(x509.getNotAfter().toInstant()).isAfter(NOW.plus(ServerCertificate.GENERATED_VALIDITY).minusSeconds(1));
        x509.verify(x509.getPublicKey());
        assertThat(cert.sslContext().isServer()).isTrue();
    }

    @Test
    void readsPemFilesWithPkcs8AndPkcs1Keys(@TempDir Path dir) throws Exception {
        ServerCertificate original = ServerCertificate.selfSigned(List.of(), NOW);
        Path certFile = dir.resolve("cert.pem");
        original.exportPem(certFile);
        Path pkcs8 = Files.writeString(dir.resolve("key8.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(original.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        StringWriter pkcs1 = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pkcs1)) {
            writer.writeObject(original.privateKey());
        }
        Path pkcs1File = Files.writeString(dir.resolve("key1.pem"), pkcs1.toString());

        for (Path key : List.of(pkcs8, pkcs1File)) {
            ServerCertificate read = ServerCertificate.fromPem(certFile, key);
            assertThat(read.certificate()).isEqualTo(original.certificate());
            assertThat(read.privateKey().getEncoded()).isEqualTo(original.privateKey().getEncoded());
            assertThat(read.sslContext().isServer()).isTrue();
        }
        assertThat(Files.readString(certFile)).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void filesWithoutACertificateOrKeyAreRefusedByName(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        Path cert = dir.resolve("cert.pem");
        ServerCertificate.selfSigned(List.of(), NOW).exportPem(cert);

        assertThatThrownBy(() -> ServerCertificate.fromPem(empty, empty)).hasMessageContaining("empty.pem holds no PEM certificate");
        assertThatThrownBy(() -> ServerCertificate.fromPem(cert, cert)).hasMessageContaining("cert.pem holds no");
    }
}
