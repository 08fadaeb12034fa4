package dev.bencher.jobs.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.restassured.RestAssured;

/**
 * Sends a request target byte for byte (REST Assured and java.net normalise {@code ..}, {@code //}
 * and bad escapes away) and reads a {@code Connection: close} response.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** An answer; {@code statusLine} is its first line as sent ({@code HTTP/1.1 200 OK}). */
    public record Response(String statusLine, int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public static Response send(String method, String target, String... headerLines) {
        return sendWithBody(method, target, "", headerLines);
    }

    public static Response sendWithBody(String method, String target, String body, String... headerLines) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\nConnection: close\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").append(body).toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends these exact bytes (request line, headers, body: nothing added) and parses what the
     * server answered before closing the connection; fails if it keeps it open for ten seconds.
     */
    public static Response exchange(String rawRequest) {
        return parse(sendRaw(rawRequest.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /**
     * Sends these bytes and returns all the server answered before it closed the connection. A
     * server that refuses the request while it is still being sent may reset the connection: then
     * whatever arrived before, possibly nothing. A server that keeps the connection open fails it.
     */
    public static byte[] sendRaw(byte[] request) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            try {
                socket.getOutputStream().write(request);
                socket.getInputStream().transferTo(response);
            } catch (SocketException reset) {
                // refused mid-request: what arrived is the answer
            }
            return response.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response parse(byte[] raw) {
        String text = new String(raw, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new IllegalStateException("expected a Content-Length response: " + headers);
        }
        return new Response(lines[0], Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
    }
}
