package nl.trajectorytracker.query.trajectoryoverview;

import java.util.regex.Pattern;

/**
 * A text searched in titles in any case: a title matches exactly when {@code Pattern.compile(Pattern.quote(text),
 * CASE_INSENSITIVE | UNICODE_CASE)} finds the text in it.
 *
 * <p>
 * That pattern compares each character {@code c} of the title with the text's character folded ({@code p' =
 * toLowerCase(toUpperCase(p))}) and accepts {@code c == p'} or {@code fold(c) == p'}. For an ASCII character
 * {@code p'} is its own fold, so {@code c == p'} implies {@code fold(c) == p'}, and the test is {@code fold(c) ==
 * p'} alone: the folded text is looked up in the folded title with {@link String#indexOf(String)}. A title is
 * folded once per copy of the overview. One exception: a single character with no case (a digit, a space, a
 * punctuation mark) is compared as it is. That, and any text with a character outside ASCII, is left to the
 * pattern itself.
 */
final class TitleText {

    private final String folded;
    private final Pattern pattern;

    private TitleText(String text) {
        boolean byFolding = text.chars().allMatch(c -> c < 0x80)
                && (text.length() > 1 || Character.isLetter(text.charAt(0)));
        this.folded = byFolding ? fold(text) : null;
        this.pattern = byFolding ? null
                : Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    static TitleText of(String text) {
        return new TitleText(text);
    }

    /** Whether {@code title}, whose {@link #fold} is {@code foldedTitle}, contains the text. */
    boolean isIn(String title, String foldedTitle) {
        if (title == null) {
            return false;
        }
        return folded != null ? foldedTitle.contains(folded) : pattern.matcher(title).find();
    }

    /**
     * Each character as a case-insensitive pattern folds it; one that folds outside the Basic Multilingual Plane
     * becomes {@code U+FFFF}, which no ASCII text contains. The length stays that of the title.
     */
    static String fold(String title) {
        if (title == null) {
            return null;
        }
        char[] folded = new char[title.length()];
        for (int i = 0; i < folded.length; i++) {
            int c = Character.toLowerCase(Character.toUpperCase((int) title.charAt(i)));
            folded[i] = c > Character.MAX_VALUE ? Character.MAX_VALUE : (char) c;
        }
        return new String(folded);
    }
}
