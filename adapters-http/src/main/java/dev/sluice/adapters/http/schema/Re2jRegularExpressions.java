package dev.sluice.adapters.http.schema;

import com.google.re2j.Pattern;
import com.networknt.schema.regex.RegularExpressionFactory;

/**
 * {@code pattern} and {@code patternProperties} on RE2/J: matching time is linear in the input,
 * so no merchant pattern can backtrack for ever ({@code (.*a){25}} against 1,500 characters
 * never finishes on {@code java.util.regex}). JSON Schema patterns are unanchored searches.
 */
final class Re2jRegularExpressions {
    static final RegularExpressionFactory FACTORY = regex -> {
        Pattern pattern = Pattern.compile(regex);
        return value -> pattern.matcher(value).find();
    };

    private Re2jRegularExpressions() {
    }
}
