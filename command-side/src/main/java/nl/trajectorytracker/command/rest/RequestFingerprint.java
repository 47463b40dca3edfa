package nl.trajectorytracker.command.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.WebUtils;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The fingerprint of a request, as the IETF {@code Idempotency-Key} draft asks: a SHA-256 over the method, the path
 * and the canonical body. The canonical body is the JSON with its object members sorted by name and no whitespace, so
 * two bodies that differ only in layout or member order have the same fingerprint; a body that is no JSON counts as
 * its bytes. The body is read from the request's cache, which the application keeps for requests that carry an
 * {@code Idempotency-Key}.
 */
public final class RequestFingerprint {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private RequestFingerprint() {
    }

    /** Method and path, such as {@code POST /api/trajectories}. */
    static String line(HttpServletRequest request) {
        return request.getMethod() + " " + request.getRequestURI();
    }

    static String of(HttpServletRequest request) {
        return sha256(line(request) + "\n" + canonicalBody(body(request)));
    }

    static String canonicalBody(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        try {
            JsonNode tree = JSON.readTree(body);
            // a tree's objects keep the members' order; as plain maps they are written sorted by name
            return tree == null ? "" : JSON.writeValueAsString(JSON.treeToValue(tree, Object.class));
        } catch (JsonProcessingException e) {
            return new String(body, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] body(HttpServletRequest request) {
        ContentCachingRequestWrapper cached = WebUtils.getNativeRequest(request, ContentCachingRequestWrapper.class);
        if (cached == null) {
            return new byte[0];
        }
        try {
            // what the JSON reader left unread, so the cache holds the whole body
            cached.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cached.getContentAsByteArray();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
