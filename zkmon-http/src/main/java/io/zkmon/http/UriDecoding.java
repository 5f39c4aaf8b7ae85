package io.zkmon.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding of URL parts. The server leaves URLs undecoded so that odd encodings ({@code %2F},
 * {@code %C0%AF}, raw UTF-8 bytes) reach us and get either their meaning or a 400 that says what is wrong, never a
 * lenient guess. Bytes, escaped or raw, are decoded as UTF-8.
 */
final class UriDecoding {

    private UriDecoding() {
    }

    /** Decodes a path part: {@code %XX} escapes, UTF-8, {@code +} stays {@code +}. */
    static String path(String raw) {
        return decode(raw, false);
    }

    /** Decodes a query name or value: like {@link #path}, and {@code +} means a space. */
    static String query(String raw) {
        return decode(raw, true);
    }

    private static String decode(String raw, boolean plusIsSpace) {
        if (!needsDecoding(raw, plusIsSpace)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw ApiException.badRequest("malformed percent-encoding in '" + Responses.echo(raw)
                            + "': '%' must be followed by two hex digits");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c <= 0xFF) {
                // ASCII, or a raw byte of the request line: the HTTP parser hands each byte over as one char
                bytes.write(c);
            } else {
                // a character that did not come from the wire (tests, embedding): keep it as its UTF-8
                int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
                bytes.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("'" + Responses.echo(raw) + "' is not valid UTF-8 once percent-decoded");
        }
    }

    private static boolean needsDecoding(String raw, boolean plusIsSpace) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' || c >= 0x80 || (plusIsSpace && c == '+')) {
                return true;
            }
        }
        return false;
    }
}
