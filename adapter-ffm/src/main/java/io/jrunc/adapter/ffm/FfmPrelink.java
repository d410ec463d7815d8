package io.jrunc.adapter.ffm;

import java.lang.foreign.Linker;
import java.util.ArrayList;
import java.util.List;

/**
 * Links every libc downcall of this adapter at once: the start-up cache's training calls it, so that the FFM
 * API's classes that linking loads are in the cache. Every holder class (a nested class named after its C
 * function, with a static FUNCTION) is initialised only when libc has the symbol: a failed initialiser would
 * leave the class unusable for the real call, whose caller must see ENOSYS instead. libseccomp's are left
 * to first use, as the library may be missing.
 */
final class FfmPrelink {
    private static final List<Class<?>> OWNERS = List.of(FfmLibc.class, FfmFileIo.class, FfmFilesystem.class,
            FfmMounts.class, FfmSyscalls.class, FfmProcesses.class, FfmPosixSpawn.class, FfmNamespaces.class,
            FfmCredentials.class, FfmFileDescriptors.class, FfmProcFs.class, FfmCgroups.class, FfmNetwork.class,
            FfmRoutes.class, FfmDeviceProgram.class);

    private FfmPrelink() {
    }

    static void run() {
        ClassLoader loader = FfmPrelink.class.getClassLoader();
        for (Class<?> holder : holders()) {
            try {
                Class.forName(holder.getName(), true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // Left to its first real use, which reports it in its own words.
            }
        }
    }

    /** The holder classes whose function libc has. */
    static List<Class<?>> holders() {
        var libc = Linker.nativeLinker().defaultLookup();
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> owner : OWNERS) {
            for (Class<?> nested : owner.getDeclaredClasses()) {
                if (isHolder(nested) && libc.find(nested.getSimpleName()).isPresent()) {
                    found.add(nested);
                }
            }
        }
        return found;
    }

    private static boolean isHolder(Class<?> nested) {
        try {
            return nested.getDeclaredField("FUNCTION").getType() == FfmFunction.class;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }
}
