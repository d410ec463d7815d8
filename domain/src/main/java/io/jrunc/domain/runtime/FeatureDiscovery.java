package io.jrunc.domain.runtime;

import io.jrunc.domain.config.Capabilities;
import io.jrunc.domain.config.Capability;
import io.jrunc.domain.config.DefaultSpecs;
import io.jrunc.domain.config.Hook;
import io.jrunc.domain.config.Hooks;
import io.jrunc.domain.config.IdMapping;
import io.jrunc.domain.config.IntelRdt;
import io.jrunc.domain.config.Linux;
import io.jrunc.domain.config.Mount;
import io.jrunc.domain.config.Namespace;
import io.jrunc.domain.config.NamespaceType;
import io.jrunc.domain.config.Rdma;
import io.jrunc.domain.config.Resources;
import io.jrunc.domain.config.Seccomp;
import io.jrunc.domain.config.SeccompAction;
import io.jrunc.domain.config.SeccompArch;
import io.jrunc.domain.config.SeccompArg;
import io.jrunc.domain.config.SeccompFlag;
import io.jrunc.domain.config.SeccompOperator;
import io.jrunc.domain.config.SeccompSyscall;
import io.jrunc.domain.config.Spec;
import io.jrunc.domain.config.SpecEnum;
import io.jrunc.domain.config.SpecValidator;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Derives the features document from what jrunc carries out, never from a list kept beside the code: every
 * value the model knows (the enums, the mount option table, the hook kinds of {@link Hooks}) is put into the
 * smallest config that uses it, and it is advertised only when the validator and {@link Unsupported} let that
 * config through, and the host offers what it needs ({@link SeccompHost}). So a feature that is refused is
 * never advertised, and one that stops being refused is advertised from then on.
 */
public final class FeatureDiscovery {
    /** The reader takes configs of every spec release, back to the first: it asks only that ociVersion be set. */
    public static final String OCI_VERSION_MIN = "1.0.0";
    /** runc's annotation (types/features) for the libseccomp that compiles the filters. */
    public static final String LIBSECCOMP_VERSION = "io.github.seccomp.libseccomp.version";

    /**
     * The cgroup managers the runtime has, which the command line wires (the domain's cgroupfs driver handles v1
     * and v2; systemd's comes with the command line).
     */
    public record Managers(boolean v1, boolean v2, boolean systemd, boolean systemdUser) {
    }

    private FeatureDiscovery() {
    }

    public static Features discover(SeccompHost host, Managers managers, Map<String, String> annotations,
                                    List<String> potentiallyUnsafeConfigAnnotations) {
        Features.Linux linux = new Features.Linux(
                sorted(advertised(NamespaceType.values(), FeatureDiscovery::withNamespace)),
                advertised(Capability.values(), FeatureDiscovery::withCapability),
                new Features.Cgroup(managers.v1(), managers.v2(), managers.systemd(), managers.systemdUser(),
                        accepted(withRdma())),
                seccomp(host),
                accepted(withProcess(p -> p.apparmorProfile(Optional.of("jrunc-features-probe")))),
                accepted(withProcess(p -> p.selinuxLabel(Optional.of("system_u:system_r:container_t:s0")))),
                accepted(withIntelRdt()),
                accepted(withIdmappedMount()));
        List<String> hooks = new ArrayList<>();
        for (RecordComponent kind : Hooks.class.getRecordComponents()) {
            if (accepted(withHook(kind.getName()))) {
                hooks.add(kind.getName());
            }
        }
        List<String> mountOptions = new ArrayList<>();
        for (String option : MountOptions.known()) {
            if (accepted(withMountOption(option))) {
                mountOptions.add(option);
            }
        }
        Map<String, String> allAnnotations = new java.util.HashMap<>(annotations);
        if (linux.seccomp().isPresent()) {
            host.libseccompVersion().ifPresent(v -> allAnnotations.put(LIBSECCOMP_VERSION, v));
        }
        return new Features(OCI_VERSION_MIN, DefaultSpecs.OCI_VERSION, hooks, mountOptions, linux, allAnnotations,
                potentiallyUnsafeConfigAnnotations);
    }

    private static Optional<Features.Seccomp> seccomp(SeccompHost host) {
        if (!host.available() || !accepted(withSeccomp(List.of(), List.of(), List.of()))) {
            return Optional.empty();
        }
        List<String> knownFlags = advertised(SeccompFlag.values(), flag -> withSeccomp(List.of(), List.of(flag), List.of()));
        List<String> supportedFlags = new ArrayList<>();
        for (SeccompFlag flag : SeccompFlag.values()) {
            if (knownFlags.contains(flag.spec()) && host.takes(flag)) {
                supportedFlags.add(flag.spec());
            }
        }
        return Optional.of(new Features.Seccomp(
                sorted(advertised(SeccompAction.values(), FeatureDiscovery::withAction, host::offers)),
                sorted(advertised(SeccompOperator.values(), FeatureDiscovery::withOperator)),
                sorted(advertised(SeccompArch.values(), arch -> withSeccomp(List.of(arch), List.of(), List.of()),
                        host::knows)),
                knownFlags, supportedFlags));
    }

    // ---- the smallest configs, each using one feature ------------------------------------------------------

    /** runc's default config, but without a terminal, so that only the feature under test can be refused. */
    private static Spec base() {
        Spec runc = DefaultSpecs.runc();
        return runc.toBuilder().process(runc.process().orElseThrow().toBuilder().terminal(false).build()).build();
    }

    private static boolean accepted(Spec spec) {
        return SpecValidator.errors(spec).isEmpty() && Unsupported.in(spec).isEmpty();
    }

