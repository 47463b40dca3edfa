package nl.trajectorytracker.infra.audit.verification;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Ed25519 signatures (JDK 15+) and the PEM forms of its keys: PKCS#8 private keys, X.509 public keys. */
public final class Signatures {

    public static final String ALGORITHM = "Ed25519";
    private static final String PUBLIC_PEM = "PUBLIC KEY";
    private static final String PRIVATE_PEM = "PRIVATE KEY";

    private Signatures() {
    }

    public static String sign(PrivateKey key, byte[] content) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(content);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign with " + ALGORITHM, e);
        }
    }

    /** False for a wrong, malformed or missing signature. */
    public static boolean verify(PublicKey key, byte[] content, String signature) {
        if (key == null || signature == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(content);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static String publicKeyPem(PublicKey key) {
        return pem(PUBLIC_PEM, key.getEncoded());
    }

    public static String privateKeyPem(PrivateKey key) {
        return pem(PRIVATE_PEM, key.getEncoded());
    }

    /** A public key from PEM ({@code BEGIN PUBLIC KEY}) or bare base64 of the X.509 encoding. */
    public static PublicKey publicKey(String pemOrBase64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pemOrBase64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an " + ALGORITHM + " public key", e);
        }
    }

    /** A private key from PEM ({@code BEGIN PRIVATE KEY}) or bare base64 of the PKCS#8 encoding. */
    public static PrivateKey privateKey(String pemOrBase64) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pemOrBase64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Not an " + ALGORITHM + " PKCS#8 private key", e);
        }
    }

    private static byte[] der(String pemOrBase64) {
        String base64 = pemOrBase64.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
