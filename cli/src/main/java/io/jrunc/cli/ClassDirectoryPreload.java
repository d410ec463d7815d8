package io.jrunc.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads every jrunc class that sits in a class-path directory rather than a jar, before the init thread
 * switches to the container's root. From then on that thread resolves paths in the container: a jar the JVM
 * has open stays readable through its fd, but a class file in a directory (a build's target/classes, as
 * tests run it) that the thread needs first would be looked up by path and not found. Production class
 * paths are jars, so this costs nothing there. Done once per JVM.
 */
final class ClassDirectoryPreload {
    private static final String OWN_PACKAGE = "io" + File.separator + "jrunc" + File.separator;

    private ClassDirectoryPreload() {
    }

    private static volatile boolean done;

    static synchronized void run() {
        if (done) {
            return;
        }
        done = true;
        ClassLoader loader = ClassDirectoryPreload.class.getClassLoader();
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
