package nl.trajectorytracker.query.research;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server-side key of research, kept out of the database (the application supplies it: a file in the data
 * directory or configuration). Two keys are derived from it: one for keyed hashes, one for sealing.
 *
 * <ul>
 * <li>{@link #key}: what the research tables hold instead of a trajectory id, an organisation name or a person:
 * HMAC-SHA256 over the kind and the value, 128 bits in hexadecimal. Whoever reads the database without this key
 * cannot turn a stored key back into a name, nor test a guessed name against it. Studies re-key these per study.</li>
 * <li>{@link #sealDeterministic} and {@link #open}: AES-256-GCM for the few values research must read back (the
 * exact start of a trajectory, which the projection needs for day offsets, and the text of a tag, released only
 * when enough organisations use it). The nonce is derived from the value, so the same value seals to the same text
 * and a rebuild writes the same documents.</li>
 * <li>{@link #seal}: AES-256-GCM with a random nonce, bound to a context (a study's secret to its study id).</li>
 * </ul>
 */
public final class ResearchKeys {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_HEX_CHARACTERS = 32;

    private final ThreadLocal<Mac> macs;
    private final ThreadLocal<Mac> nonces;
    private final SecretKeySpec sealing;
    private final String fingerprint;
    private final SecureRandom random = new SecureRandom();

    /** @param master at least 32 random bytes */
    public ResearchKeys(byte[] master) {
        if (master == null || master.length < 32) {
            throw new IllegalArgumentException("The research key needs at least 32 bytes");
        }
        byte[] hashing = derive(master, "research keyed hashes");
        byte[] nonce = derive(master, "research nonces");
        this.sealing = new SecretKeySpec(derive(master, "research sealing"), "AES");
        this.macs = ThreadLocal.withInitial(() -> mac(hashing));
        this.nonces = ThreadLocal.withInitial(() -> mac(nonce));
        this.fingerprint = HexFormat.of().formatHex(derive(master, "research key fingerprint"), 0, 8);
    }

    /** A fresh random key of 32 bytes. */
    public static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** Names the key without revealing it, so that a read model built under another key can be recognised. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The keyed hash of a value of a kind ({@code trajectory}, {@code organisation}, {@code person}, {@code tag}). */
    public String key(String kind, String value) {
        if (value == null) {
            return null;
        }
        byte[] digest = macs.get().doFinal((kind + "\u0000" + value).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest).substring(0, KEY_HEX_CHARACTERS);
    }

    /** Seals a value so that the same value in the same context always gives the same text. */
    public String sealDeterministic(String context, String plaintext) {
        byte[] nonce = Arrays.copyOf(nonces.get().doFinal((context + "\u0000" + plaintext)
                .getBytes(StandardCharsets.UTF_8)), NONCE_BYTES);
        return seal(context, plaintext, nonce);
    }

    /** Seals a value with a random nonce. */
    public String seal(String context, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return seal(context, plaintext, nonce);
    }

    /** Opens what {@link #seal} or {@link #sealDeterministic} sealed in the same context. */
    public String open(String context, String sealed) {
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, sealing, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SealedUnderAnotherKey(context, e);
        }
    }

    /** A sealed value that this key cannot open: sealed under another research key, or altered. */
    public static final class SealedUnderAnotherKey extends RuntimeException {
        SealedUnderAnotherKey(String context, Exception cause) {
            super("A sealed research value (" + context + ") cannot be opened with this research key", cause);
        }
    }

    private String seal(String context, String plaintext, byte[] nonce) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, sealing, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] encrypted = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = new byte[NONCE_BYTES + encrypted.length];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            System.arraycopy(encrypted, 0, sealed, NONCE_BYTES, encrypted.length);
            return Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has AES/GCM", e);
        }
    }

    private static byte[] derive(byte[] master, String purpose) {
        return mac(master).doFinal(purpose.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HMAC-SHA256", e);
        }
    }
}
