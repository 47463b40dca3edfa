package nl.trajectorytracker.infra.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque API tokens: {@value #PREFIX} followed by 32 random bytes in base64url. Only the SHA-256 of a token is ever
 * stored; with 256 random bits a plain hash cannot be reversed or guessed, and it doubles as the look-up key.
 */
public final class ApiTokens {

    public static final String PREFIX = "tt_";
    static final int MIN_LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean looksLikeApiToken(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
