package io.jrunc.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole config.json (config.md). Only the Linux platform section is modelled; solaris, windows, vm and zos
 * are ignored like any unknown property.
 */
public record Spec(String ociVersion, Optional<Process> process, Optional<Root> root, Optional<String> hostname,
                   Optional<String> domainname, List<Mount> mounts, Optional<Hooks> hooks,
                   Map<String, String> annotations, Optional<Linux> linux) {
    public Spec {
        requireNonNull(ociVersion, "ociVersion");
        requireNonNull(process, "process");
        requireNonNull(root, "root");
        requireNonNull(hostname, "hostname");
        requireNonNull(domainname, "domainname");
        mounts = Copies.list(mounts);
        requireNonNull(hooks, "hooks");
        annotations = Copies.map(annotations);
        requireNonNull(linux, "linux");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().ociVersion(ociVersion).process(process).root(root).hostname(hostname)
                .domainname(domainname).mounts(mounts).hooks(hooks).annotations(annotations).linux(linux);
    }

    public static final class Builder {
        private String ociVersion = "";
        private Optional<Process> process = Optional.empty();
        private Optional<Root> root = Optional.empty();
        private Optional<String> hostname = Optional.empty();
        private Optional<String> domainname = Optional.empty();
        private List<Mount> mounts = List.of();
        private Optional<Hooks> hooks = Optional.empty();
        private Map<String, String> annotations = Map.of();
        private Optional<Linux> linux = Optional.empty();

        private Builder() {}

        public Builder ociVersion(String v) { ociVersion = v; return this; }
        public Builder process(Optional<Process> v) { process = v; return this; }
        public Builder process(Process v) { return process(Optional.of(v)); }
        public Builder root(Optional<Root> v) { root = v; return this; }
        public Builder hostname(Optional<String> v) { hostname = v; return this; }
        public Builder hostname(String v) { return hostname(Optional.of(v)); }
        public Builder domainname(Optional<String> v) { domainname = v; return this; }
        public Builder mounts(List<Mount> v) { mounts = v; return this; }
        public Builder hooks(Optional<Hooks> v) { hooks = v; return this; }
        public Builder annotations(Map<String, String> v) { annotations = v; return this; }
        public Builder linux(Optional<Linux> v) { linux = v; return this; }
        public Builder linux(Linux v) { return linux(Optional.of(v)); }

        public Spec build() {
            return new Spec(ociVersion, process, root, hostname, domainname, mounts, hooks, annotations, linux);
        }
    }
}
