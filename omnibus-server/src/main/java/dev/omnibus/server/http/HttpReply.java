package dev.omnibus.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A complete response, independent of Netty's reference-counted buffers so routes can build it on any thread.
 *
 * @param headers extra headers; content type and length are set from the other fields
 */
public record HttpReply(HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public HttpReply {
        headers = Map.copyOf(headers);
    }

    /** A JSON body written from maps, lists and scalars. */
    public static HttpReply json(HttpResponseStatus status, Object body) {
        try {
            return new HttpReply(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not serialisable as JSON: " + body, e);
        }
    }

    /** The JSON error body every route uses: {@code {"status":404,"message":"..."}}. */
    public static HttpReply error(HttpResponseStatus status, String message) {
        return json(status, new StatusBody(status.code(), message));
    }

    /** The {@code {"status":..., "message":...}} shape of health and error bodies, fields in that order. */
    public record StatusBody(Object status, String message) {
    }

    public HttpReply withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpReply(status, contentType, body, more);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
