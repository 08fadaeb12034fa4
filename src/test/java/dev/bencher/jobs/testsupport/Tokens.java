package dev.bencher.jobs.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Mints the tokens of auth.md's case table with the test key pair (src/test/resources/jwt).
 * Tokens are assembled by hand so that tests can also make the broken ones (no {@code exp},
 * HS256, a payload that is not JSON, ...).
 */
public final class Tokens {

    public static final String ISSUER = "https://auth.example.test";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    /** A valid RS256 token whose {@code groups} are the given roles. */
    public static String valid(String... groups) {
        Map<String, Object> claims = claims();
        claims.put("groups", List.of(groups));
        return sign(claims);
    }

    /** iss, sub, iat and exp (in one hour), without groups. */
    public static Map<String, Object> claims() {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", "0190f7a0-1111-7222-8333-944455566677");
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        return claims;
    }

    public static String sign(Map<String, Object> claims) {
        return sign(claims, "jwt/private-key.pem");
    }

    /** RS256 with the key at that classpath location. */
    public static String sign(Map<String, Object> claims, String keyLocation) {
        return rs256(encode(Map.of("alg", "RS256", "typ", "JWT")) + "." + encode(claims), keyLocation);
    }

    /** ES256 with the test EC key (auth.md A16), signature in the JWS (r || s) form. */
    public static String es256(Map<String, Object> claims) {
        String signingInput = encode(Map.of("alg", "ES256", "typ", "JWT")) + "." + encode(claims);
        try {
            Signature ec = Signature.getInstance("SHA256withECDSAinP1363Format");
            ec.initSign(privateKey("jwt/ec-private-key.pem", "EC"));
            ec.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(ec.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String rs256(String signingInput, String keyLocation) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(privateKey(keyLocation, "RSA"));
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HS256 keyed with the text of the public key: the classic algorithm-confusion token. */
    public static String hs256(Map<String, Object> claims) {
        String signingInput = encode(Map.of("alg", "HS256", "typ", "JWT")) + "." + encode(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(resource("jwt/public-key.pem").getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return signingInput + "." + B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured token: {@code alg: none} and an empty signature segment. */
    public static String unsecured(Map<String, Object> claims) {
        return encode(Map.of("alg", "none")) + "." + encode(claims) + ".";
    }

    /** Three base64url segments whose payload is not JSON, correctly signed. */
    public static String notJsonPayload() {
        return rs256(encode(Map.of("alg", "RS256", "typ", "JWT")) + "."
                + B64.encodeToString("not json".getBytes(StandardCharsets.US_ASCII)), "jwt/private-key.pem");
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String encode(Object json) {
        try {
            return B64.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String location, String algorithm) throws GeneralSecurityException {
        String pem = resource(location).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }

    private static String resource(String location) {
        try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream(location)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
