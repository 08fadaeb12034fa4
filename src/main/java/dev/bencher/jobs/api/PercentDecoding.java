package dev.bencher.jobs.api;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Percent-decoding as Bencher's stack does it: a valid {@code %XX} becomes its byte, anything else
 * stays literal. Path segments must then be valid UTF-8 (R4); query strings are decoded lossily
 * with {@code +} as a space (R14, form encoding).
 */
final class PercentDecoding {

    private PercentDecoding() {
    }

    /** R4: empty when the decoded bytes are not valid UTF-8. */
    static Optional<String> pathSegment(String text) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes(text, false)))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** A {@code %} not followed by two hex digits, which the framework's router refuses to normalise. */
    static boolean hasInvalidEscape(String text) {
        for (int i = text.indexOf('%'); i >= 0; i = text.indexOf('%', i + 1)) {
            if (i + 2 >= text.length() || !isHex((byte) text.charAt(i + 1)) || !isHex((byte) text.charAt(i + 2))) {
                return true;
            }
        }
        return false;
    }

    /** R14: invalid UTF-8 becomes U+FFFD, as in the form parser. */
    static String formValue(String text) {
        return new String(bytes(text, true), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text, boolean plusAsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '%' && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
                out.write(HexFormat.fromHexDigit(raw[i + 1]) << 4 | HexFormat.fromHexDigit(raw[i + 2]));
                i += 2;
            } else {
                out.write(plusAsSpace && b == '+' ? ' ' : b);
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(byte b) {
        return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F';
    }
}
