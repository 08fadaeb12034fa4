package dev.bencher.jobs.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.bencher.jobs.error.ApiException;

/**
 * Dropshot's path matching for the two served paths (jobs-api.md R4, R5): empty segments are
 * ignored, each segment is percent-decoded, literals are case-sensitive.
 *
 * @param project the decoded {@code {project}} segment
 * @param job the decoded {@code {job}} segment, {@code null} for the list path
 */
record ApiRoute(String project, String job) {

    /**
     * Operational endpoints under {@code /q/} (health, metrics, OpenAPI). Decided on a path that
     * passed {@link #segments}, so no {@code ..} can lead from {@code /q/} to an API path.
     */
    static boolean isOperational(String rawPath) {
        return rawPath.startsWith("/q/") || rawPath.equals("/q");
    }

    /**
     * R4 for every path, {@code /q/...} included: the decoded non-empty segments.
     *
     * @throws ApiException 400 when a segment is {@code .} or {@code ..} or not UTF-8 once decoded
     */
    static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String decoded = PercentDecoding.pathSegment(segment).orElseThrow(ApiException::invalidPathEncoding);
            if (decoded.equals(".") || decoded.equals("..")) {
                throw ApiException.invalidPathEncoding();
            }
            segments.add(decoded);
        }
        return segments;
    }

    /** @throws ApiException 404 for any path but the two API paths (R5) */
    static ApiRoute match(List<String> segments) {
        boolean jobs = segments.size() >= 4 && segments.get(0).equals("v0") && segments.get(1).equals("projects")
                && segments.get(3).equals("jobs");
        if (jobs && segments.size() == 4) {
            return new ApiRoute(segments.get(2), null);
        }
        if (jobs && segments.size() == 5) {
            return new ApiRoute(segments.get(2), segments.get(4));
        }
        throw ApiException.notFound();
    }

    /** The route template, for logs and metrics (never the raw path). */
    String template() {
        return job == null ? "/v0/projects/{project}/jobs" : "/v0/projects/{project}/jobs/{job}";
    }

    /** The same route with every segment encoded one way, as the JAX-RS resources expect it. */
    String canonicalPath() {
        String path = "/v0/projects/" + encode(project) + "/jobs";
        return job == null ? path : path + "/" + encode(job);
    }

    private static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '~' || c == '.') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
