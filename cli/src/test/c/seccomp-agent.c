/*
 * A seccomp agent as runc's users write them, for SeccompNotifyTest: it listens on a unix socket (argv[1]),
 * takes one connection, receives the container's process state (JSON) with the notify fd (SCM_RIGHTS) in one
 * message, writes the state and the fd numbers it saw to argv[2], then answers every notification: a syscall
 * whose path argument (the first string argument of mkdir or mkdirat, read through /proc/PID/mem) ends in
 * "-allowed" goes on (SECCOMP_USER_NOTIF_FLAG_CONTINUE); any other gets ENOMEDIUM, as runc's example agent gives.
 * Nothing of jrunc is used: an agent written for runc must work unchanged.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

static int path_allowed(const struct seccomp_notif *req) {
    unsigned long long address = req->data.nr == SYS_mkdirat ? req->data.args[1] : req->data.args[0];
    char mem[64], path[4096];
    snprintf(mem, sizeof mem, "/proc/%u/mem", req->pid);
    int fd = open(mem, O_RDONLY | O_CLOEXEC);
    if (fd < 0) { perror(mem); return 0; }
    ssize_t n = pread(fd, path, sizeof path - 1, (off_t) address);
    close(fd);
    if (n <= 0) { perror("pread"); return 0; }
    path[n] = 0;
    fprintf(stderr, "syscall %d on %s\n", req->data.nr, path); /* the test shows this log when it fails */
    size_t len = strlen(path);
    return len >= 8 && strcmp(path + len - 8, "-allowed") == 0;
}

int main(int argc, char **argv) {
    if (argc != 3) return 2;
    int server = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    strncpy(addr.sun_path, argv[1], sizeof addr.sun_path - 1);
    unlink(argv[1]);
    if (server < 0 || bind(server, (struct sockaddr *) &addr, sizeof addr) < 0 || listen(server, 1) < 0) {
        perror("listen");
        return 1;
    }
    printf("listening\n");
    fflush(stdout);
    int conn = accept4(server, NULL, NULL, SOCK_CLOEXEC);
    if (conn < 0) return 1;
    static char state[1 << 16];
    char control[CMSG_SPACE(sizeof(int) * 4)];
    struct iovec iov = {state, sizeof state - 1};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control, .msg_controllen = sizeof control};
    ssize_t n = recvmsg(conn, &msg, MSG_CMSG_CLOEXEC);
    if (n < 0) return 1;
    state[n] = 0;
    int notify = -1, count = 0;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c != NULL; c = CMSG_NXTHDR(&msg, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            count += (int) ((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            memcpy(&notify, CMSG_DATA(c), sizeof(int));
        }
    }
    char more;
    ssize_t after = read(conn, &more, 1); /* the runtime closes its end after the one message */
    close(conn);
    FILE *out = fopen(argv[2], "w");
    if (out == NULL) return 1;
    fprintf(out, "%s\nfds=%d\nafter=%zd\n", state, count, after);
    fclose(out);
    if (notify < 0) return 1;
    for (;;) {
        struct seccomp_notif req;
        struct seccomp_notif_resp resp;
        memset(&req, 0, sizeof req);
        if (ioctl(notify, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0) {
            if (errno == EINTR) continue;
            return 0; /* every process of the filter is gone */
        }
        memset(&resp, 0, sizeof resp);
        resp.id = req.id;
        if (path_allowed(&req)) {
            resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
        } else {
            resp.error = -ENOMEDIUM;
        }
        if (ioctl(notify, SECCOMP_IOCTL_NOTIF_SEND, &resp) < 0) perror("send"); /* ENOENT: the process died */
    }
}
