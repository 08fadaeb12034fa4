package dev.bencher.jobs.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed CA and a server certificate it signed for {@code localhost}, made with the JDK's
 * keytool (nothing to install), as PEM files PostgreSQL and the service read: {@code ca.crt},
 * {@code server.crt}, {@code server.key} (mode 600, as PostgreSQL requires).
 */
public record TestCertificates(Path ca, Path serverCertificate, Path serverKey) {

    private static final String PASSWORD = "changeit";

    /** A CA named {@code name} in a new directory, and a certificate for {@code localhost} signed by it. */
    public static TestCertificates create(String name) {
        try {
            Path directory = Files.createTempDirectory("jobs-test-tls-");
            Path caStore = directory.resolve("ca.p12");
            Path serverStore = directory.resolve("server.p12");
            Path request = directory.resolve("server.csr");
            Path ca = directory.resolve("ca.crt");
            Path certificate = directory.resolve("server.crt");
            keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name,
                    "-ext", "bc:c", "-validity", "2", "-keystore", caStore.toString());
            keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-file", ca.toString());
            keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                    "-validity", "2", "-keystore", serverStore.toString());
            keytool("-certreq", "-alias", "server", "-keystore", serverStore.toString(), "-file", request.toString());
            keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", caStore.toString(), "-infile", request.toString(),
                    "-outfile", certificate.toString(), "-ext", "SAN=dns:localhost", "-validity", "2");
            Path key = directory.resolve("server.key");
            Files.writeString(key, pem("PRIVATE KEY", privateKey(serverStore, "server").getEncoded()));
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            return new TestCertificates(ca, certificate, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** keytool's command (the first argument), the store's type and password, then the other arguments. */
    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), arguments[0],
                "-storetype", "PKCS12", "-storepass", PASSWORD));
        command.addAll(List.of(arguments).subList(1, arguments.length));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed:\n" + output);
        }
    }

    private static PrivateKey privateKey(Path store, String alias) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        return (PrivateKey) keys.getKey(alias, PASSWORD.toCharArray());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
