package io.jrunc.domain.init;

/**
 * Whether a process may set its supplementary groups: not in a user namespace whose /proc/[pid]/setgroups reads
 * "deny" (one an unprivileged user made with a single mapping, and every namespace made inside it), where
 * setgroups(2) fails with EPERM whatever the list.
 */
public final class GroupsPolicy {
    private GroupsPolicy() {
    }

    /** {@code setgroups} is that file's content; empty where there is none (a kernel before 3.19, a fake). */
    public static boolean denied(String setgroups) {
        return "deny".equals(setgroups.strip());
    }
}