    private static <E extends SpecEnum> List<String> advertised(E[] values, Function<E, Spec> probe) {
        return advertised(values, probe, value -> true);
    }

    private static <E extends SpecEnum> List<String> advertised(E[] values, Function<E, Spec> probe,
                                                              Predicate<E> hostOffers) {
        List<String> names = new ArrayList<>();
        for (E value : values) {
            if (accepted(probe.apply(value)) && hostOffers.test(value)) {
                names.add(value.spec());
            }
        }
        return names;
    }

    private static List<String> sorted(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        Collections.sort(copy);
        return copy;
    }

    private static Spec withProcess(Function<io.jrunc.domain.config.Process.Builder,
            io.jrunc.domain.config.Process.Builder> change) {
        Spec base = base();
        return base.toBuilder().process(change.apply(base.process().orElseThrow().toBuilder()).build()).build();
    }

    private static Spec withLinux(Function<Linux.Builder, Linux.Builder> change) {
        Spec base = base();
        return base.toBuilder().linux(Optional.of(change.apply(base.linux().orElseThrow().toBuilder()).build()))
                .build();
    }

    private static Spec withCapability(Capability capability) {
        List<Capability> one = List.of(capability);
        return withProcess(p -> p.capabilities(Optional.of(new Capabilities(one, one, one, one, one))));
    }

    private static Spec withNamespace(NamespaceType type) {
        return withLinux(l -> {
            List<Namespace> namespaces = new ArrayList<>(base().linux().orElseThrow().namespaces());
            if (namespaces.stream().noneMatch(n -> n.type() == type)) {
                namespaces.add(Namespace.of(type));
            }
            l.namespaces(namespaces);
            if (type == NamespaceType.USER) { // a new user namespace needs its mappings
                l.uidMappings(List.of(new IdMapping(0, 100000, 65536)))
                        .gidMappings(List.of(new IdMapping(0, 100000, 65536)));
            }
            return l;
        });
    }

    private static Spec withRdma() {
        return withLinux(l -> l.resources(Resources.builder()
                .rdma(Map.of("mlx4_0", new Rdma(OptionalLong.of(2), OptionalLong.of(2000)))).build()));
    }

    private static Spec withIntelRdt() {
        return withLinux(l -> l.intelRdt(Optional.of(new IntelRdt(Optional.of("jrunc-features-probe"),
                Optional.empty(), Optional.empty(), Optional.empty(), false, false, false))));
    }

    /** As runc has them: the mount's mappings are those of the container's user namespace. */
    private static Spec withIdmappedMount() {
        List<IdMapping> mapping = List.of(new IdMapping(0, 100000, 65536));
        Spec userns = withNamespace(NamespaceType.USER);
        List<Mount> mounts = new ArrayList<>(userns.mounts());
        mounts.add(new Mount("/probe", Optional.of("bind"), Optional.of("/tmp"), List.of("bind"), mapping, mapping));
        return userns.toBuilder().mounts(mounts).build();
    }

    private static Spec withHook(String kind) {
        Hook hook = new Hook("/bin/true", List.of("true"), List.of(), java.util.OptionalInt.empty());
        RecordComponent[] kinds = Hooks.class.getRecordComponents();
        Object[] lists = new Object[kinds.length];
        Class<?>[] types = new Class<?>[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            lists[i] = kinds[i].getName().equals(kind) ? List.of(hook) : List.of();
            types[i] = kinds[i].getType();
        }
        try {
            Hooks hooks = Hooks.class.getDeclaredConstructor(types).newInstance(lists);
            return base().toBuilder().hooks(Optional.of(hooks)).build();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Hooks is no longer a record of hook lists", e);
        }
    }

    private static Spec withMountOption(String option) {
        if (option.equals(MountOptions.IDMAP) || option.equals(MountOptions.RIDMAP)) {
            // A bind's option alone: it takes the container's user namespace mappings.
            Spec userns = withNamespace(NamespaceType.USER);
            List<Mount> mounts = new ArrayList<>(userns.mounts());
            mounts.add(new Mount("/probe", Optional.of("bind"), Optional.of("/tmp"), List.of("rbind", option),
                    List.of(), List.of()));
            return userns.toBuilder().mounts(mounts).build();
        }
        Spec base = base();
        List<Mount> mounts = new ArrayList<>(base.mounts());
        mounts.add(Mount.of("/probe", "tmpfs", "tmpfs", List.of(option)));
        return base.toBuilder().mounts(mounts).build();
    }

    private static Spec withSeccomp(List<SeccompArch> archs, List<SeccompFlag> flags, List<SeccompSyscall> rules) {
        boolean notifies = rules.stream().anyMatch(r -> r.action() == SeccompAction.NOTIFY);
        // A rule that notifies needs an agent to notify; the validator asks for its socket.
        Seccomp seccomp = new Seccomp(SeccompAction.ALLOW, OptionalLong.empty(), archs, flags,
                notifies ? Optional.of("/run/jrunc-features-probe.sock") : Optional.empty(), Optional.empty(), rules);
        return withLinux(l -> l.seccomp(Optional.of(seccomp)));
    }

    private static Spec withAction(SeccompAction action) {
        return withSeccomp(List.of(), List.of(), List.of(
                new SeccompSyscall(List.of("acct"), action, OptionalLong.empty(), List.of())));
    }

    private static Spec withOperator(SeccompOperator op) {
        return withSeccomp(List.of(), List.of(), List.of(new SeccompSyscall(List.of("acct"), SeccompAction.ERRNO,
                OptionalLong.empty(), List.of(new SeccompArg(0, 1, 1, op)))));
    }
}
