package io.jrunc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibseccompVersionTest {
    @TempDir
    Path dir;

    @Test
    void theVersionIsTheFullOneInTheLibrarysFileName() {
        assertEquals(Optional.of("2.5.4"), LibseccompVersion.ofFileName("libseccomp.so.2.5.4"));
        assertEquals(Optional.of("2.10.0"), LibseccompVersion.ofFileName("libseccomp.so.2.10.0"));
        for (String name : List.of("libseccomp.so.2", "libseccomp.so.2.5", "libseccomp.so.2.5.4.1",
                "libseccomp.so.2.5.4-custom", "libseccomp.so.2..4", "libseccomp.so.", "libfoo.so.2.5.4")) {
            assertEquals(Optional.empty(), LibseccompVersion.ofFileName(name), name);
        }
    }

    /** A loader's cache in glibc's format: an entry for each soname and path, their strings after the entries. */
    private static byte[] loaderCache(String... sonamesAndPaths) {
        int entries = sonamesAndPaths.length / 2;
        ByteBuffer cache = ByteBuffer.allocate(4096).order(ByteOrder.nativeOrder());
        cache.put("glibc-ld.so.cache1.1".getBytes(StandardCharsets.US_ASCII)).putInt(entries);
        int strings = 48 + entries * 24;
        for (int i = 0; i < entries; i++) {
            int key = strings;
            strings = putString(cache, strings, sonamesAndPaths[2 * i]);
            int value = strings;
            strings = putString(cache, strings, sonamesAndPaths[2 * i + 1]);
            cache.putInt(48 + i * 24, 0x0303).putInt(48 + i * 24 + 4, key).putInt(48 + i * 24 + 8, value);
        }
        return java.util.Arrays.copyOf(cache.array(), strings);
    }

    private static int putString(ByteBuffer cache, int at, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        cache.put(at, bytes).put(at + bytes.length, (byte) 0);
        return at + bytes.length + 1;
    }

    @Test
    void theLoadersCacheGivesThePathsOfTheSoname() throws Exception {
        Path file = dir.resolve("ld.so.cache");
        Files.write(file, loaderCache("libseccomp.so.2", "/lib/x86_64-linux-gnu/libseccomp.so.2",
                "libseccomp.so.20", "/lib/x86_64-linux-gnu/libseccomp.so.20",
                "libseccomp.so.2", "/lib/i386-linux-gnu/libseccomp.so.2"));

        assertEquals(List.of(Path.of("/lib/x86_64-linux-gnu/libseccomp.so.2"), Path.of("/lib/i386-linux-gnu/libseccomp.so.2")),
                LibseccompVersion.cached(file));
    }

    @Test
    void aMissingOrForeignCacheGivesNoPaths() throws Exception {
        assertEquals(List.of(), LibseccompVersion.cached(dir.resolve("none")));
        Path old = dir.resolve("old");
        Files.write(old, "ld.so-1.7.0\0libseccomp.so.2\0/lib/libseccomp.so.2\0".getBytes(StandardCharsets.US_ASCII));
        assertEquals(List.of(), LibseccompVersion.cached(old));
        Path cut = dir.resolve("cut");
        byte[] whole = loaderCache("libseccomp.so.2", "/lib/libseccomp.so.2");
        Files.write(cut, java.util.Arrays.copyOf(whole, 60));
        assertEquals(List.of(), LibseccompVersion.cached(cut));
    }

    @Test
    void thisHostsCacheIsRead() {
        // Where the host has one: whatever it lists for the soname is a path.
        if (Files.isReadable(Path.of("/etc/ld.so.cache"))) {
            for (Path path : LibseccompVersion.cached(Path.of("/etc/ld.so.cache"))) {
                assertEquals(LibseccompVersion.SONAME, path.getFileName().toString());
            }
        }
    }

    @Test
    void theLibraryPathComesFirstAndTheSonamesLinkIsFollowed() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.createFile(lib.resolve("libseccomp.so.2.6.0"));
        Files.createSymbolicLink(lib.resolve(LibseccompVersion.SONAME), Path.of("libseccomp.so.2.6.0"));

        assertEquals(Optional.of("2.6.0"), LibseccompVersion.installed("/nonexistent:" + lib, dir.resolve("none")));
    }

    @Test
    void aLibraryNamedWithoutItsVersionGivesNone() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.createFile(lib.resolve(LibseccompVersion.SONAME));

        assertEquals(Optional.empty(), LibseccompVersion.installed(lib.toString(), dir.resolve("none")));
    }
}
