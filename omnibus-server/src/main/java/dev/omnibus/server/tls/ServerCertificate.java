package dev.omnibus.server.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The HTTPS listener's certificate: read from PEM files (any key format OpenSSL writes: PKCS#8, PKCS#1, EC), or
 * generated self-signed for {@code localhost}, {@code 127.0.0.1}, {@code ::1} and the names given. A generated one
 * can be exported as PEM so clients can trust it ({@code NODE_EXTRA_CA_CERTS}, a Java trust store). BouncyCastle
 * does the PEM and X.509 work because the JDK has no public API for either.
 */
public final class ServerCertificate {
    /** How long a generated certificate is valid; it lives as long as the server process at most. */
    static final Duration GENERATED_VALIDITY = Duration.ofDays(365);

    private final List<X509Certificate> chain;
    private final PrivateKey key;

    private ServerCertificate(List<X509Certificate> chain, PrivateKey key) {
        this.chain = List.copyOf(chain);
        this.key = key;
    }

    /**
     * Reads a certificate chain and its private key.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate or key
     */
    public static ServerCertificate fromPem(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Object item : readPem(certificateFile)) {
            if (item instanceof X509CertificateHolder holder) {
                chain.add(convert(holder));
            }
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(certificateFile + " holds no PEM certificate");
        }
        PrivateKey key = null;
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            for (Object item : readPem(keyFile)) {
                if (item instanceof PEMKeyPair pair) {
                    key = converter.getKeyPair(pair).getPrivate();
                } else if (item instanceof PrivateKeyInfo info) {
                    key = converter.getPrivateKey(info);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(keyFile + " holds an unusable private key: " + e.getMessage(), e);
        }
        if (key == null) {
            throw new IllegalArgumentException(keyFile + " holds no unencrypted PEM private key");
        }
        return new ServerCertificate(chain, key);
    }

    /** A new RSA key and a self-signed certificate valid from {@code now} for the local names and {@code hosts}. */
    public static ServerCertificate selfSigned(Collection<String> hosts, Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=Omnibus development certificate");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()).abs(), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(GENERATED_VALIDITY)), name, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hosts));
            // Its own trust anchor: a CA flag lets OpenSSL-based clients (Node) accept it from a CA bundle.
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                    | KeyUsage.keyEncipherment | KeyUsage.keyCertSign));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509CertificateHolder holder = builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
            return new ServerCertificate(List.of(convert(holder)), pair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Cannot generate a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(Collection<String> hosts) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        names.addAll(hosts);
        List<GeneralName> all = new ArrayList<>();
        for (String name : names) {
            String host = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
            if (host.isBlank() || host.equals("0.0.0.0") || host.equals("::")) {
                continue;
            }
            all.add(isIpLiteral(host) ? new GeneralName(GeneralName.iPAddress, host)
                    : new GeneralName(GeneralName.dNSName, host));
        }
        return new GeneralNames(all.toArray(GeneralName[]::new));
    }

    private static boolean isIpLiteral(String host) {
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            InetAddress.getByName(host);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A Netty server context over this certificate. */
    public SslContext sslContext() {
        try {
            return SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new)).build();
        } catch (SSLException e) {
            throw new IllegalStateException("Cannot use the certificate for TLS: " + e.getMessage(), e);
        }
    }

    /** The private key; tests write it out to read it back. */
    PrivateKey privateKey() {
        return key;
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The certificate chain as PEM, what a client adds to its trusted certificates. */
    public String certificatePem() {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (X509Certificate c : chain) {
                pem.writeObject(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Writes {@link #certificatePem()} to a file (replacing it). */
    public void exportPem(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, certificatePem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the certificate to " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Object> readPem(Path file) {
        List<Object> items = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                items.add(item);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return items;
    }

    private static X509Certificate convert(X509CertificateHolder holder) {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not a usable X.509 certificate: " + e.getMessage(), e);
        }
    }
}
