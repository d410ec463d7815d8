package io.jrunc.domain.cgroups;

import java.util.HashMap;
import java.util.Map;

/**
 * A process's cgroups (the runtime's own, or the container init's), from /proc/[pid]/cgroup ("4:memory:/user.slice", "3:cpu,cpuacct:/",
 * "1:name=systemd:/...", "0::/..." for the unified hierarchy), by hierarchy as the Cgroups port names them.
 */
public final class OwnCgroups {
    private final Map<String, String> byKey = new HashMap<>();

    private OwnCgroups() {
    }

    public static OwnCgroups parse(String procSelfCgroup) {
        OwnCgroups own = new OwnCgroups();
        for (String line : procSelfCgroup.split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length != 3) {
                continue;
            }
            String path = f[2].trim().isEmpty() ? "/" : f[2].trim();
            if (f[1].isEmpty()) {
                own.byKey.put("", path);
                continue;
            }
            own.byKey.put(f[1], path);
            for (String controller : f[1].split(",")) {
                own.byKey.put(controller, path);
                if (controller.startsWith("name=")) {
                    own.byKey.put(controller.substring("name=".length()), path);
                }
            }
        }
        return own;
    }

    /** The runtime's cgroup in a hierarchy ("" unified, else the mount's name); "/" when it is not listed. */
    public String of(String hierarchy) {
        String path = byKey.get(hierarchy);
        if (path == null && !hierarchy.isEmpty()) {
            path = byKey.get(hierarchy.split(",")[0]);
        }
        return path == null ? "/" : path;
    }
}
