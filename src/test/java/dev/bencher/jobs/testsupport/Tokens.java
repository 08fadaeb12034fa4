package dev.bencher.jobs.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * The tokens of the tests (auth.md), signed with the test keys in src/test/resources/jwt.
 *
 * <p>Every token an issuer could really mint, valid or not (expired, another issuer, not yet valid,
 * signed with an untrusted key, ES256), is minted by SmallRye {@link Jwt}, as the demo tokens are.
 * SmallRye adds {@code iat}, {@code exp} and {@code jti} where missing and keeps every other claim
 * as given. Only the deliberately broken and hostile tokens are assembled by hand here: claim sets
 * without {@code exp} or {@code iat} ({@link #signAsIs}), {@code alg: none}, HMAC keyed with the
 * public key, hostile JOSE headers, segments that are not JSON.
 */
public final class Tokens {

    public static final String ISSUER = "https://auth.example.test";

    private static final String KEY = "jwt/private-key.pem";
    private static final String UNTRUSTED_KEY = "jwt/other-private-key.pem";
    private static final String EC_KEY = "jwt/ec-private-key.pem";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    // ---------------------------------------------------------------- claims

    /** iss, sub, iat and exp (in one hour), without groups. */
    public static Map<String, Object> claims() {
        long now = nowSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", "0190f7a0-1111-7222-8333-944455566677");
        claims.put("iat", now);
        claims.put("exp", now + 3600);
        return claims;
    }

    /** {@link #claims()} with a {@code groups} array of these elements (any JSON values, for the grammar of A7). */
    public static Map<String, Object> claimsWithGroups(Object... groups) {
        Map<String, Object> claims = claims();
        claims.put("groups", Arrays.asList(groups));
        return claims;
    }

    /** The current time in whole seconds, as {@code exp}, {@code nbf} and {@code iat} count it. */
    public static long nowSecond() {
        return System.currentTimeMillis() / 1000;
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    // ---------------------------------------------------------------- minted by SmallRye Jwt

    /** A valid RS256 token whose {@code groups} are the given roles. */
    public static String valid(String... groups) {
        return sign(claimsWithGroups((Object[]) groups));
    }

    /** A token with these groups that expired five minutes ago (A5: the suites use such tokens). */
    public static String expired(String... groups) {
        Map<String, Object> claims = claimsWithGroups((Object[]) groups);
        long now = nowSecond();
        claims.put("iat", now - 3900);
        claims.put("exp", now - 300);
        return sign(claims);
    }

    /** RS256 with the trusted test key; claims without {@code iat} or {@code exp} get them (see {@link #signAsIs}). */
    public static String sign(Map<String, Object> claims) {
        return Jwt.claims(claims).sign(KEY);
    }

    /** RS256 with a key the service does not trust (auth.md case table row 14). */
    public static String signWithUntrustedKey(Map<String, Object> claims) {
        return Jwt.claims(claims).sign(UNTRUSTED_KEY);
    }

    /** ES256 with the test EC key (auth.md A16). */
    public static String es256(Map<String, Object> claims) {
        return Jwt.claims(claims).jws().algorithm(SignatureAlgorithm.ES256).sign(EC_KEY);
    }

    // ---------------------------------------------------------------- deliberately broken, by hand

    /**
     * Exactly these claims, nothing added, RS256 with the trusted key: for claim sets SmallRye Jwt
     * would complete or could not write (no {@code exp}, no {@code iat}, a null or ill-typed claim).
     */
    public static String signAsIs(Map<String, Object> claims) {
        return signed(Map.of("alg", "RS256", "typ", "JWT"), claims, "SHA256withRSA", KEY);
    }

    /**
     * A compact JWS with this header, signed as its {@code alg} (RS256 or PS256) says with the test
     * key or, for {@code attacker = true}, with the untrusted one. For hostile headers.
     */
    public static String jws(Map<String, Object> header, Map<String, Object> claims, boolean attacker) {
        String algorithm = switch (String.valueOf(header.get("alg"))) {
            case "RS256" -> "SHA256withRSA";
            case "PS256" -> "RSASSA-PSS";
            default -> throw new IllegalArgumentException("unsupported alg " + header.get("alg"));
        };
        return signed(header, claims, algorithm, attacker ? UNTRUSTED_KEY : KEY);
    }

    /** HS256 keyed with the text of the public key: the classic algorithm-confusion token. */
    public static String hs256(Map<String, Object> claims) {
        return hmac("HS256", publicKeyPem().getBytes(StandardCharsets.US_ASCII), claims);
    }

    /** HS256/384/512 keyed with these bytes (an encoding of the service's public key): algorithm confusion. */
    public static String hmac(String alg, byte[] key, Map<String, Object> claims) {
        String signingInput = segment(Map.of("alg", alg, "typ", "JWT")) + "." + segment(claims);
        String mac = "Hmac" + alg.replace("HS", "SHA");
        try {
            Mac hmac = Mac.getInstance(mac);
            hmac.init(new SecretKeySpec(key, mac));
            return signingInput + "." + B64.encodeToString(hmac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured token: {@code alg: none} and an empty signature segment. */
    public static String unsecured(Map<String, Object> claims) {
        return segment(Map.of("alg", "none")) + "." + segment(claims) + ".";
    }

    /** Three base64url segments whose payload is not JSON, correctly signed. */
    public static String notJsonPayload() {
        String signingInput = segment(Map.of("alg", "RS256", "typ", "JWT")) + "."
                + B64.encodeToString("not json".getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + signature(signingInput, "SHA256withRSA", KEY);
    }

    /** A valid admin token whose header segment is replaced by base64url of a text that is not JSON. */
    public static String headerNotJson() {
        String[] valid = valid("admin").split("\\.");
        return B64.encodeToString("not json".getBytes(StandardCharsets.US_ASCII)) + "." + valid[1] + "." + valid[2];
    }

    /** The unpadded base64url of this value as JSON: one segment of a hand-built token. */
    public static String segment(Object json) {
        try {
            return B64.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
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
            var key = (RSAPrivateCrtKey) privateKey(UNTRUSTED_KEY, "RSA");
            return Map.of("kty", "RSA", "n", B64.encodeToString(unsigned(key.getModulus())),
                    "e", B64.encodeToString(unsigned(key.getPublicExponent())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signed(Map<String, Object> header, Map<String, Object> claims, String algorithm, String key) {
        String signingInput = segment(header) + "." + segment(claims);
        return signingInput + "." + signature(signingInput, algorithm, key);
    }

    private static String signature(String signingInput, String algorithm, String keyLocation) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            if (algorithm.equals("RSASSA-PSS")) {
                signature.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            }
            signature.initSign(privateKey(keyLocation, "RSA"));
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return B64.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
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
