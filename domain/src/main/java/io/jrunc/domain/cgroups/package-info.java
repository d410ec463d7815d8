/**
 * A container's control groups: where they are ({@code linux.cgroupsPath} read as runc reads it), how the
 * spec's resources become cgroup v1 or v2 files, freezing, statistics and removal. Everything goes through the
 * {@link io.jrunc.ports.Cgroups} port, so the same managers run on the kernel, on a fake cgroupfs tree and on
 * the fake backend.
 */
package io.jrunc.domain.cgroups;
