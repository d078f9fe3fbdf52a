package dev.omnibus.server.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;

/**
 * What a route sees of a request: copied out of Netty's buffers, so a route may answer later from another thread.
 *
 * @param path the decoded path without the query string
 * @param query decoded query parameters
 * @param headers request headers, names in lower case, first value wins
 */
public record HttpRequestView(HttpMethod method, String path, Map<String, List<String>> query,
                              Map<String, String> headers, byte[] body) {
    public HttpRequestView {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }
}
