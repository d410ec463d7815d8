package io.jrunc.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.jrunc.cli.systemd.SystemdCgroupDriver;
import io.jrunc.cli.systemd.SystemdSettings;
import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.ports.Cgroups;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Chooses the cgroup driver, as runc does from its global flag: systemd's with {@code --systemd-cgroup}, else
 * the {@link Cgroupfs} one that {@link LifecycleModule} binds; an existing container keeps the one its state
 * recorded ({@link RecordedCgroupDriver}).
 */
final class CgroupDriverModule extends AbstractModule {
    private final boolean systemdCgroup;
    private final Consumer<String> warnings;

    /** @param warnings where the systemd driver's warnings go (runc's log) */
    CgroupDriverModule(boolean systemdCgroup, Consumer<String> warnings) {
        this.systemdCgroup = systemdCgroup;
        this.warnings = warnings;
    }

    @Provides @Singleton
    CgroupDriver cgroupDriver(@Cgroupfs CgroupDriver cgroupfs, Cgroups cgroups) {
        Supplier<CgroupDriver> systemd = () -> {
            // A host with cgroup v2 alone is "unified"; a hybrid one (v1 controllers beside an empty v2) is v1 to
            // systemd's properties, as runc takes it.
            boolean unified = cgroups.hierarchies().equals(List.of(""));
            return new SystemdCgroupDriver(cgroupfs, unified, SystemdSettings.host(System.getenv(), warnings));
        };
        return new RecordedCgroupDriver(systemdCgroup ? systemd.get() : cgroupfs, cgroupfs, systemd);
    }
}
