package io.jrunc.ports.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The rtnetlink RTM_NEWLINK request that moves a link into the network namespace of a process and renames it
 * in the same operation, as `ip link set DEV netns PID name NEW` sends it (and runc's devChangeNetNamespace:
 * one request, so the name cannot clash in between). The kernel's answer is read by {@link RouteMessage#errorOf}.
 */
public final class LinkMessage {
    public static final String SYSCALL = "RTM_NEWLINK";
    private static final short RTM_NEWLINK = 16;
    private static final short NLM_F_REQUEST = 0x1;
    private static final short NLM_F_ACK = 0x4;
    private static final int NLMSGHDR_SIZE = 16;
    /** struct ifinfomsg: family, pad, type, index, flags, change. */
    private static final int IFINFOMSG_SIZE = 16;
    private static final short IFLA_IFNAME = 3;
    private static final short IFLA_NET_NS_PID = 19;
    private static final int IFNAMSIZ = 16;

    private LinkMessage() {
    }

    /** Link {@code index} into the network namespace of process {@code pid}, named {@code newName} there. */
    public static byte[] moveToNamespaceOf(int index, int pid, String newName, int sequence) {
        byte[] name = (newName + "\0").getBytes(StandardCharsets.UTF_8);
        if (name.length > IFNAMSIZ || newName.isEmpty()) {
            throw new SyscallException(SYSCALL, Errno.EINVAL, "link name of 1 to 15 bytes: " + newName);
        }
        ByteBuffer message = ByteBuffer.allocate(128).order(ByteOrder.nativeOrder());
        message.position(NLMSGHDR_SIZE);
        message.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(index).putInt(0).putInt(0);
        attribute(message, IFLA_NET_NS_PID, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(pid).array());
        attribute(message, IFLA_IFNAME, name);
        int length = message.position();
        message.putInt(0, length).putShort(4, RTM_NEWLINK).putShort(6, (short) (NLM_F_REQUEST | NLM_F_ACK))
                .putInt(8, sequence).putInt(12, 0);
        byte[] bytes = new byte[length];
        message.get(0, bytes);
        return bytes;
    }

    /** As `ip link` would say it. */
    public static String describe(String name, int pid, String newName) {
        return name + " netns " + pid + (newName.equals(name) ? "" : " name " + newName);
    }

    private static void attribute(ByteBuffer message, short type, byte[] data) {
        message.putShort((short) (4 + data.length)).putShort(type).put(data);
        message.position((message.position() + 3) & ~3);
    }

    static int headerSize() {
        return NLMSGHDR_SIZE + IFINFOMSG_SIZE;
    }
}
