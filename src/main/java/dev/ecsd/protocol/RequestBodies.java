package dev.ecsd.protocol;

import dev.ecsd.model.ApiException;
import dev.ecsd.model.ErrorType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * A request's body as the operation reads it. Clients compress some requests ({@code Content-Encoding: gzip}):
 * the SDKs and botocore do so for CloudWatch PutMetricData past 10 KB, as the service model asks. The signature
 * covers the compressed bytes, so a body is decoded only after it is verified.
 */
final class RequestBodies {
    /** A compressed body may expand to at most this; CloudWatch's own limit on PutMetricData is 1 MB. */
    static final int MAX_DECODED_BYTES = 16 * 1024 * 1024;

    private RequestBodies() {
    }

    static byte[] decoded(SigV4Verifier.HttpRequestParts request) {
        String encoding = request.header("Content-Encoding");
        if (encoding == null || encoding.isBlank() || encoding.strip().equalsIgnoreCase("identity")) {
            return request.body();
        }
        if (!encoding.strip().toLowerCase(Locale.ROOT).equals("gzip")) {
            throw new ApiException(ErrorType.SERIALIZATION, "The Content-Encoding " + encoding
                    + " is not supported: send the body as is or gzip-compressed.");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(request.body()))) {
            byte[] decoded = in.readNBytes(MAX_DECODED_BYTES + 1);
            if (decoded.length > MAX_DECODED_BYTES) {
                throw new ApiException(ErrorType.REQUEST_ENTITY_TOO_LARGE, "The request body expands to more than "
                        + MAX_DECODED_BYTES + " bytes.");
            }
            return decoded;
        } catch (IOException e) {
            throw new ApiException(ErrorType.SERIALIZATION, "The request body is not valid gzip: " + e.getMessage());
        }
    }
}
