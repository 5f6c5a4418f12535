package dev.ecsd.protocol;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict {@code application/x-www-form-urlencoded} decoding, for the parameters of AWS Query requests in a body
 * or a query string. Unlike {@link java.net.URLDecoder}, a broken percent-escape or bytes that are not UTF-8 are
 * refused instead of being replaced, so that a mangled request is an error rather than a different request.
 */
final class FormEncoding {
    private FormEncoding() {
    }

    /** The parameters of a form-encoded body, which must be UTF-8 like everything it encodes. */
    static Map<String, List<String>> parse(byte[] body, String where) {
        try {
            return parse(strictUtf8(body), where);
        } catch (CharacterCodingException e) {
            throw malformed(where, "it is not UTF-8");
        }
    }

    /**
     * The parameters in order of appearance, each with all its values. {@code where} names the source in errors
     * ("The request body", "The query string").
     */
    static Map<String, List<String>> parse(String encoded, String where) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        int start = 0;
        while (start <= encoded.length()) {
            int end = encoded.indexOf('&', start);
            if (end < 0) {
                end = encoded.length();
            }
            String pair = encoded.substring(start, end);
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals), where);
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1), where);
                if (!name.isEmpty()) {
                    parameters.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
                }
            }
            start = end + 1;
        }
        return parameters;
    }

    /** Decodes one name or value: {@code +} is a space, {@code %XX} a byte, and the bytes must be UTF-8. */
    static String decode(String encoded, String where) {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= encoded.length() || !isAsciiHex(encoded.charAt(i + 1))
                        || !isAsciiHex(encoded.charAt(i + 2))) {
                    String escape = encoded.substring(i, Math.min(encoded.length(), i + 3));
                    throw malformed(where, "'" + escape + "' is not a percent-escape of two hexadecimal digits");
                }
                bytes.write(Character.digit(encoded.charAt(i + 1), 16) * 16 + Character.digit(encoded.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] encodedChar = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < encoded.length()) {
                    encodedChar = encoded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(encodedChar);
            }
        }
        try {
            return strictUtf8(bytes.toByteArray());
        } catch (CharacterCodingException e) {
            throw malformed(where, "its percent-escapes are not UTF-8");
        }
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private static boolean isAsciiHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static ApiException malformed(String where, String reason) {
        return new ApiException(ErrorType.MALFORMED_QUERY_STRING,
                where + " is not valid application/x-www-form-urlencoded data: " + reason + ".");
    }
}
