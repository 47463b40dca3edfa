package nl.trajectorytracker.infra.axon;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads a JSON object whose values are all strings, such as the metadata of our messages, without a parser
 * framework: Jackson's copies the text into pooled buffers and hands them back for every object, which cost more
 * than the reading itself for objects this small. Anything else (another value type, a syntax error, text after the
 * object) is not read here, so the caller can give it to a full JSON reader.
 */
final class FlatJsonObject {

    private final String json;
    private int at;

    private FlatJsonObject(String json) {
        this.json = json;
    }

    /** The members of the object, or {@code null} when the text is not an object of strings. */
    static Map<String, Object> parseOrNull(String json) {
        return new FlatJsonObject(json).object();
    }

    private Map<String, Object> object() {
        skipWhitespace();
        if (!consume('{')) {
            return null;
        }
        Map<String, Object> members = new HashMap<>();
        skipWhitespace();
        if (!consume('}')) {
            do {
                skipWhitespace();
                String name = string();
                skipWhitespace();
                if (name == null || !consume(':')) {
                    return null;
                }
                skipWhitespace();
                String value = string();
                if (value == null) {
                    return null;
                }
                members.put(name, value);
                skipWhitespace();
            } while (consume(','));
            if (!consume('}')) {
                return null;
            }
        }
        skipWhitespace();
        return at == json.length() ? members : null;
    }

    /** A string token, its escapes resolved; {@code null} when there is none here or it is malformed. */
    private String string() {
        if (!consume('"')) {
            return null;
        }
        int start = at;
        while (at < json.length()) {
            char c = json.charAt(at);
            if (c == '"') {
                return json.substring(start, at++);
            }
            if (c == '\\') {
                return escapedString(start);
            }
            if (c < 0x20) {
                return null;
            }
            at++;
        }
        return null;
    }

    private String escapedString(int start) {
        StringBuilder text = new StringBuilder(json.length() - start).append(json, start, at);
        while (at < json.length()) {
            char c = json.charAt(at++);
            if (c == '"') {
                return text.toString();
            }
            if (c < 0x20) {
                return null;
            }
            if (c != '\\') {
                text.append(c);
                continue;
            }
            if (at >= json.length()) {
                return null;
            }
            char escape = json.charAt(at++);
            switch (escape) {
                case '"', '\\', '/' -> text.append(escape);
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    if (at + 4 > json.length()) {
                        return null;
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(json.charAt(at++), 16);
                        if (digit < 0) {
                            return null;
                        }
                        code = code * 16 + digit;
                    }
                    text.append((char) code);
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    private boolean consume(char expected) {
        if (at < json.length() && json.charAt(at) == expected) {
            at++;
            return true;
        }
        return false;
    }

    private void skipWhitespace() {
        while (at < json.length()) {
            char c = json.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }
}
