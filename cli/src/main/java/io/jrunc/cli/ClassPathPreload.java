package io.jrunc.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes sure no class the container's init thread needs is looked up by path once that thread has switched
 * to the container's root, where every path resolves inside the container: a missing class would fail, and
 * a class or jar planted at the same path in the image would run as root in this JVM. Every jar of the
 * class path is opened now (the application class loader opens them lazily, and an open jar is read through
 * its fd), and every jrunc class in a class-path directory (a build's target/classes, as tests run it) is
 * loaded. JDK classes come from the modules image, open since start-up. Done once per JVM.
 */
final class ClassPathPreload {
    private static final String OWN_PACKAGE = "io" + File.separator + "jrunc" + File.separator;

    private ClassPathPreload() {
    }

    private static volatile boolean done;

    static synchronized void run() {
        if (done) {
            return;
        }
        done = true;
        ClassLoader loader = ClassPathPreload.class.getClassLoader();
        // A resource no jar holds: the lookup opens every jar of the class path, manifest Class-Path included.
        loader.getResource("io/jrunc/cli/no-such-resource");
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            Path dir = Path.of(entry);
            if (!entry.isEmpty() && Files.isDirectory(dir)) {
                classNames(dir).forEach(name -> load(loader, name));
            }
        }
    }

    private static List<String> classNames(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(dir::relativize).map(Path::toString)
                    .filter(f -> f.startsWith(OWN_PACKAGE) && f.endsWith(".class") && !f.endsWith("module-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace(File.separatorChar, '.'))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void load(ClassLoader loader, String name) {
        try {
            // Loaded, not initialised: a class's static state still starts when it is first used.
            Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // A class this JVM cannot load (another backend's, compiled for a newer JDK) is never used here.
        }
    }
}
