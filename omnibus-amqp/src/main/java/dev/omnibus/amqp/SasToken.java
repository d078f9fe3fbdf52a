package dev.omnibus.amqp;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A shared access signature: {@code SharedAccessSignature sr=<resource>&sig=<signature>&se=<expiry>&skn=<key name>}.
 * The signature is Base64(HMAC-SHA256(key bytes, encodedResource + "\n" + expiry)); it is checked against the
 * resource exactly as the token carries it, because each SDK URL-encodes the resource its own way.
 *
 * @param encodedResource the {@code sr} value as written in the token
 * @param signature the decoded {@code sig}
 * @param expiry the {@code se} value, seconds since the epoch
 * @param keyName the {@code skn} value
 */
public record SasToken(String encodedResource, String signature, long expiry, String keyName) {
    private static final String PREFIX = "SharedAccessSignature ";

    /** The audience, URL-decoded. */
    public String resource() {
        return URLDecoder.decode(encodedResource, StandardCharsets.UTF_8);
    }

    public Instant expiresAt() {
        return Instant.ofEpochSecond(expiry);
    }

    /** Whether the signature was made with {@code key}. Compared in constant time. */
    public boolean isSignedWith(String key) {
        byte[] expected = sign(key, encodedResource, expiry).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }

    /** The token text. */
    public String text() {
        return PREFIX + "sr=" + encodedResource + "&sig=" + URLEncoder.encode(signature, StandardCharsets.UTF_8)
                + "&se=" + expiry + "&skn=" + keyName;
    }

    /** Signs {@code audience} until {@code expiresAt}. */
    public static SasToken create(String audience, String keyName, String key, Instant expiresAt) {
        String encoded = URLEncoder.encode(audience, StandardCharsets.UTF_8);
        long expiry = expiresAt.getEpochSecond();
        return new SasToken(encoded, sign(key, encoded, expiry), expiry, keyName);
    }

    /** Parses token text; throws {@link IllegalArgumentException} when a field is missing or malformed. */
    public static SasToken parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("Not a SharedAccessSignature token");
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : text.substring(PREFIX.length()).trim().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        String sr = fields.get("sr");
        String sig = fields.get("sig");
        String se = fields.get("se");
        String skn = fields.get("skn");
        if (sr == null || sig == null || se == null || skn == null) {
            throw new IllegalArgumentException("SharedAccessSignature needs sr, sig, se and skn");
        }
        long expiry;
        try {
            expiry = Long.parseLong(se);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SharedAccessSignature se is not a number: " + se, e);
        }
        return new SasToken(sr, URLDecoder.decode(sig, StandardCharsets.UTF_8), expiry, skn);
    }

    private static String sign(String key, String encodedResource, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((encodedResource + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
