package dev.barfill.app.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Ports that stay the same across runs on one data directory. The KRaft controller records its
 * own endpoint in the metadata log, so a restart must come back on the port it had.
 */
public final class Ports {
    private final Path file;
    private final Properties saved = new Properties();

    public Ports(Path dataDir) {
        this.file = dataDir.resolve("ports.properties");
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                saved.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    /** The port saved under {@code name}, or a free one that is then saved. */
    public int get(String name) {
        String value = saved.getProperty(name);
        if (value != null) {
            return Integer.parseInt(value);
        }
        int port = free();
        saved.setProperty(name, Integer.toString(port));
        try (OutputStream out = Files.newOutputStream(file)) {
            saved.store(out, "ports chosen on the first run on this data directory");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return port;
    }

    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    public static boolean inUse(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
