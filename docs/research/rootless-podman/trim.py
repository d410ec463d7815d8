# research: turns the raw captures of runc-logging into the trimmed files under docs/research/rootless-podman
import json, glob, os, re, sys
src, dst = sys.argv[1], sys.argv[2]
hexid = re.compile(r'[0-9a-f]{64}')
def scrub(s):
    s = hexid.sub('<ID>', s)
    s = re.sub(r'conmon-term\.[A-Z0-9]+', 'conmon-term.XXXXXX', s)
    s = re.sub(r'exec-process-[0-9]+', 'exec-process-NNN', s)
    s = re.sub(r'pipe:\[[0-9]+\]', 'pipe', s)
    s = s.replace('/tmp/jrpodman-work/runc-logging', 'RUNTIME')
    return s
def trim_config(c):
    sec = c.get('linux', {}).get('seccomp')
    if sec:
        c['linux']['seccomp'] = {'defaultAction': sec['defaultAction'], 'defaultErrnoRet': sec.get('defaultErrnoRet'),
            'architectures': sec['architectures'],
            'syscalls': '(trimmed: %d rules, podman 4.3 default profile /usr/share/containers/seccomp.json)' % len(sec['syscalls'])}
    c.get('annotations', {}).pop('io.kubernetes.cri-o.Created', None)
    return c
for step in sorted(os.listdir(src)):
    calls = sorted(glob.glob(f'{src}/{step}/*.txt'))
    out = []
    for i, f in enumerate(calls):
        text = open(f).read()
        keep = []
        skip = False
        for line in text.splitlines():
            if line.startswith(('status caps:', 'fds:', 'mountinfo', 'cgroup:')):
                skip = True
            elif line.startswith(('env:', 'uid_map:', 'gid_map:', 'setgroups:', 'argv:', 'id:', 'cwd:')):
                skip = False
            if not skip and not line.startswith(('_=', 'SHLVL=', 'cwd:')):
                keep.append(line)
        out.append(f'--- call {i + 1}\n' + scrub('\n'.join(keep)))
        base = f[:-4]
        for kind in ('config', 'process'):
            if os.path.exists(f'{base}.{kind}.json'):
                c = trim_config(json.load(open(f'{base}.{kind}.json')))
                with open(f'{dst}/{step}.{kind}.json', 'w') as o:
                    o.write(scrub(json.dumps(c, indent=2)) + '\n')
    if out:
        with open(f'{dst}/{step}.calls.txt', 'w') as o:
            o.write('\n'.join(out) + '\n')
