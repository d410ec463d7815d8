package io.jrunc.cli;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Scopes;
import io.jrunc.cli.systemd.SystemdCgroupDriver;
import io.jrunc.cli.systemd.SystemdSettings;
import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.domain.cgroups.FsCgroupDriver;
import io.jrunc.domain.cgroups.RootlessCgroups;
import io.jrunc.ports.Cgroups;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Chooses the cgroup driver, as runc does from its global flag: systemd's with {@code --systemd-cgroup}, else
 * the cgroupfs one ({@link FsCgroupDriver}) that {@link LifecycleModule} binds; an existing container keeps the one its state
 * recorded ({@link RecordedCgroupDriver}).
 */
final class CgroupDriverModule extends AbstractModule {
    private final boolean systemdCgroup;
    /** Asked only when a command's cgroup driver is made: the guess reads /proc, which most commands need not pay. */
    private final java.util.function.BooleanSupplier rootless;
    private final Consumer<String> warnings;

    /** @param warnings where the systemd driver's warnings go (runc's log) */
    CgroupDriverModule(boolean systemdCgroup, java.util.function.BooleanSupplier rootless, Consumer<String> warnings) {
        this.systemdCgroup = systemdCgroup;
        this.rootless = rootless;
        this.warnings = warnings;
    }

    @Override
    protected void configure() {
        Provider<FsCgroupDriver> cgroupfs = getProvider(FsCgroupDriver.class);
        Provider<Cgroups> cgroups = getProvider(Cgroups.class);
        Provider<CgroupDriver> chosen = () -> chosen(cgroupfs.get(), cgroups.get());
        bind(CgroupDriver.class).toProvider(chosen).in(Scopes.SINGLETON);
    }

    private CgroupDriver chosen(CgroupDriver cgroupfs, Cgroups cgroups) {
        Supplier<CgroupDriver> systemd = () -> {
            // A host with cgroup v2 alone is "unified"; a hybrid one (v1 controllers beside an empty v2) is v1 to
            // systemd's properties, as runc takes it.
            boolean unified = cgroups.hierarchies().equals(List.of(""));
            return new SystemdCgroupDriver(cgroupfs, unified, SystemdSettings.host(System.getenv(), warnings));
        };
        CgroupDriver recorded = new RecordedCgroupDriver(systemdCgroup ? systemd.get() : cgroupfs, cgroupfs, systemd);
        return rootless.getAsBoolean() ? new RootlessCgroups(recorded) : recorded;
    }
}
