package io.jrunc.cli;

import io.jrunc.domain.cgroups.CgroupDriver;
import io.jrunc.domain.config.Linux;
import io.jrunc.domain.lifecycle.SeccompListener;
import io.jrunc.domain.container.ContainerId;
import io.jrunc.domain.container.LifecycleError;
import io.jrunc.domain.lifecycle.ContainerState;
import io.jrunc.domain.lifecycle.CreateContainer;
import io.jrunc.domain.lifecycle.CreateRequest;
import io.jrunc.ports.FileDescriptors;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

final class CreateCommand extends ContainerCommand implements Callable<Integer> {
    final CreateOptions options = new CreateOptions();
    String id;

    @Override
    CommandDeclaration declaration() {
        return CommandDeclaration.of(this, "create a container")
                .description("""
                        Sets up the container that the bundle's config.json describes (its namespaces, cgroup, mounts
                        and root filesystem) and its init process, which then waits for "jrunc start" to run the
                        configured program. The container id names it under the state root (--root) and must be new
                        there. With the fake backend (--backend fake) nothing is set up: the init's plan and every
                        call it would make are printed instead.""")
                .with(options::declare)
                .parameter("<container-id>").into(String.class, null, v -> id = v);
    }

    @Override
    public Integer call() {
        // create always detaches: a terminal must go to a console socket.
        Either<Integer, Created> created = createContainer(this, options, id, "create", true);
        printDryRun();
        return created.fold(status -> status, state -> ExitCodes.OK);
    }

    /**
     * A container made, and, for a foreground run with a terminal and no console socket, the runtime's end of the
     * socket pair its init sent the pty's master over (the caller receives it, relays and closes it).
     */
    record Created(ContainerState state, OptionalInt consoleRelay) {
    }

