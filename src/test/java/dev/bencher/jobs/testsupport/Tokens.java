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

    /**
     * A compact JWS with this header, signed as its {@code alg} says with the test key (or, for
     * {@code attacker = true}, with a key the service does not trust). For hostile headers.
     */
    public static String jws(Map<String, Object> header, Map<String, Object> claims, boolean attacker) {
        String signingInput = encode(header) + "." + encode(claims);
        String key = attacker ? "jwt/other-private-key.pem" : "jwt/private-key.pem";
        try {
            Signature signature = switch (String.valueOf(header.get("alg"))) {
                case "RS256" -> Signature.getInstance("SHA256withRSA");
                case "PS256" -> {
                    Signature pss = Signature.getInstance("RSASSA-PSS");
                    pss.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                            java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
                    yield pss;
                }
                default -> throw new IllegalArgumentException("unsupported alg " + header.get("alg"));
            };
            signature.initSign(privateKey(key, "RSA"));
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HS256/384/512 keyed with these bytes (an encoding of the service's public key): algorithm confusion. */
    public static String hmac(String alg, byte[] key, Map<String, Object> claims) {
        String signingInput = encode(Map.of("alg", alg, "typ", "JWT")) + "." + encode(claims);
        String mac = "Hmac" + alg.replace("HS", "SHA");
        try {
            Mac hmac = Mac.getInstance(mac);
            hmac.init(new SecretKeySpec(key, mac));
            return signingInput + "." + B64.encodeToString(hmac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of the service's public key (PEM), as test resources hold it. */
    public static String publicKeyPem() {
        return resource("jwt/public-key.pem");
    }

    /** The public half of the untrusted key, as an RSA JWK ({@code n}, {@code e}). */
    public static Map<String, Object> attackerJwk() {
        try {
            var key = (java.security.interfaces.RSAPrivateCrtKey) privateKey("jwt/other-private-key.pem", "RSA");
            return Map.of("kty", "RSA", "n", B64.encodeToString(unsigned(key.getModulus())),
                    "e", B64.encodeToString(unsigned(key.getPublicExponent())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
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
