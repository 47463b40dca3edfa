package nl.trajectorytracker.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

class FlatJsonObjectTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void readsWhatJacksonWrites_whateverTheCharacters() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            Map<String, Object> members = new HashMap<>();
            for (int m = random.nextInt(6); m > 0; m--) {
                members.put(text(random), text(random));
            }
            assertThat(FlatJsonObject.parseOrNull(JACKSON.writeValueAsString(members))).isEqualTo(members);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", " { } ", "{\"a\":\"1\"}", "{ \"a\" : \"1\" ,\n\t\"b\":\"\\u00e9\\n\\\"\\\\\\/\"\r}",
            "{\"a\":\"1\",\"a\":\"2\"}", "{\"\":\"\"}", "{\"x\":\"\\ud83d\\ude00 and \\uD83D\"}"})
    void readsFlatObjectsAsJacksonDoes(String json) throws Exception {
        assertThat(FlatJsonObject.parseOrNull(json))
                .isEqualTo(JACKSON.readValue(json, new TypeReference<Map<String, Object>>() {
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{\"a\":1}", "{\"a\":null}", "{\"a\":{\"b\":\"c\"}}", "{\"a\":[\"b\"]}",
            "{\"a\":\"1\",}", "{\"a\":\"1\"", "{\"a\":\"1\"} x", "{a:\"1\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
            "{\"a\":\"line\nbreak\"}", "{\"a\" \"1\"}", "{\"a\":\"1\" \"b\":\"2\"}"})
    void leavesEverythingElseToJackson(String json) {
        assertThat(FlatJsonObject.parseOrNull(json)).isNull();
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append((char) switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> '"' + random.nextInt(2) * ('\\' - '"');
                case 2 -> 0x80 + random.nextInt(0xD000);
                default -> 'a' + random.nextInt(26);
            });
        }
        return text.toString();
    }
}