    /**
     * Shared by create and run: load and check the bundle, create the container, write the pid file.
     *
     * @param detach whether this runtime returns once the container runs (create, run -d): a terminal then needs a
     *               console socket, as in runc
     */
    static Either<Integer, Created> createContainer(ContainerCommand command, CreateOptions options, String id,
                                                    String verb, boolean detach) {
        if (options.preserveFds < 0) {
            return Either.left(command.fail("jrunc " + verb + " failed: --preserve-fds must not be negative"));
        }
        Either<String, Integer> passed = PassedFds.recorded(System.getProperty(PassedFds.PROPERTY))
                .toContainer(System.getenv(), ProcessHandle.current().pid(), options.preserveFds);
        Either<java.util.List<String>, LoadedBundle> bundle = LoadedBundle.load(options.bundle, options.noPivot,
                passed.getOrElse(0), RootlessReentry.entered());
        if (bundle.isLeft()) {
            // As runc, whose every create error is "runc create failed: …"; one line for each mistake.
            bundle.getLeft().forEach(error -> command.root.log().error("jrunc " + verb + " failed: " + error));
            return Either.left(ExitCodes.ERROR);
        }
        if (passed.isLeft()) {
            // As runc, after the bundle's own errors; before anything is made.
            return Either.left(command.fail("jrunc " + verb + " failed: " + passed.getLeft()));
        }
        LoadedBundle loaded = bundle.get();
        var rootless = RootlessReentry.ifNeeded(command, loaded, passed.get());
        if (rootless.isPresent()) {
            return Either.left(rootless.get().error() == null ? rootless.get().code()
                    : command.fail("jrunc " + verb + " failed: " + rootless.get().error()));
        }
        loaded.warnings().forEach(warning -> command.root.log().warn(warning));
        Runtime runtime = command.runtime();
        if (command.root.systemdCgroup) {
            // As runc picks its cgroup manager: systemd is looked for, and cgroupsPath read in its systemd form,
            // before anything is made.
            try {
                ContainerId.parse(id).forEach(valid -> runtime.get(CgroupDriver.class).forNewContainer(valid,
                        loaded.spec().linux().flatMap(Linux::cgroupsPath), loaded.annotations()));
            } catch (RuntimeException e) {
                return Either.left(command.fail("jrunc " + verb + " failed: " + e.getMessage()));
            }
        }
        boolean terminal = loaded.config().process().terminal();
        // runc's rules and words, checked where runc checks them (after its cgroup manager is picked): a detached
        // terminal needs someone to take it, and a console socket is only for a detached terminal (a foreground run
        // relays the terminal itself).
        if (detach && terminal && options.consoleSocket == null) {
            return Either.left(command.fail("jrunc " + verb
                    + " failed: cannot allocate tty if runc will detach without setting console socket"));
        }
        if ((!detach || !terminal) && options.consoleSocket != null) {
            return Either.left(command.fail("jrunc " + verb
                    + " failed: cannot use console socket if runc will not detach or allocate tty"));
        }
        DryRun dryRun = runtime.backend() == Backend.FAKE ? DryRun.prepare(runtime, loaded) : null;
        command.dryRun = dryRun;
        if (dryRun != null && options.consoleSocket != null) {
            dryRun.mirrorSocket(options.consoleSocket.toString());
        }
        if (dryRun == null && !loaded.unsupported().isEmpty()) {
            // Refused before anything is made: a feature applied by half would be worse than none.
            return Either.left(command.fail("jrunc " + verb + " failed: not supported yet: "
                    + String.join(", ", loaded.unsupported())));
        }
        var unreachable = dryRun == null ? RootfsReach.check(loaded.config()) : java.util.Optional.<String>empty();
        if (unreachable.isPresent()) {
            return Either.left(command.fail("jrunc " + verb + " failed: " + unreachable.get()));
        }
        Either<String, ConsoleChannel> console = terminal
                ? ConsoleChannel.open(runtime.get(FileDescriptors.class), options.consoleSocket)
                : Either.right(null);
        if (console.isLeft()) {
            return Either.left(command.fail("jrunc " + verb + " failed: " + console.getLeft()));
        }
        // runc hands a notifying filter's fd to listenerPath; a listener without such a filter is ignored, as by runc.
        var listener = loaded.spec().linux().flatMap(Linux::seccomp)
                .filter(s -> loaded.config().seccomp().map(f -> f.notifies()).orElse(false))
                .flatMap(s -> s.listenerPath().map(path ->
                        new SeccompListener(path, s.listenerMetadata().orElse(""))));
        CreateRequest request = new CreateRequest(id, loaded.bundle().toString(), loaded.config(),
                loaded.annotations(), loaded.json(), RootlessReentry.owner(), !options.noNewKeyring,
                console.get() == null ? OptionalInt.empty() : OptionalInt.of(console.get().toInit()), listener);
        Either<LifecycleError, ContainerState> result;
        try {
            result = command.use(CreateContainer.class).create(request);
        } finally {
            // The init holds its own copy now, or is gone: ours would keep the socket open past it.
            if (console.get() != null) {
                console.get().closeInitEnd();
            }
        }
        OptionalInt relay = console.get() == null ? OptionalInt.empty() : console.get().relayEnd();
        Either<Integer, Created> made = made(command, options, verb, dryRun, loaded, request, result, relay);
        if (made.isLeft() && console.get() != null) {
            console.get().close();
        }
        return made;
    }

    private static Either<Integer, Created> made(ContainerCommand command, CreateOptions options, String verb,
                                                 DryRun dryRun, LoadedBundle loaded, CreateRequest request,
                                                 Either<LifecycleError, ContainerState> result, OptionalInt relay) {
        if (dryRun != null) {
            dryRun.planned(CreateContainer.plan(request), loaded.unsupported());
        }
        if (result.isLeft()) {
            return Either.left(command.fail("jrunc " + verb + " failed: " + result.getLeft().message()));
        }
        if (dryRun != null && !loaded.unsupported().isEmpty()) {
            // The dry run shows what the plan would do, then ends as a real run would: refused.
            return Either.left(command.fail("jrunc " + verb + " failed: not supported yet: "
                    + String.join(", ", loaded.unsupported())));
        }
        if (options.pidFile != null && dryRun == null) { // the dry run writes nothing on the host
            try {
                writePidFile(options.pidFile, result.get().pid());
            } catch (IOException e) {
                return Either.left(command.fail("jrunc " + verb + " failed: cannot write pid file: " + e.getMessage()));
            }
        }
        return Either.right(new Created(result.get(), relay));
    }

    /**
     * Atomically, as runc does: a reader never sees an empty or partial pid file. The temporary file is made anew
     * (O_EXCL, no link followed), as runc makes it: one planted at its name by whoever may write that directory
     * would otherwise have root truncate and write whatever it names.
     */
    static void writePidFile(Path file, int pid) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(tmp, Integer.toString(pid).getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
