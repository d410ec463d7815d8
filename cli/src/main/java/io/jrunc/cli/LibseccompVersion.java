package io.jrunc.cli;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The version of the libseccomp that the backends load (both open {@code libseccomp.so.2} through the dynamic
 * loader), for the version lines. It is read from the name of the file that the soname's link points to, which
 * libtool names {@code libseccomp.so.MAJOR.MINOR.MICRO}, not asked of the library: loading it and linking a
 * call to seccomp_version() costs a fresh JVM 70 to 90 ms, most of what {@code --version} takes otherwise.
 * It is looked for where the loader looks: the directories of {@code $LD_LIBRARY_PATH}, then the paths of
 * the loader's cache (/etc/ld.so.cache), then its default directories; nothing found, or a file named
 * otherwise, gives no version rather than a guess.
 * No lambdas: {@code --version} is not in the start-up cache's workload, so each would be spun up at run time.
 */
final class LibseccompVersion {
    static final String SONAME = "libseccomp.so.2";
    private static final Path LOADER_CACHE = Path.of("/etc/ld.so.cache");
    private static final String MAGIC = "glibc-ld.so.cache1.1";
    /** The magic, the number of entries, the string table's length, flags and unused words. */
    private static final int HEADER = 48;
    private static final int ENTRY = 24;
    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;
    private static final List<String> DEFAULT_DIRECTORIES = List.of("/lib64", "/usr/lib64", "/lib", "/usr/lib");

    private LibseccompVersion() {
    }

    static Optional<String> installed() {
        return installed(System.getenv("LD_LIBRARY_PATH"), LOADER_CACHE);
    }

    static Optional<String> installed(String libraryPath, Path loaderCache) {
        for (Path candidate : candidates(libraryPath, loaderCache)) {
            if (Files.exists(candidate)) {
                try {
                    return ofFileName(candidate.toRealPath().getFileName().toString());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** "libseccomp.so.2.5.4" is 2.5.4; a name without the full version says nothing. */
    static Optional<String> ofFileName(String name) {
        String prefix = "libseccomp.so.";
        if (!name.startsWith(prefix)) {
            return Optional.empty();
        }
        String version = name.substring(prefix.length());
        int dots = 0;
        boolean digitBefore = false;
        for (char c : version.toCharArray()) {
            if (c == '.' && digitBefore) {
                dots++;
                digitBefore = false;
            } else if (c >= '0' && c <= '9') {
                digitBefore = true;
            } else {
                return Optional.empty();
            }
        }
        return dots == 2 && digitBefore ? Optional.of(version) : Optional.empty();
    }

    private static List<Path> candidates(String libraryPath, Path loaderCache) {
        List<Path> candidates = new ArrayList<>();
        if (libraryPath != null) {
            for (String dir : libraryPath.split(":")) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, SONAME));
                }
            }
        }
        candidates.addAll(cached(loaderCache));
        for (String dir : DEFAULT_DIRECTORIES) {
            candidates.add(Path.of(dir, SONAME));
        }
        return candidates;
    }

    /**
     * The paths that the loader's cache (glibc's format since 2.32, {@code glibc-ld.so.cache1.1}) gives for the
     * soname, in its order. Its entries are read rather than its string table scanned: a scan of some 35 kB of
     * strings, interpreted in a JVM this young, costs a millisecond. Entries of every architecture count; a
     * host with libseccomp for two of them has one package version of it.
     */
    static List<Path> cached(Path loaderCache) {
        List<Path> paths = new ArrayList<>();
        byte[] cache;
        // Not Files.readAllBytes: its channel classes, which no other command here loads, cost a millisecond.
        try (FileInputStream in = new FileInputStream(loaderCache.toFile())) {
            cache = in.readAllBytes();
        } catch (IOException e) {
            return paths;
        }
        if (cache.length < HEADER || !isString(cache, 0, MAGIC, false)) {
            return paths;
        }
        int entries = intAt(cache, MAGIC.length());
        for (int i = 0; i < entries && HEADER + (i + 1) * ENTRY <= cache.length; i++) {
            int entry = HEADER + i * ENTRY;
            // Each entry: flags, the offset of its soname, the offset of its path, then fields of no use here.
            int key = intAt(cache, entry + 4);
            int value = intAt(cache, entry + 8);
            if (isString(cache, key, SONAME, true) && value >= 0 && value < cache.length && cache[value] == '/') {
                int end = value;
                while (end < cache.length && cache[end] != 0) {
                    end++;
                }
                paths.add(Path.of(new String(cache, value, end - value, StandardCharsets.ISO_8859_1)));
            }
        }
        return paths;
    }

    /**
     * The cache's 32-bit number at {@code offset}, in the host's byte order as ldconfig writes it. Not through a
     * ByteBuffer, whose first reads in a fresh JVM cost more than this whole lookup otherwise.
     */
    private static int intAt(byte[] bytes, int offset) {
        int littleEndian = (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8 | (bytes[offset + 2] & 0xff) << 16
                | (bytes[offset + 3] & 0xff) << 24;
        return BIG_ENDIAN ? Integer.reverseBytes(littleEndian) : littleEndian;
    }

    /** Whether {@code text} is at {@code offset}, NUL-terminated if {@code whole}. */
    private static boolean isString(byte[] bytes, int offset, String text, boolean whole) {
        int end = offset + text.length();
        if (offset < 0 || end + (whole ? 1 : 0) > bytes.length || whole && bytes[end] != 0) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (bytes[offset + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
