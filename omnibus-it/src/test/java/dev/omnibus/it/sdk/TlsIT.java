package dev.omnibus.it.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.QueueDescription;
import dev.omnibus.it.tls.ForeignCertificate;
import dev.omnibus.it.tls.TrustStores;
import dev.omnibus.server.OmnibusServer;
import dev.omnibus.server.ServerOptions;
import dev.omnibus.server.TlsOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Java SDK over TLS. Without UseDevelopmentEmulator the SDK connects with TLS to the port in the
 * endpoint and checks the certificate, host name included, against the JVM's default trust
 * ({@code SSLContext.getDefault()}, read by azure-core-amqp's {@code ConnectionHandler} for every connection). So each
 * case runs the SDK in a child JVM ({@link SdkRoundTrip}) whose trust store is a PKCS#12 file written from the
 * server's exported certificate: exactly what an application does, and nothing in this JVM's TLS defaults changes.
 */
@Timeout(120)
class TlsIT {
    private static final String TRUST_STORE_PASSWORD = "changeit";
    private static final AtomicInteger QUEUES = new AtomicInteger();

    @TempDir
    static Path dir;
    private static OmnibusServer server;
    private static Path trustStore;

    @BeforeAll
    static void start() throws Exception {
        Path pem = dir.resolve("omnibus.pem");
        server = OmnibusServer.start(ServerOptions.ephemeral()
                .withTls(TlsOptions.amqps(0).withHttpsPort(0).withExport(pem)));
        trustStore = TrustStores.write(pem, dir.resolve("truststore.p12"), TRUST_STORE_PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theSdkSendsAndReceivesOverAmqpsTrustingTheCertificateThroughTheJvmTrustStore() throws Exception {
        String queue = queue();

        Result result = runSdk(connectionString(server.amqpsPort()), queue, "AMQP", trustStore);

        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out()).contains("received: hello over AMQP", "received: the large message");
        assertThat(activeMessages(queue)).isZero();
    }

    @Test
    void theSdkSendsAndReceivesOverWebSocketsToTheHttpsPort() throws Exception {
        String queue = queue();

        Result result = runSdk(connectionString(server.httpsPort()), queue, "AMQP_WEB_SOCKETS", trustStore);

        assertThat(result.code()).as(result.toString()).isZero();
        assertThat(result.out()).contains("received: hello over AMQP_WEB_SOCKETS", "received: the large message");
        assertThat(activeMessages(queue)).isZero();
    }

    @Test
    void withoutTheTrustStoreTheSdkRefusesTheCertificate() throws Exception {
        String queue = queue();

        Result result = runSdk(connectionString(server.amqpsPort()), queue, "AMQP", null);

        // The SDK keeps reconnecting until the send's tries time out; proton-j logs why each handshake failed.
        assertThat(result.code()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).contains("PKIX path building failed",
                "unable to find valid certification path to requested target");
        assertThat(activeMessages(queue)).isZero();
    }

    @Test
    void theSdkChecksTheHostNameAgainstATrustedCertificate(@TempDir Path certs) throws Exception {
        ForeignCertificate foreign = ForeignCertificate.write(certs, "other.example");
        Path trustingForeign = TrustStores.write(foreign.certificate(), certs.resolve("foreign.p12"),
                TRUST_STORE_PASSWORD);
        try (OmnibusServer other = OmnibusServer.start(ServerOptions.ephemeral()
                .withTls(TlsOptions.amqps(0).withCertificate(foreign.certificate(), foreign.key())))) {
            other.broker().namespace().createQueue(QueueDescription.builder("q").build()).join();

            Result result = runSdk(connectionString(other.amqpsPort()), "q", "AMQP", trustingForeign);

            assertThat(result.code()).as(result.toString()).isEqualTo(1);
            assertThat(result.err()).contains("No subject alternative DNS name matching localhost found");
        }
    }

    /** The cloud form: no UseDevelopmentEmulator, so the SDK uses TLS to this port. */
    private static String connectionString(int port) {
        return "Endpoint=sb://localhost:" + port + ";SharedAccessKeyName=" + server.options().sasKeyName()
                + ";SharedAccessKey=" + server.options().sasKey();
    }

    private static String queue() {
        String name = "tls-sdk-" + QUEUES.incrementAndGet();
        server.broker().namespace().createQueue(QueueDescription.builder(name).build()).join();
        return name;
    }

    private static long activeMessages(String queue) {
        return server.broker().namespace().queueRuntimeInfo(queue).join().activeMessageCount();
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr (tail):\n"
                    + err.substring(Math.max(0, err.length() - 6000));
        }
    }

    /**
     * {@link SdkRoundTrip} in a child JVM with this test's class path, whose default trust is {@code trustStore}, or
     * the JDK's own ({@code cacerts}) when it is null.
     */
    private static Result runSdk(String connectionString, String queue, String transport, Path trustStore)
            throws IOException, InterruptedException {
        // A refused certificate only shows when the tries time out: keep them short where that is expected.
        boolean trust = trustStore == TlsIT.trustStore;
        String tryTimeoutSeconds = trust ? "10" : "3";
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.com.azure=error"));
        if (trustStore != null) {
            command.add("-Djavax.net.ssl.trustStore=" + trustStore);
            command.add("-Djavax.net.ssl.trustStorePassword=" + TRUST_STORE_PASSWORD);
        }
        command.addAll(List.of("-cp", testClassPath(), SdkRoundTrip.class.getName(), connectionString, queue,
                transport, tryTimeoutSeconds));
        Path out = Files.createTempFile(dir, "sdk-out", ".txt");
        Path err = Files.createTempFile(dir, "sdk-err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("The SDK child did not finish in 90 s:\n" + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Failsafe runs tests through a manifest-only jar; the real list is in {@code surefire.test.class.path}. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }
}
