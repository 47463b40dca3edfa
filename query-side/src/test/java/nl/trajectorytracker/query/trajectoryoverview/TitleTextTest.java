package nl.trajectorytracker.query.trajectoryoverview;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** A title contains a text exactly when the case-insensitive pattern of the text finds it in the title. */
class TitleTextTest {

    @Test
    void everyAsciiCharacter_matchesEveryCharacter_asThePatternDoes() {
        List<String> differences = new ArrayList<>();
        for (char text = 0; text < 0x80; text++) {
            Pattern pattern = pattern(String.valueOf(text));
            TitleText title = TitleText.of(String.valueOf(text));
            for (int c = 0; c <= Character.MAX_VALUE; c++) {
                String candidate = String.valueOf((char) c);
                if (pattern.matcher(candidate).find() != title.isIn(candidate, TitleText.fold(candidate))) {
                    differences.add("text U+" + Integer.toHexString(text) + " against U+" + Integer.toHexString(c));
                }
            }
        }
        assertThat(differences).isEmpty();
    }

    /**
     * In a longer text each character is compared alike; a title character that is not ASCII and does not fold to
     * ASCII matches no ASCII character either way, so those are left out.
     */
    @Test
    void everyAsciiCharacterInALongerText_matchesEveryCharacter_asThePatternDoes() {
        List<Integer> candidates = new ArrayList<>();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (c < 0x80 || TitleText.fold(String.valueOf((char) c)).charAt(0) < 0x80) {
                candidates.add(c);
            }
        }
        List<String> differences = new ArrayList<>();
        for (char text = 0; text < 0x80; text++) {
            String searched = text + "x";
            Pattern pattern = pattern(searched);
            TitleText title = TitleText.of(searched);
            for (int c : candidates) {
                String candidate = (char) c + "x";
                if (pattern.matcher(candidate).find() != title.isIn(candidate, TitleText.fold(candidate))) {
                    differences.add("text " + searched + " against U+" + Integer.toHexString(c));
                }
            }
        }
        assertThat(candidates).hasSizeGreaterThan(0x80);
        assertThat(differences).isEmpty();
    }

    @Test
    void aTextBeyondAscii_matchesAsThePatternDoes() {
        List<String> titles = List.of("Zorg in Noord-Brabant", "ZORG İN NOORD", "Straße und STRASSE",
                "Ärztehaus Ödland", "µ-care", "Kelvin \u212A", "dotless \u0131", "long \u017Fs",
                "\uD801\uDC00 deseret",
                "\uD801\uDC28 deseret", "");
        List<String> texts = List.of("İn", "i̇n", "straße", "ÄRZTE", "ödland", "Μ", "µ", "\u212A", "K", "\u0131",
                "I", "\u017F", "S", "\uD801\uDC00", "\uD801\uDC28", "1", " ", "-", "ß", "ss");
        for (String text : texts) {
            for (String title : titles) {
                assertThat(TitleText.of(text).isIn(title, TitleText.fold(title)))
                        .as("%s in %s", text, title).isEqualTo(pattern(text).matcher(title).find());
            }
        }
    }

    @Test
    void noTitle_containsNothing() {
        assertThat(TitleText.of("care").isIn(null, TitleText.fold(null))).isFalse();
        assertThat(TitleText.of("ü").isIn(null, TitleText.fold(null))).isFalse();
    }

    private static Pattern pattern(String text) {
        return Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
}
