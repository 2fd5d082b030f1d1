# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_ctl_global_optspecs
    string join \n v/version out= noout root= runroot= runtime= log-level= config= events-backend= cgroup-manager= runtime-flag= h/help
end

function __fish_ctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_ctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_ctl_using_subcommand
    set -l cmd (__fish_ctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c ctl -n "__fish_ctl_needs_command" -l out -d 'Send ctl\'s own output (stdout) to this file; the container\'s log is not affected' -r -F
complete -c ctl -n "__fish_ctl_needs_command" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_needs_command" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_needs_command" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_needs_command" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_needs_command" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_needs_command" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_needs_command" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_needs_command" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_needs_command" -s v -l version -d 'Print the version'
complete -c ctl -n "__fish_ctl_needs_command" -l noout -d 'Print nothing to stdout (as --out /dev/null)'
complete -c ctl -n "__fish_ctl_needs_command" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "run" -d 'Create and start a container'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "create" -d 'Create a container without starting it'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "start" -d 'Start containers'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "stop" -d 'Stop running containers (stop signal, then SIGKILL after the timeout)'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "restart" -d 'Restart containers'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "kill" -d 'Send a signal to running containers'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "pause" -d 'Pause all the processes in containers'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "unpause" -d 'Unpause the processes in containers'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "init" -d 'Set containers up in the runtime without starting them'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "update" -d 'Change a container\'s cgroup limits or restart policy'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "exec" -d 'Run a command in a running container'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "rm" -d 'Remove containers'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "logs" -d 'Print a container\'s output'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "ps" -d 'List containers'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "list" -d 'List containers'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "port" -d 'List a container\'s published ports'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "rename" -d 'Rename a container'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "stats" -d 'Display a live stream of container resource usage statistics'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "top" -d 'Display the running processes of a container'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "events" -d 'Show events: what happened to containers, images, volumes and networks'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "export" -d 'Export a container\'s filesystem contents as a tar archive'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "commit" -d 'Create new image based on the changed container'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "diff" -d 'Inspect changes on a container or image\'s filesystem'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "mount" -d 'Mount a container\'s root filesystem and print where'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "unmount" -d 'Unmount a container\'s root filesystem'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "umount" -d 'Unmount a container\'s root filesystem'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "network" -d 'Manage networks'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "volume" -d 'Manage volumes'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "secret" -d 'Manage secrets'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "pod" -d 'Manage pods'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "kube" -d 'Play containers, pods or volumes from a structured file or generate one'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "play" -d 'Play containers, pods or volumes from a structured file (older spelling of kube play)'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "container" -d 'Manage containers'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "build" -d 'Build an image using instructions from Containerfiles'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "buildx" -d 'Build images (buildx\'s syntax: `buildx build`)'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "push" -d 'Push an image to a registry'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "images" -d 'List images'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "image" -d 'Manage images'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "inspect" -d 'Show details of images as JSON'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "tag" -d 'Add names to an image'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "untag" -d 'Remove names from an image (every name when none is given)'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "rmi" -d 'Remove images'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "load" -d 'Load images from a docker-archive or oci-archive tarball'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "save" -d 'Save image(s) to an archive'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "history" -d 'Show history of a specified image'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "import" -d 'Create an image from a root filesystem tarball'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "login" -d 'Save registry credentials'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "logout" -d 'Remove saved registry credentials'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "generate" -d 'Generate structured data (systemd units, Kubernetes YAML)'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "healthcheck" -d 'Manage health checks on containers'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "info" -d 'Show what ctl runs with (rootless mode, id mappings, storage, runtime, network)'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "system" -d 'Manage ctl: what it runs with, the rootless user namespace, pruning'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "unshare" -d 'Rootless: run a command as root of the user namespace (default: $SHELL)'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "version" -d 'Print ctl\'s version'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "completion" -d 'Print a shell completion script (bash, zsh or fish)'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "__complete" -d 'List completion candidates (run by the completion scripts)'
complete -c ctl -n "__fish_ctl_needs_command" -f -a "__generate-docs" -d 'Write completions/ and packaging/man/ from these definitions'
complete -c ctl -n "__fish_ctl_using_subcommand run" -l detach-keys -d 'Keys that detach from the container: ctrl-<x> or characters, comma separated' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l preserve-fds -d 'Pass the fds 3 to 3+N-1 of this process into the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l sig-proxy -d 'Forward INT, TERM and HUP to the container' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand run" -l name -d 'Name the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -s e -l env -d 'Set an environment variable (K=V, or K to take it from this environment)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l env-file -d 'Read environment variables from a file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand run" -s v -l volume -d 'Mount a host path or a volume: /HOST:CTR[:OPTS], NAME:CTR[:OPTS] (a named volume, made if missing), or CTR (an anonymous volume); OPTS: ro, rw, nocopy, propagation' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l mount -d 'Mount: type=bind,source=..,target=..[,readonly], type=volume[,source=NAME],target=.. [,readonly][,volume-nocopy] or type=tmpfs,target=..' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l tmpfs -d 'Mount a tmpfs: PATH[:OPTS]' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l volumes-from -d 'Mount the binds and volumes of another container, in their mode or ro/rw (OPTS: ro, rw, z)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -s u -l user -d 'User to run as: user[:group], names from the image\'s /etc/passwd' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l entrypoint -d 'Override the image\'s entrypoint ("" clears it)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -s h -l hostname -d 'Container host name (default: the short id)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -s l -l label -d 'Set a label: KEY=VALUE' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l cidfile -d 'Write the container id to this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand run" -l pod -d 'Run in a pod (name or id); new:NAME makes the pod first' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l pod-id-file -d 'Run in the pod whose id this file holds' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand run" -l stop-signal -d 'Signal that stops the container (default: the image\'s, or SIGTERM)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l stop-timeout -d 'Seconds to wait after the stop signal before killing' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /run, /tmp and /var/tmp' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand run" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l memory-reservation -d 'Memory soft limit' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l memory-swappiness -d 'How readily the container\'s pages are swapped out, 0 to 100 (-1: the kernel\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l cpus -d 'Number of CPUs (e.g. 1.5)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l cpu-period -d 'CFS period in microseconds' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l cpu-quota -d 'CFS quota: CPU time in microseconds per period' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l cpu-rt-period -d 'Realtime scheduling period in microseconds' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l cpu-rt-runtime -d 'Realtime scheduling runtime in microseconds per period' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -s c -l cpu-shares -d 'CPU shares (relative weight; 0: the default)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-2,4)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l cpuset-mems -d 'Memory nodes the container may use (e.g. 0-1)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l pids-limit -d 'Maximum number of processes (-1: unlimited; default 2048)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l blkio-weight -d 'Block I/O weight, 10 to 1000 (0: none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (e.g. /dev/sda:1mb)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l device-read-iops -d 'Read operations per second limit of a device: DEVICE:N' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l device-write-iops -d 'Write operations per second limit of a device: DEVICE:N' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l ulimit -d 'Resource limit: NAME=SOFT[:HARD], e.g. nofile=1024:2048 (default: ctl\'s own)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l cap-add -d 'Add a capability (NET_ADMIN, CAP_NET_ADMIN, ALL)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l cap-drop -d 'Drop a capability (or ALL)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l security-opt -d 'no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=PATHS|ALL' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l group-add -d 'Add a supplementary group (name from the image\'s /etc/group, or a number)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l init-path -d 'The init binary for --init' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand run" -l network -l net -d 'Network: bridge (the default network; default as root), NAME, none, host, container:NAME|ID; rootless: pasta (default), slirp4netns, none, host' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -s p -l publish -d 'Publish a port: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp], ports or ranges' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l ip -d 'The container\'s IPv4 address on its network' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l network-alias -d 'Another name the container answers to on its network' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l dns -d 'DNS servers for /etc/resolv.conf (none: keep the image\'s file)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l dns-search -d 'DNS search domains (`.`: none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l dns-option -d 'Options for /etc/resolv.conf (e.g. ndots:2)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l add-host -d 'Add a line to /etc/hosts: NAME[;NAME...]:IP, or NAME:host-gateway for the host' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l shm-size -d 'Size of /dev/shm (b, k, m, g; 0: unlimited; default 64m)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l sysctl -d 'Set a namespaced kernel parameter: NAME=VALUE (net.*, fs.mqueue.*, kernel IPC ones)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l tz -d 'Time zone in the container: an area/city name from /usr/share/zoneinfo, or local' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l umask -d 'The process\'s umask (octal, default 0022)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l env-merge -d 'Set a variable from the default and image environment: K=V with ${VAR} expanded (e.g. PATH=/opt/bin:${PATH})' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l unsetenv -d 'Leave out a variable of the default or image environment' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l http-proxy -d 'Pass this environment\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy, and their capitals) into the container' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand run" -l label-file -d 'Read labels from a file: KEY=VALUE lines' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand run" -l annotation -d 'Add an annotation to the container: KEY=VALUE' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l secret -d 'Give the container a secret: NAME[,type=mount|env][,target=T][,uid=N,gid=N,mode=M]' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l expose -d 'Expose a port or a range (PORT[-END][/tcp|udp]); -P publishes it' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l oom-score-adj -d 'Tune the host\'s OOM preference for the container (-1000 to 1000)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l ipc -d 'IPC namespace: private (default), shareable, none (no /dev/shm), host, container:NAME, ns:PATH' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l pid -d 'PID namespace: private (default), host, container:NAME, ns:PATH' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l uts -d 'UTS namespace: private (default), host, container:NAME, ns:PATH' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l cgroupns -d 'Cgroup namespace: private (default on cgroup v2) or host' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l userns -d 'User namespace: host (the default; rootless, the user\'s), keep-id[:uid=,gid=,size=] (rootless: you are uid:gid inside, on a chowned copy of the image\'s layers; as root: the caller\'s ids, no new namespace), nomap (rootless: your own id left out), auto[:size=N,uidmapping=,gidmapping=] (as root: a free range of the `containers` user\'s subordinate ids)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l uidmap -d 'A user namespace with this UID mapping: [+ug]CONTAINER:HOST[:SIZE] (repeatable; alone, it is the GID mapping too)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l gidmap -d 'A user namespace with this GID mapping: [+ug]CONTAINER:HOST[:SIZE] (repeatable; alone, it is the UID mapping too)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l device -d 'Add a host device: HOST[:CONTAINER][:PERMISSIONS] (r, w, m; default rwm)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l device-cgroup-rule -d 'Allow more devices in the cgroup: "TYPE MAJOR:MINOR ACCESS" (e.g. "c 1:3 mr")' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l cgroups -d 'The container\'s cgroup: enabled (the default) or no-conmon (the monitor never has a cgroup of its own in ctl); disabled and split are refused' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l pidfile -d 'Write the container\'s pid to this file at each start' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand run" -l conmon-pidfile -d 'Write the monitor\'s (podman\'s conmon\'s) pid to this file at each start' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand run" -s a -l attach -d 'Attach to these streams only: stdin, stdout, stderr (default: the output streams, and stdin with -i)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l platform -d 'Pull the image for this platform: OS/ARCH[/VARIANT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l systemd -d 'systemd mode: true (when the command is systemd or an init), false, always' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l timeout -d 'Kill the container after it has run this many seconds (0: no limit)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l pull -d 'Pull the image: missing, always, never' -r -f -a "missing\t''
always\t''
never\t''
newer\t''"
complete -c ctl -n "__fish_ctl_using_subcommand run" -l log-driver -d 'Log driver: k8s-file, none, journald, passthrough' -r -f -a "k8s-file\t''
none\t''
journald\t''
passthrough\t''"
complete -c ctl -n "__fish_ctl_using_subcommand run" -l log-opt -d 'Log options: max-size=SIZE, max-file=N' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l health-cmd -d 'Set a healthcheck command for the container (\'none\' disables the existing healthcheck); a JSON array runs as given, anything else through /bin/sh -c' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l health-interval -d 'Set an interval for the healthcheck (a value of disable results in no automatic timer setup) (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l health-on-failure -d 'Action to take once the container turns unhealthy: none, kill, restart, stop (default "none")' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l health-retries -d 'The number of retries allowed before a healthcheck is considered to be unhealthy (default 3)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l health-start-period -d 'The initialization time needed for a container to bootstrap (default "0s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l health-timeout -d 'The maximum time allowed to complete the healthcheck before an interval is considered failed (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l health-log-destination -d 'Set the destination of the HealthCheck log. Directory path, local or events_logger (local use container state file) (default "local")' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l health-max-log-count -d 'Set maximum number of attempts in the HealthCheck log file. (\'0\' value means an infinite number of attempts in the log file) (default 5)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l health-max-log-size -d 'Set maximum length in characters of stored HealthCheck log. (\'0\' value means an infinite log length) (default 500)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l health-startup-cmd -d 'Set a startup healthcheck command for the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l health-startup-interval -d 'Set an interval for the startup healthcheck (a value of disable results in no automatic timer setup) (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l health-startup-retries -d 'Set the maximum number of retries before the startup healthcheck will restart the container (default 0: never)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l health-startup-success -d 'Set the number of consecutive successes before the startup healthcheck is marked as successful and the normal healthcheck begins (0 indicates any success will start the regular healthcheck)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l health-startup-timeout -d 'Set the maximum amount of time that the startup healthcheck may take before it is considered failed (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l hosts-file -d 'Base of /etc/hosts: an absolute host path, none (an empty one) or image (the image\'s /etc/hosts); default: containers.conf\'s base_hosts_file' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l image-volume -d 'The image\'s volumes: bind (anonymous volumes, the default), tmpfs or ignore' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l personality -d 'Execution domain (personality(2)): LINUX or LINUX32' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l cgroup-conf -d 'Write a file of the container\'s cgroup (v2): KEY=VALUE, e.g. memory.high=1073741824' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l cgroup-parent -d 'The cgroup the container\'s cgroup is made under (relative: under the root)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l requires -d 'Containers (names or ids, comma-separated) started before this one at each start' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l tls-verify -d 'Require HTTPS for the pull (false: plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand run" -l sdnotify -d 'Under systemd (NOTIFY_SOCKET set): who sends READY=1: container, conmon (ctl\'s monitor, once the container started) or ignore' -r -f -a "container\t''
conmon\t''
ignore\t''"
complete -c ctl -n "__fish_ctl_using_subcommand run" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand run" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand run" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand run" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand run" -s d -l detach -d 'Run in the background and print the container id'
complete -c ctl -n "__fish_ctl_using_subcommand run" -l rmi -d 'Remove the image once the container exited and is removed, unless another container uses it; implies --rm'
complete -c ctl -n "__fish_ctl_using_subcommand run" -l replace -d 'Remove an existing container of the same name first'
complete -c ctl -n "__fish_ctl_using_subcommand run" -l read-only -d 'Mount the container\'s root filesystem read-only'
complete -c ctl -n "__fish_ctl_using_subcommand run" -l oom-kill-disable -d 'Do not let the kernel\'s OOM killer kill the container\'s processes'
complete -c ctl -n "__fish_ctl_using_subcommand run" -l privileged -d 'Give the container every capability and the host\'s devices; no seccomp filter and no masked paths'
complete -c ctl -n "__fish_ctl_using_subcommand run" -l init -d 'Run an init (catatonit or tini) as PID 1 that reaps zombies and forwards signals'
complete -c ctl -n "__fish_ctl_using_subcommand run" -s P -l publish-all -d 'Publish every port the image exposes, each on a free host port'
complete -c ctl -n "__fish_ctl_using_subcommand run" -l no-hosts -d 'Do not write /etc/hosts: keep the image\'s'
complete -c ctl -n "__fish_ctl_using_subcommand run" -l no-hostname -d 'Do not write /etc/hostname: keep the image\'s'
complete -c ctl -n "__fish_ctl_using_subcommand run" -l env-host -d 'Pass this environment into the container (below --env-file and --env)'
complete -c ctl -n "__fish_ctl_using_subcommand run" -l unsetenv-all -d 'Leave out the whole default and image environment'
complete -c ctl -n "__fish_ctl_using_subcommand run" -s q -l quiet -d 'Pull without progress output'
complete -c ctl -n "__fish_ctl_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c ctl -n "__fish_ctl_using_subcommand run" -s i -l interactive -d 'Keep stdin open'
complete -c ctl -n "__fish_ctl_using_subcommand run" -l rm -d 'Remove the container when it exits'
complete -c ctl -n "__fish_ctl_using_subcommand run" -l no-healthcheck -d 'Disable healthchecks on container'
complete -c ctl -n "__fish_ctl_using_subcommand run" -l help -d 'Print help (`-h` is --hostname here, as podman\'s)'
complete -c ctl -n "__fish_ctl_using_subcommand create" -l name -d 'Name the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -s e -l env -d 'Set an environment variable (K=V, or K to take it from this environment)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l env-file -d 'Read environment variables from a file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand create" -s v -l volume -d 'Mount a host path or a volume: /HOST:CTR[:OPTS], NAME:CTR[:OPTS] (a named volume, made if missing), or CTR (an anonymous volume); OPTS: ro, rw, nocopy, propagation' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l mount -d 'Mount: type=bind,source=..,target=..[,readonly], type=volume[,source=NAME],target=.. [,readonly][,volume-nocopy] or type=tmpfs,target=..' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l tmpfs -d 'Mount a tmpfs: PATH[:OPTS]' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l volumes-from -d 'Mount the binds and volumes of another container, in their mode or ro/rw (OPTS: ro, rw, z)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -s u -l user -d 'User to run as: user[:group], names from the image\'s /etc/passwd' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l entrypoint -d 'Override the image\'s entrypoint ("" clears it)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -s h -l hostname -d 'Container host name (default: the short id)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -s l -l label -d 'Set a label: KEY=VALUE' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l cidfile -d 'Write the container id to this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand create" -l pod -d 'Run in a pod (name or id); new:NAME makes the pod first' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l pod-id-file -d 'Run in the pod whose id this file holds' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand create" -l stop-signal -d 'Signal that stops the container (default: the image\'s, or SIGTERM)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l stop-timeout -d 'Seconds to wait after the stop signal before killing' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /run, /tmp and /var/tmp' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand create" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l memory-reservation -d 'Memory soft limit' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l memory-swappiness -d 'How readily the container\'s pages are swapped out, 0 to 100 (-1: the kernel\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l cpus -d 'Number of CPUs (e.g. 1.5)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l cpu-period -d 'CFS period in microseconds' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l cpu-quota -d 'CFS quota: CPU time in microseconds per period' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l cpu-rt-period -d 'Realtime scheduling period in microseconds' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l cpu-rt-runtime -d 'Realtime scheduling runtime in microseconds per period' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -s c -l cpu-shares -d 'CPU shares (relative weight; 0: the default)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-2,4)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l cpuset-mems -d 'Memory nodes the container may use (e.g. 0-1)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l pids-limit -d 'Maximum number of processes (-1: unlimited; default 2048)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l blkio-weight -d 'Block I/O weight, 10 to 1000 (0: none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (e.g. /dev/sda:1mb)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l device-read-iops -d 'Read operations per second limit of a device: DEVICE:N' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l device-write-iops -d 'Write operations per second limit of a device: DEVICE:N' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l ulimit -d 'Resource limit: NAME=SOFT[:HARD], e.g. nofile=1024:2048 (default: ctl\'s own)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l cap-add -d 'Add a capability (NET_ADMIN, CAP_NET_ADMIN, ALL)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l cap-drop -d 'Drop a capability (or ALL)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l security-opt -d 'no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=PATHS|ALL' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l group-add -d 'Add a supplementary group (name from the image\'s /etc/group, or a number)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l init-path -d 'The init binary for --init' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand create" -l network -l net -d 'Network: bridge (the default network; default as root), NAME, none, host, container:NAME|ID; rootless: pasta (default), slirp4netns, none, host' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -s p -l publish -d 'Publish a port: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp], ports or ranges' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l ip -d 'The container\'s IPv4 address on its network' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l network-alias -d 'Another name the container answers to on its network' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l dns -d 'DNS servers for /etc/resolv.conf (none: keep the image\'s file)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l dns-search -d 'DNS search domains (`.`: none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l dns-option -d 'Options for /etc/resolv.conf (e.g. ndots:2)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l add-host -d 'Add a line to /etc/hosts: NAME[;NAME...]:IP, or NAME:host-gateway for the host' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l shm-size -d 'Size of /dev/shm (b, k, m, g; 0: unlimited; default 64m)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l sysctl -d 'Set a namespaced kernel parameter: NAME=VALUE (net.*, fs.mqueue.*, kernel IPC ones)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l tz -d 'Time zone in the container: an area/city name from /usr/share/zoneinfo, or local' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l umask -d 'The process\'s umask (octal, default 0022)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l env-merge -d 'Set a variable from the default and image environment: K=V with ${VAR} expanded (e.g. PATH=/opt/bin:${PATH})' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l unsetenv -d 'Leave out a variable of the default or image environment' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l http-proxy -d 'Pass this environment\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy, and their capitals) into the container' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand create" -l label-file -d 'Read labels from a file: KEY=VALUE lines' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand create" -l annotation -d 'Add an annotation to the container: KEY=VALUE' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l secret -d 'Give the container a secret: NAME[,type=mount|env][,target=T][,uid=N,gid=N,mode=M]' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l expose -d 'Expose a port or a range (PORT[-END][/tcp|udp]); -P publishes it' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l oom-score-adj -d 'Tune the host\'s OOM preference for the container (-1000 to 1000)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l ipc -d 'IPC namespace: private (default), shareable, none (no /dev/shm), host, container:NAME, ns:PATH' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l pid -d 'PID namespace: private (default), host, container:NAME, ns:PATH' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l uts -d 'UTS namespace: private (default), host, container:NAME, ns:PATH' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l cgroupns -d 'Cgroup namespace: private (default on cgroup v2) or host' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l userns -d 'User namespace: host (the default; rootless, the user\'s), keep-id[:uid=,gid=,size=] (rootless: you are uid:gid inside, on a chowned copy of the image\'s layers; as root: the caller\'s ids, no new namespace), nomap (rootless: your own id left out), auto[:size=N,uidmapping=,gidmapping=] (as root: a free range of the `containers` user\'s subordinate ids)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l uidmap -d 'A user namespace with this UID mapping: [+ug]CONTAINER:HOST[:SIZE] (repeatable; alone, it is the GID mapping too)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l gidmap -d 'A user namespace with this GID mapping: [+ug]CONTAINER:HOST[:SIZE] (repeatable; alone, it is the UID mapping too)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l device -d 'Add a host device: HOST[:CONTAINER][:PERMISSIONS] (r, w, m; default rwm)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l device-cgroup-rule -d 'Allow more devices in the cgroup: "TYPE MAJOR:MINOR ACCESS" (e.g. "c 1:3 mr")' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l cgroups -d 'The container\'s cgroup: enabled (the default) or no-conmon (the monitor never has a cgroup of its own in ctl); disabled and split are refused' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l pidfile -d 'Write the container\'s pid to this file at each start' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand create" -l conmon-pidfile -d 'Write the monitor\'s (podman\'s conmon\'s) pid to this file at each start' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand create" -s a -l attach -d 'Attach to these streams only: stdin, stdout, stderr (default: the output streams, and stdin with -i)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l platform -d 'Pull the image for this platform: OS/ARCH[/VARIANT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l systemd -d 'systemd mode: true (when the command is systemd or an init), false, always' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l timeout -d 'Kill the container after it has run this many seconds (0: no limit)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l pull -d 'Pull the image: missing, always, never' -r -f -a "missing\t''
always\t''
never\t''
newer\t''"
complete -c ctl -n "__fish_ctl_using_subcommand create" -l log-driver -d 'Log driver: k8s-file, none, journald, passthrough' -r -f -a "k8s-file\t''
none\t''
journald\t''
passthrough\t''"
complete -c ctl -n "__fish_ctl_using_subcommand create" -l log-opt -d 'Log options: max-size=SIZE, max-file=N' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l health-cmd -d 'Set a healthcheck command for the container (\'none\' disables the existing healthcheck); a JSON array runs as given, anything else through /bin/sh -c' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l health-interval -d 'Set an interval for the healthcheck (a value of disable results in no automatic timer setup) (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l health-on-failure -d 'Action to take once the container turns unhealthy: none, kill, restart, stop (default "none")' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l health-retries -d 'The number of retries allowed before a healthcheck is considered to be unhealthy (default 3)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l health-start-period -d 'The initialization time needed for a container to bootstrap (default "0s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l health-timeout -d 'The maximum time allowed to complete the healthcheck before an interval is considered failed (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l health-log-destination -d 'Set the destination of the HealthCheck log. Directory path, local or events_logger (local use container state file) (default "local")' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l health-max-log-count -d 'Set maximum number of attempts in the HealthCheck log file. (\'0\' value means an infinite number of attempts in the log file) (default 5)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l health-max-log-size -d 'Set maximum length in characters of stored HealthCheck log. (\'0\' value means an infinite log length) (default 500)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l health-startup-cmd -d 'Set a startup healthcheck command for the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l health-startup-interval -d 'Set an interval for the startup healthcheck (a value of disable results in no automatic timer setup) (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l health-startup-retries -d 'Set the maximum number of retries before the startup healthcheck will restart the container (default 0: never)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l health-startup-success -d 'Set the number of consecutive successes before the startup healthcheck is marked as successful and the normal healthcheck begins (0 indicates any success will start the regular healthcheck)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l health-startup-timeout -d 'Set the maximum amount of time that the startup healthcheck may take before it is considered failed (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l hosts-file -d 'Base of /etc/hosts: an absolute host path, none (an empty one) or image (the image\'s /etc/hosts); default: containers.conf\'s base_hosts_file' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l image-volume -d 'The image\'s volumes: bind (anonymous volumes, the default), tmpfs or ignore' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l personality -d 'Execution domain (personality(2)): LINUX or LINUX32' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l cgroup-conf -d 'Write a file of the container\'s cgroup (v2): KEY=VALUE, e.g. memory.high=1073741824' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l cgroup-parent -d 'The cgroup the container\'s cgroup is made under (relative: under the root)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l requires -d 'Containers (names or ids, comma-separated) started before this one at each start' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l tls-verify -d 'Require HTTPS for the pull (false: plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand create" -l sdnotify -d 'Under systemd (NOTIFY_SOCKET set): who sends READY=1: container, conmon (ctl\'s monitor, once the container started) or ignore' -r -f -a "container\t''
conmon\t''
ignore\t''"
complete -c ctl -n "__fish_ctl_using_subcommand create" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand create" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand create" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand create" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand create" -l replace -d 'Remove an existing container of the same name first'
complete -c ctl -n "__fish_ctl_using_subcommand create" -l read-only -d 'Mount the container\'s root filesystem read-only'
complete -c ctl -n "__fish_ctl_using_subcommand create" -l oom-kill-disable -d 'Do not let the kernel\'s OOM killer kill the container\'s processes'
complete -c ctl -n "__fish_ctl_using_subcommand create" -l privileged -d 'Give the container every capability and the host\'s devices; no seccomp filter and no masked paths'
complete -c ctl -n "__fish_ctl_using_subcommand create" -l init -d 'Run an init (catatonit or tini) as PID 1 that reaps zombies and forwards signals'
complete -c ctl -n "__fish_ctl_using_subcommand create" -s P -l publish-all -d 'Publish every port the image exposes, each on a free host port'
complete -c ctl -n "__fish_ctl_using_subcommand create" -l no-hosts -d 'Do not write /etc/hosts: keep the image\'s'
complete -c ctl -n "__fish_ctl_using_subcommand create" -l no-hostname -d 'Do not write /etc/hostname: keep the image\'s'
complete -c ctl -n "__fish_ctl_using_subcommand create" -l env-host -d 'Pass this environment into the container (below --env-file and --env)'
complete -c ctl -n "__fish_ctl_using_subcommand create" -l unsetenv-all -d 'Leave out the whole default and image environment'
complete -c ctl -n "__fish_ctl_using_subcommand create" -s q -l quiet -d 'Pull without progress output'
complete -c ctl -n "__fish_ctl_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c ctl -n "__fish_ctl_using_subcommand create" -s i -l interactive -d 'Keep stdin open'
complete -c ctl -n "__fish_ctl_using_subcommand create" -l rm -d 'Remove the container when it exits'
complete -c ctl -n "__fish_ctl_using_subcommand create" -l no-healthcheck -d 'Disable healthchecks on container'
complete -c ctl -n "__fish_ctl_using_subcommand create" -l help -d 'Print help (`-h` is --hostname here, as podman\'s)'
complete -c ctl -n "__fish_ctl_using_subcommand start" -s f -l filter -d 'Start the containers that match KEY=VALUE (the filters of ps; at boot: should-start-on-boot=true)' -r
complete -c ctl -n "__fish_ctl_using_subcommand start" -l detach-keys -d 'With --attach: keys that detach, ctrl-<x> or characters, comma separated' -r
complete -c ctl -n "__fish_ctl_using_subcommand start" -l sig-proxy -d 'Forward INT, TERM and HUP to the container (default: with --attach)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand start" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand start" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand start" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand start" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand start" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand start" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand start" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand start" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand start" -s a -l attach -d 'Attach to the container\'s output (and its input, if it keeps stdin open); exit with its exit code'
complete -c ctl -n "__fish_ctl_using_subcommand start" -l all -d 'Start all containers that are not running (with --filter: those that match)'
complete -c ctl -n "__fish_ctl_using_subcommand start" -s l -l latest -d 'Start the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand start" -s i -l interactive -d 'With --attach: pass stdin on (to a container created with -i)'
complete -c ctl -n "__fish_ctl_using_subcommand start" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand stop" -s t -l time -l timeout -d 'Seconds to wait before killing (default: the container\'s stop timeout)' -r
complete -c ctl -n "__fish_ctl_using_subcommand stop" -s f -l filter -d 'Act on the containers that match KEY=VALUE (the filters of ps)' -r
complete -c ctl -n "__fish_ctl_using_subcommand stop" -l cidfile -d 'Read the container id from this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand stop" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand stop" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand stop" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand stop" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand stop" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand stop" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand stop" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand stop" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand stop" -s i -l ignore -d 'Succeed for containers that do not exist'
complete -c ctl -n "__fish_ctl_using_subcommand stop" -s a -l all -d 'Act on all containers'
complete -c ctl -n "__fish_ctl_using_subcommand stop" -s l -l latest -d 'Act on the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand stop" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand restart" -s t -l time -d 'Seconds to wait before killing (default: the container\'s stop timeout)' -r
complete -c ctl -n "__fish_ctl_using_subcommand restart" -s f -l filter -d 'Act on the containers that match KEY=VALUE (the filters of ps)' -r
complete -c ctl -n "__fish_ctl_using_subcommand restart" -l cidfile -d 'Read the container id from this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand restart" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand restart" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand restart" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand restart" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand restart" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand restart" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand restart" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand restart" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand restart" -l running -d 'With --all: only the containers that are running'
complete -c ctl -n "__fish_ctl_using_subcommand restart" -s a -l all -d 'Act on all containers'
complete -c ctl -n "__fish_ctl_using_subcommand restart" -s l -l latest -d 'Act on the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand restart" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand kill" -s s -l signal -d 'Signal to send (name or number)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kill" -l cidfile -d 'Read the container id from this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kill" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kill" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kill" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand kill" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kill" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kill" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand kill" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kill" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kill" -s a -l all -d 'Act on all containers'
complete -c ctl -n "__fish_ctl_using_subcommand kill" -s l -l latest -d 'Act on the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand kill" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pause" -l cidfile -d 'Read the container id from this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pause" -s f -l filter -d 'The containers that match KEY=VALUE (as ps --filter)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pause" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pause" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pause" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pause" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pause" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pause" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pause" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pause" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pause" -s a -l all -d 'All running containers (unpause: all paused ones)'
complete -c ctl -n "__fish_ctl_using_subcommand pause" -s l -l latest -d 'The container created last'
complete -c ctl -n "__fish_ctl_using_subcommand pause" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand unpause" -l cidfile -d 'Read the container id from this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand unpause" -s f -l filter -d 'The containers that match KEY=VALUE (as ps --filter)' -r
complete -c ctl -n "__fish_ctl_using_subcommand unpause" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand unpause" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand unpause" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand unpause" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand unpause" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand unpause" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand unpause" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand unpause" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand unpause" -s a -l all -d 'All running containers (unpause: all paused ones)'
complete -c ctl -n "__fish_ctl_using_subcommand unpause" -s l -l latest -d 'The container created last'
complete -c ctl -n "__fish_ctl_using_subcommand unpause" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand init" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand init" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand init" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand init" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand init" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand init" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand init" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand init" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand init" -s a -l all -d 'All containers not initialized yet (the others are passed over)'
complete -c ctl -n "__fish_ctl_using_subcommand init" -s l -l latest -d 'The container created last'
complete -c ctl -n "__fish_ctl_using_subcommand init" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand update" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l memory-reservation -d 'Memory soft limit' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l memory-swappiness -d 'How readily the container\'s pages are swapped out, 0 to 100 (-1: the kernel\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l cpus -d 'Number of CPUs (e.g. 1.5)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l cpu-period -d 'CFS period in microseconds' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l cpu-quota -d 'CFS quota: CPU time in microseconds per period' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l cpu-rt-period -d 'Realtime scheduling period in microseconds' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l cpu-rt-runtime -d 'Realtime scheduling runtime in microseconds per period' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -s c -l cpu-shares -d 'CPU shares (relative weight; 0: the default)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-2,4)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l cpuset-mems -d 'Memory nodes the container may use (e.g. 0-1)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l pids-limit -d 'Maximum number of processes (-1: unlimited; default 2048)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l blkio-weight -d 'Block I/O weight, 10 to 1000 (0: none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (e.g. /dev/sda:1mb)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l device-read-iops -d 'Read operations per second limit of a device: DEVICE:N' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l device-write-iops -d 'Write operations per second limit of a device: DEVICE:N' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l health-cmd -d 'Set a healthcheck command for the container (\'none\' disables the existing healthcheck); a JSON array runs as given, anything else through /bin/sh -c' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l health-interval -d 'Set an interval for the healthcheck (a value of disable results in no automatic timer setup) (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l health-on-failure -d 'Action to take once the container turns unhealthy: none, kill, restart, stop (default "none")' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l health-retries -d 'The number of retries allowed before a healthcheck is considered to be unhealthy (default 3)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l health-start-period -d 'The initialization time needed for a container to bootstrap (default "0s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l health-timeout -d 'The maximum time allowed to complete the healthcheck before an interval is considered failed (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l health-log-destination -d 'Set the destination of the HealthCheck log. Directory path, local or events_logger (local use container state file) (default "local")' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l health-max-log-count -d 'Set maximum number of attempts in the HealthCheck log file. (\'0\' value means an infinite number of attempts in the log file) (default 5)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l health-max-log-size -d 'Set maximum length in characters of stored HealthCheck log. (\'0\' value means an infinite log length) (default 500)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l health-startup-cmd -d 'Set a startup healthcheck command for the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l health-startup-interval -d 'Set an interval for the startup healthcheck (a value of disable results in no automatic timer setup) (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l health-startup-retries -d 'Set the maximum number of retries before the startup healthcheck will restart the container (default 0: never)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l health-startup-success -d 'Set the number of consecutive successes before the startup healthcheck is marked as successful and the normal healthcheck begins (0 indicates any success will start the regular healthcheck)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l health-startup-timeout -d 'Set the maximum amount of time that the startup healthcheck may take before it is considered failed (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -s e -l env -d 'Add or change an environment variable (KEY=VALUE); the main process sees it at its next start' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l unsetenv -d 'Unset an environment variable; the main process sees it at its next start' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand update" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand update" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand update" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand update" -l no-healthcheck -d 'Disable healthchecks on container'
complete -c ctl -n "__fish_ctl_using_subcommand update" -s l -l latest -d 'Update the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand update" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand exec" -s e -l env -d 'Set an environment variable (K=V, or K to take it from this environment)' -r
complete -c ctl -n "__fish_ctl_using_subcommand exec" -l env-file -d 'Read environment variables from a file (K=V or K lines; # comments)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand exec" -s u -l user -d 'User to run as: user[:group], names from the container\'s /etc/passwd' -r
complete -c ctl -n "__fish_ctl_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand exec" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand exec" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand exec" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand exec" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand exec" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand exec" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand exec" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand exec" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand exec" -s d -l detach -d 'Run in the background'
complete -c ctl -n "__fish_ctl_using_subcommand exec" -s i -l interactive -d 'Keep stdin open'
complete -c ctl -n "__fish_ctl_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c ctl -n "__fish_ctl_using_subcommand exec" -l privileged -d 'Give the command every capability ctl holds'
complete -c ctl -n "__fish_ctl_using_subcommand exec" -s l -l latest -d 'Run in the container created last (the words are all the command\'s)'
complete -c ctl -n "__fish_ctl_using_subcommand exec" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand attach" -l detach-keys -d 'Keys that detach: ctrl-<x> or single characters, comma separated ("" for none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand attach" -l sig-proxy -d 'Forward INT, TERM and HUP to the container' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand attach" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand attach" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand attach" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand attach" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand attach" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand attach" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand attach" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand attach" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand attach" -l no-stdin -d 'Do not attach stdin'
complete -c ctl -n "__fish_ctl_using_subcommand attach" -s l -l latest -d 'Attach to the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand attach" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand rm" -s t -l time -d 'Seconds to wait before killing a running container with --force' -r
complete -c ctl -n "__fish_ctl_using_subcommand rm" -l filter -d 'Remove the containers that match KEY=VALUE (the filters of ps; no short form, as -f is --force)' -r
complete -c ctl -n "__fish_ctl_using_subcommand rm" -l cidfile -d 'Read the container id from this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand rm" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand rm" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand rm" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand rm" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand rm" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand rm" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand rm" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand rm" -s f -l force -d 'Remove running containers too (killing them)'
complete -c ctl -n "__fish_ctl_using_subcommand rm" -s v -l volumes -d 'Remove the containers\' anonymous volumes too'
complete -c ctl -n "__fish_ctl_using_subcommand rm" -l depend -d 'Remove the containers that join the given containers\' namespaces first'
complete -c ctl -n "__fish_ctl_using_subcommand rm" -s i -l ignore -d 'Succeed for containers that do not exist'
complete -c ctl -n "__fish_ctl_using_subcommand rm" -s a -l all -d 'Act on all containers'
complete -c ctl -n "__fish_ctl_using_subcommand rm" -s l -l latest -d 'Act on the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand rm" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand wait" -l condition -d 'A state to wait for (any one given satisfies): configured, created, exited, healthy, initialized, paused, removing, running, stopped, unhealthy' -r
complete -c ctl -n "__fish_ctl_using_subcommand wait" -s i -l interval -d 'How often to look for a condition other than the exit (Go duration; a plain number is milliseconds)' -r
complete -c ctl -n "__fish_ctl_using_subcommand wait" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand wait" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand wait" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand wait" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand wait" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand wait" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand wait" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand wait" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand wait" -l exit-first-match -d 'Wait for the first container that meets a condition, and ignore the others'
complete -c ctl -n "__fish_ctl_using_subcommand wait" -l ignore -d 'Print -1 for containers that do not exist instead of failing'
complete -c ctl -n "__fish_ctl_using_subcommand wait" -s l -l latest -d 'Wait for the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand wait" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand logs" -l since -d 'Only output since this time: RFC 3339 (date --iso-8601=ns), a date, unix seconds, or a Go duration before now (10m, 1h30m)' -r
complete -c ctl -n "__fish_ctl_using_subcommand logs" -l until -d 'Only output until this time (as --since; a duration is after now); -f stops then' -r
complete -c ctl -n "__fish_ctl_using_subcommand logs" -l tail -d 'Only the last N lines (-1: all)' -r
complete -c ctl -n "__fish_ctl_using_subcommand logs" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand logs" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand logs" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand logs" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand logs" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand logs" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand logs" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand logs" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand logs" -s f -l follow -d 'Keep printing new output until the container stops'
complete -c ctl -n "__fish_ctl_using_subcommand logs" -s t -l timestamps -d 'Prefix each line with its timestamp'
complete -c ctl -n "__fish_ctl_using_subcommand logs" -s n -l names -d 'Name each container\'s lines by its name rather than its id, when logs of several containers are shown'
complete -c ctl -n "__fish_ctl_using_subcommand logs" -s l -l latest -d 'Show the logs of the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand logs" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand ps" -s n -l last -d 'Show the N most recently created containers (all states)' -r
complete -c ctl -n "__fish_ctl_using_subcommand ps" -s f -l filter -d 'Filter: id, name, status, label, label!, ancestor, exited, before, since, until, network, volume, health, restart-policy, pod, command, should-start-on-boot (KEY=VALUE)' -r
complete -c ctl -n "__fish_ctl_using_subcommand ps" -l format -d 'json, or a Go template such as \'{{.ID}} {{.Names}}\' (\'table ...\' adds a header)' -r
complete -c ctl -n "__fish_ctl_using_subcommand ps" -l sort -d 'Sort by command, created (oldest first), id, image, names, runningfor, size or status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c ctl -n "__fish_ctl_using_subcommand ps" -s w -l watch -d 'Refresh the table every N seconds until interrupted' -r
complete -c ctl -n "__fish_ctl_using_subcommand ps" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand ps" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand ps" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand ps" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand ps" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand ps" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand ps" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand ps" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand ps" -s a -l all -d 'Show all containers (default: running only)'
complete -c ctl -n "__fish_ctl_using_subcommand ps" -s q -l quiet -d 'Print only container ids'
complete -c ctl -n "__fish_ctl_using_subcommand ps" -l no-trunc -d 'Do not truncate ids and commands'
complete -c ctl -n "__fish_ctl_using_subcommand ps" -s l -l latest -d 'Show the most recently created container (all states)'
complete -c ctl -n "__fish_ctl_using_subcommand ps" -l noheading -d 'Do not print the header row'
complete -c ctl -n "__fish_ctl_using_subcommand ps" -s s -l size -d 'Show each container\'s size: its writable layer, and with the image\'s (virtual)'
complete -c ctl -n "__fish_ctl_using_subcommand ps" -l external -d 'Show external containers too (ctl has none: only ctl\'s containers exist)'
complete -c ctl -n "__fish_ctl_using_subcommand ps" -l namespace -l ns -d 'Show each running container\'s namespaces (the inode numbers of /proc/PID/ns/*)'
complete -c ctl -n "__fish_ctl_using_subcommand ps" -s p -l pod -d 'Show each container\'s pod: its id and name'
complete -c ctl -n "__fish_ctl_using_subcommand ps" -l sync -d 'Sync each container\'s state with the machine (ctl always does)'
complete -c ctl -n "__fish_ctl_using_subcommand ps" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand list" -s n -l last -d 'Show the N most recently created containers (all states)' -r
complete -c ctl -n "__fish_ctl_using_subcommand list" -s f -l filter -d 'Filter: id, name, status, label, label!, ancestor, exited, before, since, until, network, volume, health, restart-policy, pod, command, should-start-on-boot (KEY=VALUE)' -r
complete -c ctl -n "__fish_ctl_using_subcommand list" -l format -d 'json, or a Go template such as \'{{.ID}} {{.Names}}\' (\'table ...\' adds a header)' -r
complete -c ctl -n "__fish_ctl_using_subcommand list" -l sort -d 'Sort by command, created (oldest first), id, image, names, runningfor, size or status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c ctl -n "__fish_ctl_using_subcommand list" -s w -l watch -d 'Refresh the table every N seconds until interrupted' -r
complete -c ctl -n "__fish_ctl_using_subcommand list" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand list" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand list" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand list" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand list" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand list" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand list" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand list" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand list" -s a -l all -d 'Show all containers (default: running only)'
complete -c ctl -n "__fish_ctl_using_subcommand list" -s q -l quiet -d 'Print only container ids'
complete -c ctl -n "__fish_ctl_using_subcommand list" -l no-trunc -d 'Do not truncate ids and commands'
complete -c ctl -n "__fish_ctl_using_subcommand list" -s l -l latest -d 'Show the most recently created container (all states)'
complete -c ctl -n "__fish_ctl_using_subcommand list" -l noheading -d 'Do not print the header row'
complete -c ctl -n "__fish_ctl_using_subcommand list" -s s -l size -d 'Show each container\'s size: its writable layer, and with the image\'s (virtual)'
complete -c ctl -n "__fish_ctl_using_subcommand list" -l external -d 'Show external containers too (ctl has none: only ctl\'s containers exist)'
complete -c ctl -n "__fish_ctl_using_subcommand list" -l namespace -l ns -d 'Show each running container\'s namespaces (the inode numbers of /proc/PID/ns/*)'
complete -c ctl -n "__fish_ctl_using_subcommand list" -s p -l pod -d 'Show each container\'s pod: its id and name'
complete -c ctl -n "__fish_ctl_using_subcommand list" -l sync -d 'Sync each container\'s state with the machine (ctl always does)'
complete -c ctl -n "__fish_ctl_using_subcommand list" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand port" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand port" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand port" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand port" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand port" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand port" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand port" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand port" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand port" -s a -l all -d 'The published ports of every running container, each line after its short id'
complete -c ctl -n "__fish_ctl_using_subcommand port" -s l -l latest -d 'The container created last (the one word is then the port)'
complete -c ctl -n "__fish_ctl_using_subcommand port" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand rename" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand rename" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand rename" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand rename" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand rename" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand rename" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand rename" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand rename" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand rename" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand stats" -l format -d 'json, or a Go template such as \'{{.ID}} {{.MemUsage}}\' (\'table ...\' adds a header)' -r
complete -c ctl -n "__fish_ctl_using_subcommand stats" -s i -l interval -d 'Seconds between reports' -r
complete -c ctl -n "__fish_ctl_using_subcommand stats" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand stats" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand stats" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand stats" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand stats" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand stats" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand stats" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand stats" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand stats" -s a -l all -d 'Show all containers (default: running only)'
complete -c ctl -n "__fish_ctl_using_subcommand stats" -s l -l latest -d 'The container created last'
complete -c ctl -n "__fish_ctl_using_subcommand stats" -l no-reset -d 'Do not clear the screen between reports'
complete -c ctl -n "__fish_ctl_using_subcommand stats" -l no-stream -d 'Print one report and exit'
complete -c ctl -n "__fish_ctl_using_subcommand stats" -l no-trunc -d 'Do not truncate ids'
complete -c ctl -n "__fish_ctl_using_subcommand stats" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand top" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand top" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand top" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand top" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand top" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand top" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand top" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand top" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand top" -s l -l latest -d 'The container created last (then every word is a descriptor)'
complete -c ctl -n "__fish_ctl_using_subcommand top" -l list-descriptors -d 'Print the format descriptors, one a line'
complete -c ctl -n "__fish_ctl_using_subcommand top" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand events" -s f -l filter -d 'Show only the events that match: container=, event=, image=, pod=, volume=, type=, label= (KEY=VALUE; repeat a key for either value)' -r
complete -c ctl -n "__fish_ctl_using_subcommand events" -l format -d 'json (JSON Lines), or a Go template for each event (e.g. \'{{.Status}} {{.Name}}\')' -r
complete -c ctl -n "__fish_ctl_using_subcommand events" -l stream -d 'Keep waiting for new events (false: stop after the last one recorded)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand events" -l since -d 'Show the events since this time (RFC 3339, unix seconds, or a duration such as 10m)' -r
complete -c ctl -n "__fish_ctl_using_subcommand events" -l until -d 'Show the events until this time; with --stream, wait until then' -r
complete -c ctl -n "__fish_ctl_using_subcommand events" -l no-trunc -d 'Show whole ids (false: 12 characters)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand events" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand events" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand events" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand events" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand events" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand events" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand events" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand events" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand events" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand export" -s o -l output -d 'Write to a file, default is STDOUT' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand export" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand export" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand export" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand export" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand export" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand export" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand export" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand export" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand export" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand commit" -s a -l author -d 'Set the author for the image committed' -r
complete -c ctl -n "__fish_ctl_using_subcommand commit" -s c -l change -d 'Apply the following possible instructions to the created image (default []): CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | ONBUILD | STOPSIGNAL | USER | VOLUME | WORKDIR' -r
complete -c ctl -n "__fish_ctl_using_subcommand commit" -s f -l format -d 'Format of the image manifest and metadata' -r
complete -c ctl -n "__fish_ctl_using_subcommand commit" -l iidfile -d 'Write the image ID to the file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand commit" -s m -l message -d 'Set commit message for imported image' -r
complete -c ctl -n "__fish_ctl_using_subcommand commit" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand commit" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand commit" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand commit" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand commit" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand commit" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand commit" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand commit" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand commit" -l include-volumes -d 'Include container volumes as image volumes'
complete -c ctl -n "__fish_ctl_using_subcommand commit" -s p -l pause -d 'Pause container during commit'
complete -c ctl -n "__fish_ctl_using_subcommand commit" -s q -l quiet -d 'Suppress output'
complete -c ctl -n "__fish_ctl_using_subcommand commit" -s s -l squash -d 'Squash newly built layers into a single new layer'
complete -c ctl -n "__fish_ctl_using_subcommand commit" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand diff" -l format -d 'Change the output format (only json)' -r
complete -c ctl -n "__fish_ctl_using_subcommand diff" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand diff" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand diff" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand diff" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand diff" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand diff" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand diff" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand diff" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand diff" -s l -l latest -d 'The container created last'
complete -c ctl -n "__fish_ctl_using_subcommand diff" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand mount" -l format -d 'Print the mounted containers in this format (json)' -r
complete -c ctl -n "__fish_ctl_using_subcommand mount" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand mount" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand mount" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand mount" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand mount" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand mount" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand mount" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand mount" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand mount" -s a -l all -d 'Mount all containers'
complete -c ctl -n "__fish_ctl_using_subcommand mount" -s l -l latest -d 'Act on the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand mount" -l no-trunc -d 'Do not truncate the output'
complete -c ctl -n "__fish_ctl_using_subcommand mount" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand unmount" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand unmount" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand unmount" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand unmount" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand unmount" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand unmount" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand unmount" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand unmount" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand unmount" -s a -l all -d 'Unmount all of the currently mounted containers'
complete -c ctl -n "__fish_ctl_using_subcommand unmount" -s f -l force -d 'Unmount even if other mounts of the container are counted'
complete -c ctl -n "__fish_ctl_using_subcommand unmount" -s l -l latest -d 'Act on the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand unmount" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand umount" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand umount" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand umount" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand umount" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand umount" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand umount" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand umount" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand umount" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand umount" -s a -l all -d 'Unmount all of the currently mounted containers'
complete -c ctl -n "__fish_ctl_using_subcommand umount" -s f -l force -d 'Unmount even if other mounts of the container are counted'
complete -c ctl -n "__fish_ctl_using_subcommand umount" -s l -l latest -d 'Act on the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand umount" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand cp" -s a -l archive -d 'Chown what is copied into a container to its main user (false: keep the owners of the source)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand cp" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand cp" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand cp" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand cp" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand cp" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand cp" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand cp" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand cp" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand cp" -l overwrite -d 'Allow directories to be overwritten with non-directories and vice versa'
complete -c ctl -n "__fish_ctl_using_subcommand cp" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm exists prune" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm exists prune" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm exists prune" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm exists prune" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm exists prune" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm exists prune" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm exists prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm exists prune" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm exists prune" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm exists prune" -f -a "create" -d 'Create a bridge network'
complete -c ctl -n "__fish_ctl_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm exists prune" -f -a "ls" -d 'List networks'
complete -c ctl -n "__fish_ctl_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm exists prune" -f -a "inspect" -d 'Show networks as JSON'
complete -c ctl -n "__fish_ctl_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm exists prune" -f -a "rm" -d 'Remove networks'
complete -c ctl -n "__fish_ctl_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm exists prune" -f -a "exists" -d 'Exit 0 if a network exists, 1 if not'
complete -c ctl -n "__fish_ctl_using_subcommand network; and not __fish_seen_subcommand_from create ls inspect rm exists prune" -f -a "prune" -d 'Remove networks no container uses (never the default network)'
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -s d -l driver -d 'Driver: bridge' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -l subnet -d 'IPv4 subnet in CIDR form (default: a free 10.89.N.0/24)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -l gateway -d 'Gateway address (default: the subnet\'s first address)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -l interface-name -d 'Name of the bridge on the host (default: ctl- and part of the id)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -l label -d 'Set a label: KEY=VALUE' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -l internal -d 'No route out of the network'
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -l disable-dns -d 'No DNS server for the network\'s container names'
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -l ignore -d 'Succeed, changing nothing, when a network of that name exists'
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l format -d 'json, or a Go template such as \'{{.Name}}\' (\'table ...\' adds a header)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name, id, driver, label, label!, until, dangling (KEY=VALUE)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only network names'
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate ids'
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header row'
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -s f -l format -d 'json, or a Go template for each network (e.g. \'{{range .Subnets}}{{.Subnet}}{{end}}\')' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait before killing running containers with --force' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from rm" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from rm" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from rm" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from rm" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the containers using the network too'
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from exists" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from exists" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from exists" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from exists" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (label=, label!=, until=)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from prune" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from prune" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from prune" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from prune" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -f -a "create" -d 'Create a volume'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -f -a "ls" -d 'List volumes'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -f -a "inspect" -d 'Show volumes as JSON'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -f -a "rm" -d 'Remove volumes'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -f -a "prune" -d 'Remove all volumes no container uses'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -f -a "exists" -d 'Exit 0 if a volume exists, 1 if not'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -f -a "mount" -d 'Mount a volume\'s filesystem and print its path'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -f -a "unmount" -d 'Unmount a volume mounted with volume mount'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -f -a "export" -d 'Write a volume\'s content as a tar archive'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and not __fish_seen_subcommand_from create ls inspect rm prune exists mount unmount export import" -f -a "import" -d 'Unpack a tar archive into an existing volume'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from create" -s d -l driver -d 'Volume driver: local' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from create" -s o -l opt -d 'Driver option KEY=VALUE: type, device and o (mount(8)\'s -t, device and -o; o also takes uid=, gid=, size=), copy, nocopy' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l uid -d 'Owner UID of the volume\'s directory (not passed to the mount)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l gid -d 'Owner GID of the volume\'s directory (not passed to the mount)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label: KEY=VALUE' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from create" -l ignore -d 'Print the name of an existing volume instead of failing'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name, label, label!, dangling, driver, anonymous, opt, scope, until (KEY=VALUE)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -l format -d 'json, or a Go template such as \'{{.Name}}\' (\'table ...\' adds a header)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header row'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only volume names'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s f -l format -d 'json, or a Go template for each volume (e.g. \'{{.Mountpoint}}\')' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s a -l all -d 'Inspect all volumes'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait before killing running containers with --force (-1: no limit)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all volumes'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove the containers using the volume first'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -l filter -d 'Filter: label, label!, until, name, driver, dangling, anonymous, opt, scope (KEY=VALUE)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from exists" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from exists" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from mount" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from mount" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from mount" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from mount" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from mount" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from mount" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from mount" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from unmount" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a file, default is STDOUT' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from export" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from export" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from export" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from export" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from export" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from export" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from export" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from import" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from import" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from import" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from import" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from import" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from import" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from import" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from import" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand volume; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists" -f -a "create" -d 'Create a new secret from a file or standard input (-)'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists" -f -a "ls" -d 'List secrets'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists" -f -a "inspect" -d 'Display detailed information on one or more secrets'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists" -f -a "rm" -d 'Remove one or more secrets'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and not __fish_seen_subcommand_from create ls inspect rm exists" -f -a "exists" -d 'Exit 0 if a secret exists, 1 if not'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from create" -s d -l driver -d 'Secret driver (file)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from create" -l driver-opts -d 'Driver options: KEY=VALUE[,KEY=VALUE...] (file: path)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label on the secret: KEY=VALUE' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from create" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from create" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from create" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from create" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from create" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from create" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from create" -l env -d 'Read the secret from the environment variable named instead of a file'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from create" -l ignore -d 'If a secret of that name exists, print its id and create nothing'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from create" -l replace -d 'If a secret of that name exists, replace it'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: name, id (KEY=VALUE; the value is a regular expression)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from ls" -l format -d 'json, or a Go template such as \'{{.Name}}\' (\'table ...\' adds a header)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from ls" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from ls" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from ls" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from ls" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header row'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only secret ids'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s f -l format -d 'A Go template for each secret (e.g. \'{{.Spec.Name}}\')' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l pretty -d 'Print in a human-readable form (ignores --format)'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from inspect" -l showsecret -d 'Show the secret\'s data'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from rm" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from rm" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from rm" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from rm" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all secrets'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore secrets that do not exist'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from exists" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from exists" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from exists" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from exists" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand secret; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -f -a "create" -d 'Create a new empty pod'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -f -a "start" -d 'Start one or more pods'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -f -a "stop" -d 'Stop one or more pods'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -f -a "restart" -d 'Restart one or more pods'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -f -a "kill" -d 'Send the specified signal or SIGKILL to containers in pod'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -f -a "pause" -d 'Pause one or more pods'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -f -a "unpause" -d 'Unpause one or more pods'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -f -a "rm" -d 'Remove one or more pods'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -f -a "ps" -d 'List pods'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -f -a "inspect" -d 'Display a pod configuration'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -f -a "exists" -d 'Check if a pod exists in local storage'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -f -a "prune" -d 'Remove all stopped pods and their containers'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -f -a "logs" -d 'Fetch logs for pod with one or more containers'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -f -a "top" -d 'Display the running processes of containers in a pod'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and not __fish_seen_subcommand_from create start stop restart kill pause unpause rm ps inspect exists prune logs top stats" -f -a "stats" -d 'Display a live stream of resource usage statistics for the containers in one or more pods'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -s n -l name -d 'Assign a name to the pod' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a container\'s port, or a range of ports, to the host' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l network -d 'Network for the pod\'s infra container: bridge, NAME, none, host' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l share -d 'Namespaces to share: a comma list of cgroup, ipc, net, pid, uts (+NS adds to the defaults ipc,net,uts; none shares nothing)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra -d 'Create an infra container for the pod' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-image -d 'Image for the infra container (default: an empty rootfs running catatonit -P)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-command -d 'Command the infra container runs' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-name -d 'Name of the infra container (default: the pod id\'s first 12 digits, then -infra)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label on the pod: KEY=VALUE' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l hostname -d 'The pod\'s hostname (default: its name)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l add-host -d 'Add a custom host-to-IP mapping (NAME[;NAME...]:IP)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l dns -d 'Set custom DNS servers' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -s v -l volume -d 'Bind mount a volume into every container of the pod' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l pod-id-file -d 'Write the pod id to this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l infra-conmon-pidfile -d 'Write the infra container\'s monitor pid to this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l exit-policy -d 'What to do when the last container exits: continue or stop' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -l replace -d 'Remove a pod of the same name first'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from start" -l pod-id-file -d 'Read the pod id from this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from start" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from start" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from start" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from start" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from start" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from start" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from start" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from start" -s a -l all -d 'Act on all pods'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait before killing each container (default: each container\'s own)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stop" -l pod-id-file -d 'Read the pod id from this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stop" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stop" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stop" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stop" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stop" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stop" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stop" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Ignore errors when a pod does not exist'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stop" -s a -l all -d 'Act on all pods'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from restart" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from restart" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from restart" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from restart" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from restart" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from restart" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from restart" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from restart" -s a -l all -d 'Act on all pods'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send to the containers' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from kill" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from kill" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from kill" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from kill" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from kill" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from kill" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from kill" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from kill" -s a -l all -d 'Act on all pods'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from pause" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from pause" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from pause" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from pause" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from pause" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from pause" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from pause" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from pause" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from pause" -s a -l all -d 'Act on all pods'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from unpause" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s a -l all -d 'Act on all pods'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait before killing running containers with --force' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from rm" -l pod-id-file -d 'Read the pod id from this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from rm" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from rm" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from rm" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from rm" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from rm" -s f -l force -d 'Stop and remove running containers too'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore errors when a pod does not exist'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from rm" -s a -l all -d 'Act on all pods'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter: id, name, label, label!, status, ctr-names, ctr-ids, ctr-status, ctr-number, network (KEY=VALUE)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -l format -d 'json, or a Go template such as \'{{.Name}}\' (\'table ...\' adds a header)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -l sort -d 'Sort by created, id, name, number or status' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-names -d 'Display the container names'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-ids -d 'Display the container ids'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -l ctr-status -d 'Display the container statuses'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -s n -l noheading -d 'Do not print the header row'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Do not truncate pod and container ids'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Print only pod ids'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s f -l format -d 'json, or a Go template for each pod (e.g. \'{{.State}}\')' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from exists" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from exists" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from exists" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from exists" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from prune" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from prune" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from prune" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from prune" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not ask for confirmation'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -s c -l container -d 'Only the logs of this container of the pod (name or id)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -l since -d 'Only output since this time (as `ctl logs --since`)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -l tail -d 'Only the last N lines of each container (-1: all)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -l until -d 'Only output until this time (as `ctl logs --until`)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep printing new output until the containers stop'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -s l -l latest -d 'The pod created last'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -s n -l names -d 'Prefix each line with its container\'s name rather than its id'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Prefix each line with its timestamp'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from top" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from top" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from top" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from top" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from top" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from top" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from top" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from top" -s l -l latest -d 'The pod created last (then every word is a descriptor)'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stats" -l format -d 'json, or a Go template such as \'{{.Pod}} {{.MemUsage}}\' (\'table ...\' adds a header)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stats" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stats" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stats" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stats" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stats" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stats" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stats" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stats" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stats" -s a -l all -d 'Show every pod (default: pods with a running container)'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stats" -s l -l latest -d 'The pod created last'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stats" -l no-reset -d 'Do not clear the screen between reports'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stats" -l no-stream -d 'Print one report and exit'
complete -c ctl -n "__fish_ctl_using_subcommand pod; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -f -a "generate" -d 'Generate Kubernetes YAML from containers, pods or volumes'
complete -c ctl -n "__fish_ctl_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -f -a "play" -d 'Play containers, pods or volumes from a structured file'
complete -c ctl -n "__fish_ctl_using_subcommand kube; and not __fish_seen_subcommand_from generate play down" -f -a "down" -d 'Remove pods based on Kubernetes YAML'
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from generate" -s f -l filename -d 'Write output to the specified path (refused if it exists)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from generate" -s t -l type -d 'Generate YAML for the given Kubernetes kind: pod, deployment, daemonset or job' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from generate" -s r -l replicas -d 'Set the replicas number for Deployment kind' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from generate" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from generate" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from generate" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from generate" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from generate" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from generate" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from generate" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from generate" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from generate" -s s -l service -d 'Generate YAML for a Kubernetes service object'
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from generate" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l start -d 'Start the pod after creating it' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l publish -d 'Publish a container\'s port, or a range of ports, to the host' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l network -d 'Connect pod to network(s) or network mode' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l configmap -d 'Pathname of a YAML file containing a kubernetes configmap' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-driver -d 'Logging driver for the container' -r -f -a "k8s-file\t''
none\t''
journald\t''
passthrough\t''"
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-opt -d 'Logging driver options: max-size=SIZE, max-file=N' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l annotation -d 'Add an annotation to every container: KEY=VALUE' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l replace -d 'Delete and recreate pods defined in the YAML file'
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l publish-all -d 'Publish every containerPort on the host, also those without a hostPort'
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -l no-pod-prefix -d 'Do not prefix container names with the pod\'s name'
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from play" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from down" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from down" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from down" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from down" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from down" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from down" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from down" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from down" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from down" -l force -d 'Remove volumes'
complete -c ctl -n "__fish_ctl_using_subcommand kube; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand play; and not __fish_seen_subcommand_from kube" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand play; and not __fish_seen_subcommand_from kube" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand play; and not __fish_seen_subcommand_from kube" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand play; and not __fish_seen_subcommand_from kube" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand play; and not __fish_seen_subcommand_from kube" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand play; and not __fish_seen_subcommand_from kube" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand play; and not __fish_seen_subcommand_from kube" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand play; and not __fish_seen_subcommand_from kube" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand play; and not __fish_seen_subcommand_from kube" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand play; and not __fish_seen_subcommand_from kube" -f -a "kube" -d 'Play containers, pods or volumes from a structured file'
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l start -d 'Start the pod after creating it' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l publish -d 'Publish a container\'s port, or a range of ports, to the host' -r
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l network -d 'Connect pod to network(s) or network mode' -r
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l configmap -d 'Pathname of a YAML file containing a kubernetes configmap' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-driver -d 'Logging driver for the container' -r -f -a "k8s-file\t''
none\t''
journald\t''
passthrough\t''"
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-opt -d 'Logging driver options: max-size=SIZE, max-file=N' -r
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l annotation -d 'Add an annotation to every container: KEY=VALUE' -r
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l replace -d 'Delete and recreate pods defined in the YAML file'
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l publish-all -d 'Publish every containerPort on the host, also those without a hostPort'
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -l no-pod-prefix -d 'Do not prefix container names with the pod\'s name'
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c ctl -n "__fish_ctl_using_subcommand play; and __fish_seen_subcommand_from kube" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "run" -d 'Create and start a container'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "create" -d 'Create a container without starting it'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "start" -d 'Start containers'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "stop" -d 'Stop running containers'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "restart" -d 'Restart containers'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "kill" -d 'Send a signal to running containers'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "pause" -d 'Pause all the processes in containers'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "unpause" -d 'Unpause the processes in containers'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "init" -d 'Set containers up in the runtime without starting them'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "update" -d 'Change a container\'s cgroup limits or restart policy'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "exec" -d 'Run a command in a running container'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "attach" -d 'Attach to a running container\'s input and output'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "rm" -d 'Remove containers'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "wait" -d 'Wait for containers to stop and print their exit codes'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "logs" -d 'Print a container\'s output'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "ls" -d 'List containers'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "inspect" -d 'Show details of containers as JSON'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "port" -d 'List a container\'s published ports'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "rename" -d 'Rename a container'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "stats" -d 'Display a live stream of container resource usage statistics'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "top" -d 'Display the running processes of a container'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "cp" -d 'Copy files/folders between a container and the local filesystem'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "prune" -d 'Remove all stopped containers'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "exists" -d 'Exit 0 if a container exists, 1 if not'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "export" -d 'Export a container\'s filesystem contents as a tar archive'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "commit" -d 'Create new image based on the changed container'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "diff" -d 'Inspect changes on a container\'s filesystem'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "mount" -d 'Mount a container\'s root filesystem and print where'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "unmount" -d 'Unmount a container\'s root filesystem'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "umount" -d 'Unmount a container\'s root filesystem'
complete -c ctl -n "__fish_ctl_using_subcommand container; and not __fish_seen_subcommand_from run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup" -f -a "cleanup" -d 'Record a container\'s exit and release its resources (run by its monitor)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l detach-keys -d 'Keys that detach from the container: ctrl-<x> or characters, comma separated' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l preserve-fds -d 'Pass the fds 3 to 3+N-1 of this process into the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l sig-proxy -d 'Forward INT, TERM and HUP to the container' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l name -d 'Name the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -s e -l env -d 'Set an environment variable (K=V, or K to take it from this environment)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l env-file -d 'Read environment variables from a file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -s v -l volume -d 'Mount a host path or a volume: /HOST:CTR[:OPTS], NAME:CTR[:OPTS] (a named volume, made if missing), or CTR (an anonymous volume); OPTS: ro, rw, nocopy, propagation' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l mount -d 'Mount: type=bind,source=..,target=..[,readonly], type=volume[,source=NAME],target=.. [,readonly][,volume-nocopy] or type=tmpfs,target=..' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l tmpfs -d 'Mount a tmpfs: PATH[:OPTS]' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l volumes-from -d 'Mount the binds and volumes of another container, in their mode or ro/rw (OPTS: ro, rw, z)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -s u -l user -d 'User to run as: user[:group], names from the image\'s /etc/passwd' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l entrypoint -d 'Override the image\'s entrypoint ("" clears it)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -s h -l hostname -d 'Container host name (default: the short id)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -s l -l label -d 'Set a label: KEY=VALUE' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cidfile -d 'Write the container id to this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l pod -d 'Run in a pod (name or id); new:NAME makes the pod first' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l pod-id-file -d 'Run in the pod whose id this file holds' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -d 'Signal that stops the container (default: the image\'s, or SIGTERM)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-timeout -d 'Seconds to wait after the stop signal before killing' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /run, /tmp and /var/tmp' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-reservation -d 'Memory soft limit' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l memory-swappiness -d 'How readily the container\'s pages are swapped out, 0 to 100 (-1: the kernel\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cpus -d 'Number of CPUs (e.g. 1.5)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-period -d 'CFS period in microseconds' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-quota -d 'CFS quota: CPU time in microseconds per period' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-rt-period -d 'Realtime scheduling period in microseconds' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cpu-rt-runtime -d 'Realtime scheduling runtime in microseconds per period' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -s c -l cpu-shares -d 'CPU shares (relative weight; 0: the default)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-2,4)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cpuset-mems -d 'Memory nodes the container may use (e.g. 0-1)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l pids-limit -d 'Maximum number of processes (-1: unlimited; default 2048)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight -d 'Block I/O weight, 10 to 1000 (0: none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (e.g. /dev/sda:1mb)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l device-read-iops -d 'Read operations per second limit of a device: DEVICE:N' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l device-write-iops -d 'Write operations per second limit of a device: DEVICE:N' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l ulimit -d 'Resource limit: NAME=SOFT[:HARD], e.g. nofile=1024:2048 (default: ctl\'s own)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-add -d 'Add a capability (NET_ADMIN, CAP_NET_ADMIN, ALL)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-drop -d 'Drop a capability (or ALL)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l security-opt -d 'no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=PATHS|ALL' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l group-add -d 'Add a supplementary group (name from the image\'s /etc/group, or a number)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l init-path -d 'The init binary for --init' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l network -l net -d 'Network: bridge (the default network; default as root), NAME, none, host, container:NAME|ID; rootless: pasta (default), slirp4netns, none, host' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -s p -l publish -d 'Publish a port: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp], ports or ranges' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l ip -d 'The container\'s IPv4 address on its network' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l network-alias -d 'Another name the container answers to on its network' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l dns -d 'DNS servers for /etc/resolv.conf (none: keep the image\'s file)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-search -d 'DNS search domains (`.`: none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l dns-option -d 'Options for /etc/resolv.conf (e.g. ndots:2)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l add-host -d 'Add a line to /etc/hosts: NAME[;NAME...]:IP, or NAME:host-gateway for the host' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l shm-size -d 'Size of /dev/shm (b, k, m, g; 0: unlimited; default 64m)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l sysctl -d 'Set a namespaced kernel parameter: NAME=VALUE (net.*, fs.mqueue.*, kernel IPC ones)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l tz -d 'Time zone in the container: an area/city name from /usr/share/zoneinfo, or local' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l umask -d 'The process\'s umask (octal, default 0022)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l env-merge -d 'Set a variable from the default and image environment: K=V with ${VAR} expanded (e.g. PATH=/opt/bin:${PATH})' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv -d 'Leave out a variable of the default or image environment' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l http-proxy -d 'Pass this environment\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy, and their capitals) into the container' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l label-file -d 'Read labels from a file: KEY=VALUE lines' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l annotation -d 'Add an annotation to the container: KEY=VALUE' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l secret -d 'Give the container a secret: NAME[,type=mount|env][,target=T][,uid=N,gid=N,mode=M]' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l expose -d 'Expose a port or a range (PORT[-END][/tcp|udp]); -P publishes it' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-score-adj -d 'Tune the host\'s OOM preference for the container (-1000 to 1000)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l ipc -d 'IPC namespace: private (default), shareable, none (no /dev/shm), host, container:NAME, ns:PATH' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l pid -d 'PID namespace: private (default), host, container:NAME, ns:PATH' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l uts -d 'UTS namespace: private (default), host, container:NAME, ns:PATH' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroupns -d 'Cgroup namespace: private (default on cgroup v2) or host' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l userns -d 'User namespace: host (the default; rootless, the user\'s), keep-id[:uid=,gid=,size=] (rootless: you are uid:gid inside, on a chowned copy of the image\'s layers; as root: the caller\'s ids, no new namespace), nomap (rootless: your own id left out), auto[:size=N,uidmapping=,gidmapping=] (as root: a free range of the `containers` user\'s subordinate ids)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l uidmap -d 'A user namespace with this UID mapping: [+ug]CONTAINER:HOST[:SIZE] (repeatable; alone, it is the GID mapping too)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l gidmap -d 'A user namespace with this GID mapping: [+ug]CONTAINER:HOST[:SIZE] (repeatable; alone, it is the UID mapping too)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l device -d 'Add a host device: HOST[:CONTAINER][:PERMISSIONS] (r, w, m; default rwm)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l device-cgroup-rule -d 'Allow more devices in the cgroup: "TYPE MAJOR:MINOR ACCESS" (e.g. "c 1:3 mr")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroups -d 'The container\'s cgroup: enabled (the default) or no-conmon (the monitor never has a cgroup of its own in ctl); disabled and split are refused' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l pidfile -d 'Write the container\'s pid to this file at each start' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l conmon-pidfile -d 'Write the monitor\'s (podman\'s conmon\'s) pid to this file at each start' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -s a -l attach -d 'Attach to these streams only: stdin, stdout, stderr (default: the output streams, and stdin with -i)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l platform -d 'Pull the image for this platform: OS/ARCH[/VARIANT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l systemd -d 'systemd mode: true (when the command is systemd or an init), false, always' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l timeout -d 'Kill the container after it has run this many seconds (0: no limit)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l pull -d 'Pull the image: missing, always, never' -r -f -a "missing\t''
always\t''
never\t''
newer\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l log-driver -d 'Log driver: k8s-file, none, journald, passthrough' -r -f -a "k8s-file\t''
none\t''
journald\t''
passthrough\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l log-opt -d 'Log options: max-size=SIZE, max-file=N' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l health-cmd -d 'Set a healthcheck command for the container (\'none\' disables the existing healthcheck); a JSON array runs as given, anything else through /bin/sh -c' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l health-interval -d 'Set an interval for the healthcheck (a value of disable results in no automatic timer setup) (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l health-on-failure -d 'Action to take once the container turns unhealthy: none, kill, restart, stop (default "none")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l health-retries -d 'The number of retries allowed before a healthcheck is considered to be unhealthy (default 3)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l health-start-period -d 'The initialization time needed for a container to bootstrap (default "0s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l health-timeout -d 'The maximum time allowed to complete the healthcheck before an interval is considered failed (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l health-log-destination -d 'Set the destination of the HealthCheck log. Directory path, local or events_logger (local use container state file) (default "local")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l health-max-log-count -d 'Set maximum number of attempts in the HealthCheck log file. (\'0\' value means an infinite number of attempts in the log file) (default 5)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l health-max-log-size -d 'Set maximum length in characters of stored HealthCheck log. (\'0\' value means an infinite log length) (default 500)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-cmd -d 'Set a startup healthcheck command for the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-interval -d 'Set an interval for the startup healthcheck (a value of disable results in no automatic timer setup) (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-retries -d 'Set the maximum number of retries before the startup healthcheck will restart the container (default 0: never)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-success -d 'Set the number of consecutive successes before the startup healthcheck is marked as successful and the normal healthcheck begins (0 indicates any success will start the regular healthcheck)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l health-startup-timeout -d 'Set the maximum amount of time that the startup healthcheck may take before it is considered failed (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l hosts-file -d 'Base of /etc/hosts: an absolute host path, none (an empty one) or image (the image\'s /etc/hosts); default: containers.conf\'s base_hosts_file' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l image-volume -d 'The image\'s volumes: bind (anonymous volumes, the default), tmpfs or ignore' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l personality -d 'Execution domain (personality(2)): LINUX or LINUX32' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-conf -d 'Write a file of the container\'s cgroup (v2): KEY=VALUE, e.g. memory.high=1073741824' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-parent -d 'The cgroup the container\'s cgroup is made under (relative: under the root)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l requires -d 'Containers (names or ids, comma-separated) started before this one at each start' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l tls-verify -d 'Require HTTPS for the pull (false: plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l sdnotify -d 'Under systemd (NOTIFY_SOCKET set): who sends READY=1: container, conmon (ctl\'s monitor, once the container started) or ignore' -r -f -a "container\t''
conmon\t''
ignore\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run in the background and print the container id'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l rmi -d 'Remove the image once the container exited and is removed, unless another container uses it; implies --rm'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l replace -d 'Remove an existing container of the same name first'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only -d 'Mount the container\'s root filesystem read-only'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l oom-kill-disable -d 'Do not let the kernel\'s OOM killer kill the container\'s processes'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l privileged -d 'Give the container every capability and the host\'s devices; no seccomp filter and no masked paths'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l init -d 'Run an init (catatonit or tini) as PID 1 that reaps zombies and forwards signals'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -s P -l publish-all -d 'Publish every port the image exposes, each on a free host port'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l no-hosts -d 'Do not write /etc/hosts: keep the image\'s'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l no-hostname -d 'Do not write /etc/hostname: keep the image\'s'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l env-host -d 'Pass this environment into the container (below --env-file and --env)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l unsetenv-all -d 'Leave out the whole default and image environment'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Pull without progress output'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep stdin open'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l rm -d 'Remove the container when it exits'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l no-healthcheck -d 'Disable healthchecks on container'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l help -d 'Print help (`-h` is --hostname here, as podman\'s)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Name the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set an environment variable (K=V, or K to take it from this environment)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read environment variables from a file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -s v -l volume -d 'Mount a host path or a volume: /HOST:CTR[:OPTS], NAME:CTR[:OPTS] (a named volume, made if missing), or CTR (an anonymous volume); OPTS: ro, rw, nocopy, propagation' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l mount -d 'Mount: type=bind,source=..,target=..[,readonly], type=volume[,source=NAME],target=.. [,readonly][,volume-nocopy] or type=tmpfs,target=..' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l tmpfs -d 'Mount a tmpfs: PATH[:OPTS]' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l volumes-from -d 'Mount the binds and volumes of another container, in their mode or ro/rw (OPTS: ro, rw, z)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'User to run as: user[:group], names from the image\'s /etc/passwd' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Override the image\'s entrypoint ("" clears it)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l hostname -d 'Container host name (default: the short id)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Set a label: KEY=VALUE' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container id to this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l pod -d 'Run in a pod (name or id); new:NAME makes the pod first' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l pod-id-file -d 'Run in the pod whose id this file holds' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal that stops the container (default: the image\'s, or SIGTERM)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Seconds to wait after the stop signal before killing' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only-tmpfs -d 'With --read-only, mount tmpfs on /run, /tmp and /var/tmp' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-reservation -d 'Memory soft limit' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l memory-swappiness -d 'How readily the container\'s pages are swapped out, 0 to 100 (-1: the kernel\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cpus -d 'Number of CPUs (e.g. 1.5)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-period -d 'CFS period in microseconds' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-quota -d 'CFS quota: CPU time in microseconds per period' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-rt-period -d 'Realtime scheduling period in microseconds' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cpu-rt-runtime -d 'Realtime scheduling runtime in microseconds per period' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -s c -l cpu-shares -d 'CPU shares (relative weight; 0: the default)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-2,4)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cpuset-mems -d 'Memory nodes the container may use (e.g. 0-1)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l pids-limit -d 'Maximum number of processes (-1: unlimited; default 2048)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight -d 'Block I/O weight, 10 to 1000 (0: none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (e.g. /dev/sda:1mb)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l device-read-iops -d 'Read operations per second limit of a device: DEVICE:N' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l device-write-iops -d 'Write operations per second limit of a device: DEVICE:N' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l ulimit -d 'Resource limit: NAME=SOFT[:HARD], e.g. nofile=1024:2048 (default: ctl\'s own)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add a capability (NET_ADMIN, CAP_NET_ADMIN, ALL)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop a capability (or ALL)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'no-new-privileges, seccomp=unconfined|PROFILE.json, mask=PATHS, unmask=PATHS|ALL' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l group-add -d 'Add a supplementary group (name from the image\'s /etc/group, or a number)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l init-path -d 'The init binary for --init' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l network -l net -d 'Network: bridge (the default network; default as root), NAME, none, host, container:NAME|ID; rootless: pasta (default), slirp4netns, none, host' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -s p -l publish -d 'Publish a port: [IP:][HOST_PORT:]CONTAINER_PORT[/tcp|udp], ports or ranges' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l ip -d 'The container\'s IPv4 address on its network' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l network-alias -d 'Another name the container answers to on its network' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l dns -d 'DNS servers for /etc/resolv.conf (none: keep the image\'s file)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-search -d 'DNS search domains (`.`: none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l dns-option -d 'Options for /etc/resolv.conf (e.g. ndots:2)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l add-host -d 'Add a line to /etc/hosts: NAME[;NAME...]:IP, or NAME:host-gateway for the host' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l shm-size -d 'Size of /dev/shm (b, k, m, g; 0: unlimited; default 64m)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l sysctl -d 'Set a namespaced kernel parameter: NAME=VALUE (net.*, fs.mqueue.*, kernel IPC ones)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l tz -d 'Time zone in the container: an area/city name from /usr/share/zoneinfo, or local' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l umask -d 'The process\'s umask (octal, default 0022)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l env-merge -d 'Set a variable from the default and image environment: K=V with ${VAR} expanded (e.g. PATH=/opt/bin:${PATH})' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv -d 'Leave out a variable of the default or image environment' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l http-proxy -d 'Pass this environment\'s proxy variables (http_proxy, https_proxy, ftp_proxy, no_proxy, and their capitals) into the container' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l label-file -d 'Read labels from a file: KEY=VALUE lines' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l annotation -d 'Add an annotation to the container: KEY=VALUE' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l secret -d 'Give the container a secret: NAME[,type=mount|env][,target=T][,uid=N,gid=N,mode=M]' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l expose -d 'Expose a port or a range (PORT[-END][/tcp|udp]); -P publishes it' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-score-adj -d 'Tune the host\'s OOM preference for the container (-1000 to 1000)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l ipc -d 'IPC namespace: private (default), shareable, none (no /dev/shm), host, container:NAME, ns:PATH' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l pid -d 'PID namespace: private (default), host, container:NAME, ns:PATH' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l uts -d 'UTS namespace: private (default), host, container:NAME, ns:PATH' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroupns -d 'Cgroup namespace: private (default on cgroup v2) or host' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l userns -d 'User namespace: host (the default; rootless, the user\'s), keep-id[:uid=,gid=,size=] (rootless: you are uid:gid inside, on a chowned copy of the image\'s layers; as root: the caller\'s ids, no new namespace), nomap (rootless: your own id left out), auto[:size=N,uidmapping=,gidmapping=] (as root: a free range of the `containers` user\'s subordinate ids)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l uidmap -d 'A user namespace with this UID mapping: [+ug]CONTAINER:HOST[:SIZE] (repeatable; alone, it is the GID mapping too)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l gidmap -d 'A user namespace with this GID mapping: [+ug]CONTAINER:HOST[:SIZE] (repeatable; alone, it is the UID mapping too)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l device -d 'Add a host device: HOST[:CONTAINER][:PERMISSIONS] (r, w, m; default rwm)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l device-cgroup-rule -d 'Allow more devices in the cgroup: "TYPE MAJOR:MINOR ACCESS" (e.g. "c 1:3 mr")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroups -d 'The container\'s cgroup: enabled (the default) or no-conmon (the monitor never has a cgroup of its own in ctl); disabled and split are refused' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l pidfile -d 'Write the container\'s pid to this file at each start' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l conmon-pidfile -d 'Write the monitor\'s (podman\'s conmon\'s) pid to this file at each start' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -s a -l attach -d 'Attach to these streams only: stdin, stdout, stderr (default: the output streams, and stdin with -i)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l platform -d 'Pull the image for this platform: OS/ARCH[/VARIANT]' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l systemd -d 'systemd mode: true (when the command is systemd or an init), false, always' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l timeout -d 'Kill the container after it has run this many seconds (0: no limit)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'Pull the image: missing, always, never' -r -f -a "missing\t''
always\t''
never\t''
newer\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Log driver: k8s-file, none, journald, passthrough' -r -f -a "k8s-file\t''
none\t''
journald\t''
passthrough\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Log options: max-size=SIZE, max-file=N' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l health-cmd -d 'Set a healthcheck command for the container (\'none\' disables the existing healthcheck); a JSON array runs as given, anything else through /bin/sh -c' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l health-interval -d 'Set an interval for the healthcheck (a value of disable results in no automatic timer setup) (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l health-on-failure -d 'Action to take once the container turns unhealthy: none, kill, restart, stop (default "none")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l health-retries -d 'The number of retries allowed before a healthcheck is considered to be unhealthy (default 3)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l health-start-period -d 'The initialization time needed for a container to bootstrap (default "0s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l health-timeout -d 'The maximum time allowed to complete the healthcheck before an interval is considered failed (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l health-log-destination -d 'Set the destination of the HealthCheck log. Directory path, local or events_logger (local use container state file) (default "local")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l health-max-log-count -d 'Set maximum number of attempts in the HealthCheck log file. (\'0\' value means an infinite number of attempts in the log file) (default 5)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l health-max-log-size -d 'Set maximum length in characters of stored HealthCheck log. (\'0\' value means an infinite log length) (default 500)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-cmd -d 'Set a startup healthcheck command for the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-interval -d 'Set an interval for the startup healthcheck (a value of disable results in no automatic timer setup) (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-retries -d 'Set the maximum number of retries before the startup healthcheck will restart the container (default 0: never)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-success -d 'Set the number of consecutive successes before the startup healthcheck is marked as successful and the normal healthcheck begins (0 indicates any success will start the regular healthcheck)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l health-startup-timeout -d 'Set the maximum amount of time that the startup healthcheck may take before it is considered failed (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l hosts-file -d 'Base of /etc/hosts: an absolute host path, none (an empty one) or image (the image\'s /etc/hosts); default: containers.conf\'s base_hosts_file' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l image-volume -d 'The image\'s volumes: bind (anonymous volumes, the default), tmpfs or ignore' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l personality -d 'Execution domain (personality(2)): LINUX or LINUX32' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-conf -d 'Write a file of the container\'s cgroup (v2): KEY=VALUE, e.g. memory.high=1073741824' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-parent -d 'The cgroup the container\'s cgroup is made under (relative: under the root)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l requires -d 'Containers (names or ids, comma-separated) started before this one at each start' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS for the pull (false: plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l sdnotify -d 'Under systemd (NOTIFY_SOCKET set): who sends READY=1: container, conmon (ctl\'s monitor, once the container started) or ignore' -r -f -a "container\t''
conmon\t''
ignore\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l replace -d 'Remove an existing container of the same name first'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Mount the container\'s root filesystem read-only'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l oom-kill-disable -d 'Do not let the kernel\'s OOM killer kill the container\'s processes'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give the container every capability and the host\'s devices; no seccomp filter and no masked paths'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run an init (catatonit or tini) as PID 1 that reaps zombies and forwards signals'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -s P -l publish-all -d 'Publish every port the image exposes, each on a free host port'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l no-hosts -d 'Do not write /etc/hosts: keep the image\'s'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l no-hostname -d 'Do not write /etc/hostname: keep the image\'s'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l env-host -d 'Pass this environment into the container (below --env-file and --env)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l unsetenv-all -d 'Leave out the whole default and image environment'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Pull without progress output'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep stdin open'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l rm -d 'Remove the container when it exits'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l no-healthcheck -d 'Disable healthchecks on container'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l help -d 'Print help (`-h` is --hostname here, as podman\'s)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -s f -l filter -d 'Start the containers that match KEY=VALUE (the filters of ps; at boot: should-start-on-boot=true)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -l detach-keys -d 'With --attach: keys that detach, ctrl-<x> or characters, comma separated' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -l sig-proxy -d 'Forward INT, TERM and HUP to the container (default: with --attach)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach to the container\'s output (and its input, if it keeps stdin open); exit with its exit code'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -l all -d 'Start all containers that are not running (with --filter: those that match)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -s l -l latest -d 'Start the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'With --attach: pass stdin on (to a container created with -i)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -l timeout -d 'Seconds to wait before killing (default: the container\'s stop timeout)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stop" -s f -l filter -d 'Act on the containers that match KEY=VALUE (the filters of ps)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stop" -l cidfile -d 'Read the container id from this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stop" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stop" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stop" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stop" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stop" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Succeed for containers that do not exist'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stop" -s a -l all -d 'Act on all containers'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stop" -s l -l latest -d 'Act on the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l time -d 'Seconds to wait before killing (default: the container\'s stop timeout)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from restart" -s f -l filter -d 'Act on the containers that match KEY=VALUE (the filters of ps)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from restart" -l cidfile -d 'Read the container id from this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from restart" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from restart" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from restart" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from restart" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from restart" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from restart" -l running -d 'With --all: only the containers that are running'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from restart" -s a -l all -d 'Act on all containers'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from restart" -s l -l latest -d 'Act on the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send (name or number)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from kill" -l cidfile -d 'Read the container id from this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from kill" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from kill" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from kill" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from kill" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from kill" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from kill" -s a -l all -d 'Act on all containers'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from kill" -s l -l latest -d 'Act on the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from pause" -l cidfile -d 'Read the container id from this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from pause" -s f -l filter -d 'The containers that match KEY=VALUE (as ps --filter)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from pause" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from pause" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from pause" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from pause" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from pause" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from pause" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from pause" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from pause" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from pause" -s a -l all -d 'All running containers (unpause: all paused ones)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from pause" -s l -l latest -d 'The container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -l cidfile -d 'Read the container id from this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -s f -l filter -d 'The containers that match KEY=VALUE (as ps --filter)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -s a -l all -d 'All running containers (unpause: all paused ones)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -s l -l latest -d 'The container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from init" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from init" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from init" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from init" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from init" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from init" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from init" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from init" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from init" -s a -l all -d 'All containers not initialized yet (the others are passed over)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from init" -s l -l latest -d 'The container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -s m -l memory -d 'Memory limit (e.g. 512m, 1g)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-swap -d 'Memory plus swap limit (-1: unlimited swap; default: twice --memory)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-reservation -d 'Memory soft limit' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l memory-swappiness -d 'How readily the container\'s pages are swapped out, 0 to 100 (-1: the kernel\'s)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l cpus -d 'Number of CPUs (e.g. 1.5)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-period -d 'CFS period in microseconds' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-quota -d 'CFS quota: CPU time in microseconds per period' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-rt-period -d 'Realtime scheduling period in microseconds' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l cpu-rt-runtime -d 'Realtime scheduling runtime in microseconds per period' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -s c -l cpu-shares -d 'CPU shares (relative weight; 0: the default)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-cpus -d 'CPUs the container may run on (e.g. 0-2,4)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l cpuset-mems -d 'Memory nodes the container may use (e.g. 0-1)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l pids-limit -d 'Maximum number of processes (-1: unlimited; default 2048)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l blkio-weight -d 'Block I/O weight, 10 to 1000 (0: none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l blkio-weight-device -d 'Block I/O weight of one device: DEVICE:WEIGHT' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l device-read-bps -d 'Read rate limit of a device: DEVICE:RATE (e.g. /dev/sda:1mb)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l device-read-iops -d 'Read operations per second limit of a device: DEVICE:N' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l device-write-bps -d 'Write rate limit of a device: DEVICE:RATE' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l device-write-iops -d 'Write operations per second limit of a device: DEVICE:N' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l health-cmd -d 'Set a healthcheck command for the container (\'none\' disables the existing healthcheck); a JSON array runs as given, anything else through /bin/sh -c' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l health-interval -d 'Set an interval for the healthcheck (a value of disable results in no automatic timer setup) (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l health-on-failure -d 'Action to take once the container turns unhealthy: none, kill, restart, stop (default "none")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l health-retries -d 'The number of retries allowed before a healthcheck is considered to be unhealthy (default 3)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l health-start-period -d 'The initialization time needed for a container to bootstrap (default "0s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l health-timeout -d 'The maximum time allowed to complete the healthcheck before an interval is considered failed (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l health-log-destination -d 'Set the destination of the HealthCheck log. Directory path, local or events_logger (local use container state file) (default "local")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l health-max-log-count -d 'Set maximum number of attempts in the HealthCheck log file. (\'0\' value means an infinite number of attempts in the log file) (default 5)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l health-max-log-size -d 'Set maximum length in characters of stored HealthCheck log. (\'0\' value means an infinite log length) (default 500)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l health-startup-cmd -d 'Set a startup healthcheck command for the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l health-startup-interval -d 'Set an interval for the startup healthcheck (a value of disable results in no automatic timer setup) (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l health-startup-retries -d 'Set the maximum number of retries before the startup healthcheck will restart the container (default 0: never)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l health-startup-success -d 'Set the number of consecutive successes before the startup healthcheck is marked as successful and the normal healthcheck begins (0 indicates any success will start the regular healthcheck)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l health-startup-timeout -d 'Set the maximum amount of time that the startup healthcheck may take before it is considered failed (default "30s")' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -s e -l env -d 'Add or change an environment variable (KEY=VALUE); the main process sees it at its next start' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l unsetenv -d 'Unset an environment variable; the main process sees it at its next start' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l restart -d 'Restart policy: no, on-failure[:N], always, unless-stopped' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -l no-healthcheck -d 'Disable healthchecks on container'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -s l -l latest -d 'Update the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set an environment variable (K=V, or K to take it from this environment)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -l env-file -d 'Read environment variables from a file (K=V or K lines; # comments)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'User to run as: user[:group], names from the container\'s /etc/passwd' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Run in the background'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep stdin open'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a pseudo-terminal'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -l privileged -d 'Give the command every capability ctl holds'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -s l -l latest -d 'Run in the container created last (the words are all the command\'s)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l detach-keys -d 'Keys that detach: ctrl-<x> or single characters, comma separated ("" for none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l sig-proxy -d 'Forward INT, TERM and HUP to the container' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach stdin'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from attach" -s l -l latest -d 'Attach to the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait before killing a running container with --force' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -l filter -d 'Remove the containers that match KEY=VALUE (the filters of ps; no short form, as -f is --force)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -l cidfile -d 'Read the container id from this file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove running containers too (killing them)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove the containers\' anonymous volumes too'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -l depend -d 'Remove the containers that join the given containers\' namespaces first'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Succeed for containers that do not exist'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Act on all containers'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -s l -l latest -d 'Act on the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l condition -d 'A state to wait for (any one given satisfies): configured, created, exited, healthy, initialized, paused, removing, running, stopped, unhealthy' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from wait" -s i -l interval -d 'How often to look for a condition other than the exit (Go duration; a plain number is milliseconds)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l exit-first-match -d 'Wait for the first container that meets a condition, and ignore the others'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from wait" -l ignore -d 'Print -1 for containers that do not exist instead of failing'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from wait" -s l -l latest -d 'Wait for the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Only output since this time: RFC 3339 (date --iso-8601=ns), a date, unix seconds, or a Go duration before now (10m, 1h30m)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Only output until this time (as --since; a duration is after now); -f stops then' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l tail -d 'Only the last N lines (-1: all)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep printing new output until the container stops'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Prefix each line with its timestamp'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -s n -l names -d 'Name each container\'s lines by its name rather than its id, when logs of several containers are shown'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -s l -l latest -d 'Show the logs of the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Show the N most recently created containers (all states)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: id, name, status, label, label!, ancestor, exited, before, since, until, network, volume, health, restart-policy, pod, command, should-start-on-boot (KEY=VALUE)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'json, or a Go template such as \'{{.ID}} {{.Names}}\' (\'table ...\' adds a header)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by command, created (oldest first), id, image, names, runningfor, size or status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -s w -l watch -d 'Refresh the table every N seconds until interrupted' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all containers (default: running only)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only container ids'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate ids and commands'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Show the most recently created container (all states)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print the header row'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Show each container\'s size: its writable layer, and with the image\'s (virtual)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l external -d 'Show external containers too (ctl has none: only ctl\'s containers exist)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l namespace -l ns -d 'Show each running container\'s namespaces (the inode numbers of /proc/PID/ns/*)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -s p -l pod -d 'Show each container\'s pod: its id and name'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -l sync -d 'Sync each container\'s state with the machine (ctl always does)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format each result with a template (e.g. \'{{.State.Status}}\')' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -s l -l latest -d 'Inspect the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from port" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from port" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from port" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from port" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from port" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from port" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from port" -s a -l all -d 'The published ports of every running container, each line after its short id'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from port" -s l -l latest -d 'The container created last (the one word is then the port)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rename" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rename" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rename" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rename" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rename" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rename" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l format -d 'json, or a Go template such as \'{{.ID}} {{.MemUsage}}\' (\'table ...\' adds a header)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stats" -s i -l interval -d 'Seconds between reports' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stats" -s a -l all -d 'Show all containers (default: running only)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stats" -s l -l latest -d 'The container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-reset -d 'Do not clear the screen between reports'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-stream -d 'Print one report and exit'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stats" -l no-trunc -d 'Do not truncate ids'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stats" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from top" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from top" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from top" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from top" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from top" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from top" -s l -l latest -d 'The container created last (then every word is a descriptor)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from top" -l list-descriptors -d 'Print the format descriptors, one a line'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cp" -s a -l archive -d 'Chown what is copied into a container to its main user (false: keep the owners of the source)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cp" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cp" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cp" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cp" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cp" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cp" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cp" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cp" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cp" -l overwrite -d 'Allow directories to be overwritten with non-directories and vice versa'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cp" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (label=, label!=, until=)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from prune" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from prune" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exists" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exists" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exists" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exists" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exists" -l external -d 'Check for external containers too (ctl has none: only ctl\'s containers exist)'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to a file, default is STDOUT' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from export" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from export" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from export" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from export" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from export" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from export" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from export" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from export" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -s a -l author -d 'Set the author for the image committed' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -s c -l change -d 'Apply the following possible instructions to the created image (default []): CMD | ENTRYPOINT | ENV | EXPOSE | LABEL | ONBUILD | STOPSIGNAL | USER | VOLUME | WORKDIR' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -s f -l format -d 'Format of the image manifest and metadata' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l iidfile -d 'Write the image ID to the file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -s m -l message -d 'Set commit message for imported image' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -l include-volumes -d 'Include container volumes as image volumes'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -s p -l pause -d 'Pause container during commit'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -s q -l quiet -d 'Suppress output'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -s s -l squash -d 'Squash newly built layers into a single new layer'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from commit" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from diff" -l format -d 'Change the output format (only json)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from diff" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from diff" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from diff" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from diff" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from diff" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from diff" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from diff" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from diff" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from diff" -s l -l latest -d 'The container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from diff" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from mount" -l format -d 'Print the mounted containers in this format (json)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from mount" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from mount" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from mount" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from mount" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from mount" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from mount" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from mount" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from mount" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from mount" -s a -l all -d 'Mount all containers'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from mount" -s l -l latest -d 'Act on the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from mount" -l no-trunc -d 'Do not truncate the output'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from mount" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -s a -l all -d 'Unmount all of the currently mounted containers'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -s f -l force -d 'Unmount even if other mounts of the container are counted'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -s l -l latest -d 'Act on the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from unmount" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from umount" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from umount" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from umount" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from umount" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from umount" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from umount" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from umount" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from umount" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from umount" -s a -l all -d 'Unmount all of the currently mounted containers'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from umount" -s f -l force -d 'Unmount even if other mounts of the container are counted'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from umount" -s l -l latest -d 'Act on the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from umount" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cleanup" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from cleanup" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand pull" -l platform -d 'Pull for this platform instead of the host\'s (os/arch[/variant])' -r
complete -c ctl -n "__fish_ctl_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates (false: plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand pull" -l authfile -d 'Credentials file (default: the one `ctl login` writes)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pull" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pull" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pull" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand pull" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pull" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand pull" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand pull" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pull" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand pull" -s q -l quiet -d 'Print only the image id'
complete -c ctl -n "__fish_ctl_using_subcommand pull" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand build" -l annotation -d 'Add an annotation to the image (not kept: ctl stores no manifest for built images)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l build-arg -d 'ARG=value for the build (the value of ARG in the environment when only ARG is given)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l build-arg-file -d 'A file of ARG=value lines for the build' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand build" -s f -l file -d 'The Containerfile to build (`-` reads it from stdin)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l force-rm -d 'Remove intermediate containers even when the build fails' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand build" -l format -d 'Format of the built image\'s manifest and metadata' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l iidfile -d 'Write the image id to the file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand build" -l label -d 'Set metadata for an image' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l layers -d 'Cache intermediate images during the build process' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand build" -l network -d 'Network mode for RUN steps (none, host, bridge, a network name)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l platform -d 'Set the OS/ARCH of the built image (this host\'s only)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l pull -d 'Pull image policy: always, missing, never, newer (alone: always)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l rm -d 'Remove intermediate containers after a successful build' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand build" -s t -l tag -d 'Tagged name to apply to the built image' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l target -d 'Name of the build stage to build' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l arch -d 'Set the architecture of the built image (this host\'s only)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l authfile -d 'Credentials file for pulling base images (default: the one `ctl login` writes)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand build" -l cache-ttl -d 'Use cached steps only if made less than DURATION ago (0: no cache)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l created-annotation -d 'Accepted for annotations: ctl stores no manifest for a built image' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand build" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for pulling base images' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -s D -l disable-compression -d 'Layers are stored uncompressed (the default, as podman\'s); false is accepted' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand build" -l env -d 'Set an environment variable in the built image (K=V, or K from this environment)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l from -d 'The image the first FROM names instead of its own' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l identity-label -d 'Label the image io.buildah.version: ctl adds no identity label (accepted)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand build" -l ignorefile -d 'The ignore file instead of the context\'s .containerignore or .dockerignore' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand build" -l inherit-annotations -d 'Accepted for annotations: ctl stores no manifest for a built image' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand build" -l inherit-labels -d 'Inherit the labels of the base image or base stages' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand build" -l isolation -d 'Isolation of RUN steps: oci (the only one ctl has)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l jobs -d 'Stages built at once: ctl builds them one after another (accepted)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l logfile -d 'Write the build\'s output to FILE instead of stdout and stderr' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand build" -l omit-history -d 'Leave the build history out of the built image' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand build" -l os -d 'Set the OS of the built image (linux only)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -s o -l output -d 'Also write the built image\'s files: type=local,dest=DIR, type=tar,dest=FILE, DIR, or -' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l skip-unused-stages -d 'Build every stage before the target, used or not (false)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand build" -l source-date-epoch -d 'The created time of the image, in seconds since the epoch (default: $SOURCE_DATE_EPOCH, else now)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l timestamp -d 'The created time of the image and of every file in its new layers, in seconds since the epoch' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l tls-verify -d 'Require HTTPS and verify certificates when pulling base images' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand build" -l unsetannotation -d 'Accepted for annotations: ctl stores no manifest for a built image' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l unsetenv -d 'Leave a variable out of the built image\'s environment' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l unsetlabel -d 'Leave a label out of the built image' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l variant -d 'Set the architecture variant of the built image (this host\'s only)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l add-host -d 'Add a line to /etc/hosts of RUN steps: NAME[;NAME...]:IP, or NAME:host-gateway' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l cap-add -d 'Add a capability to RUN steps' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l cap-drop -d 'Drop a capability from RUN steps (or ALL)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l cgroupns -d 'Cgroup namespace of RUN steps: host or private' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l cpu-period -d 'CFS period of RUN steps in microseconds' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l cpu-quota -d 'CFS quota of RUN steps: CPU time in microseconds per period' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -s c -l cpu-shares -d 'CPU shares of RUN steps (relative weight)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l cpuset-cpus -d 'CPUs RUN steps may run on (e.g. 0-2,4)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l cpuset-mems -d 'Memory nodes RUN steps may use' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l device -d 'Add a host device to RUN steps: HOST[:CTR][:PERMISSIONS]' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l dns -d 'DNS servers for /etc/resolv.conf of RUN steps (none: keep the image\'s file)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l dns-option -d 'Options for /etc/resolv.conf of RUN steps' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l dns-search -d 'DNS search domains of RUN steps' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l group-add -d 'Add a supplementary group to RUN steps' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l http-proxy -d 'Pass this environment\'s proxy variables into RUN steps' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand build" -l ipc -d 'IPC namespace of RUN steps: private, host, container:ID' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -s m -l memory -d 'Memory limit of RUN steps (e.g. 512m)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l memory-swap -d 'Memory plus swap limit of RUN steps (-1: unlimited swap)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l pid -d 'PID namespace of RUN steps: private, host, container:ID' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l security-opt -d 'Security options of RUN steps (no-new-privileges, seccomp=..., mask=..., unmask=...)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l shm-size -d 'Size of /dev/shm in RUN steps' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l ulimit -d 'Resource limit of RUN steps: NAME=SOFT[:HARD]' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l userns -d 'User namespace of RUN steps (host, auto, keep-id...)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l uts -d 'UTS namespace of RUN steps: private, host, container:ID' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -s v -l volume -d 'Bind a host path into RUN steps: /HOST:CTR[:OPTS] (not kept in the image)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand build" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand build" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand build" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand build" -l no-cache -d 'Do not use existing cached images for the container build'
complete -c ctl -n "__fish_ctl_using_subcommand build" -s q -l quiet -d 'Refrain from announcing build instructions and image read/write progress'
complete -c ctl -n "__fish_ctl_using_subcommand build" -l squash -d 'Squash all of the image\'s new layers into a single new layer'
complete -c ctl -n "__fish_ctl_using_subcommand build" -l compress -d 'Accepted for compatibility: ctl talks to no daemon'
complete -c ctl -n "__fish_ctl_using_subcommand build" -l squash-all -d 'Squash all of the image\'s layers, the base image\'s too, into one'
complete -c ctl -n "__fish_ctl_using_subcommand build" -l no-hostname -d 'Do not write /etc/hostname in RUN steps'
complete -c ctl -n "__fish_ctl_using_subcommand build" -l no-hosts -d 'Do not write /etc/hosts in RUN steps: keep the image\'s'
complete -c ctl -n "__fish_ctl_using_subcommand build" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and not __fish_seen_subcommand_from build" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and not __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and not __fish_seen_subcommand_from build" -f -a "build" -d 'Build an image using instructions from Containerfiles'
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l annotation -d 'Add an annotation to the image (not kept: ctl stores no manifest for built images)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l build-arg -d 'ARG=value for the build (the value of ARG in the environment when only ARG is given)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l build-arg-file -d 'A file of ARG=value lines for the build' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -s f -l file -d 'The Containerfile to build (`-` reads it from stdin)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l force-rm -d 'Remove intermediate containers even when the build fails' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l format -d 'Format of the built image\'s manifest and metadata' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image id to the file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l label -d 'Set metadata for an image' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l layers -d 'Cache intermediate images during the build process' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l network -d 'Network mode for RUN steps (none, host, bridge, a network name)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l platform -d 'Set the OS/ARCH of the built image (this host\'s only)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l pull -d 'Pull image policy: always, missing, never, newer (alone: always)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l rm -d 'Remove intermediate containers after a successful build' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -s t -l tag -d 'Tagged name to apply to the built image' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l target -d 'Name of the build stage to build' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l arch -d 'Set the architecture of the built image (this host\'s only)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l authfile -d 'Credentials file for pulling base images (default: the one `ctl login` writes)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cache-ttl -d 'Use cached steps only if made less than DURATION ago (0: no cache)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l created-annotation -d 'Accepted for annotations: ctl stores no manifest for a built image' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for pulling base images' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -s D -l disable-compression -d 'Layers are stored uncompressed (the default, as podman\'s); false is accepted' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l env -d 'Set an environment variable in the built image (K=V, or K from this environment)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l from -d 'The image the first FROM names instead of its own' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l identity-label -d 'Label the image io.buildah.version: ctl adds no identity label (accepted)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l ignorefile -d 'The ignore file instead of the context\'s .containerignore or .dockerignore' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l inherit-annotations -d 'Accepted for annotations: ctl stores no manifest for a built image' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l inherit-labels -d 'Inherit the labels of the base image or base stages' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l isolation -d 'Isolation of RUN steps: oci (the only one ctl has)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l jobs -d 'Stages built at once: ctl builds them one after another (accepted)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l logfile -d 'Write the build\'s output to FILE instead of stdout and stderr' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l omit-history -d 'Leave the build history out of the built image' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l os -d 'Set the OS of the built image (linux only)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -s o -l output -d 'Also write the built image\'s files: type=local,dest=DIR, type=tar,dest=FILE, DIR, or -' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l skip-unused-stages -d 'Build every stage before the target, used or not (false)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l source-date-epoch -d 'The created time of the image, in seconds since the epoch (default: $SOURCE_DATE_EPOCH, else now)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l timestamp -d 'The created time of the image and of every file in its new layers, in seconds since the epoch' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates when pulling base images' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l unsetannotation -d 'Accepted for annotations: ctl stores no manifest for a built image' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l unsetenv -d 'Leave a variable out of the built image\'s environment' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l unsetlabel -d 'Leave a label out of the built image' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l variant -d 'Set the architecture variant of the built image (this host\'s only)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l add-host -d 'Add a line to /etc/hosts of RUN steps: NAME[;NAME...]:IP, or NAME:host-gateway' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cap-add -d 'Add a capability to RUN steps' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cap-drop -d 'Drop a capability from RUN steps (or ALL)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cgroupns -d 'Cgroup namespace of RUN steps: host or private' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cpu-period -d 'CFS period of RUN steps in microseconds' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cpu-quota -d 'CFS quota of RUN steps: CPU time in microseconds per period' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -s c -l cpu-shares -d 'CPU shares of RUN steps (relative weight)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cpuset-cpus -d 'CPUs RUN steps may run on (e.g. 0-2,4)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cpuset-mems -d 'Memory nodes RUN steps may use' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l device -d 'Add a host device to RUN steps: HOST[:CTR][:PERMISSIONS]' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l dns -d 'DNS servers for /etc/resolv.conf of RUN steps (none: keep the image\'s file)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l dns-option -d 'Options for /etc/resolv.conf of RUN steps' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l dns-search -d 'DNS search domains of RUN steps' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l group-add -d 'Add a supplementary group to RUN steps' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l http-proxy -d 'Pass this environment\'s proxy variables into RUN steps' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l ipc -d 'IPC namespace of RUN steps: private, host, container:ID' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -s m -l memory -d 'Memory limit of RUN steps (e.g. 512m)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l memory-swap -d 'Memory plus swap limit of RUN steps (-1: unlimited swap)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l pid -d 'PID namespace of RUN steps: private, host, container:ID' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l security-opt -d 'Security options of RUN steps (no-new-privileges, seccomp=..., mask=..., unmask=...)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l shm-size -d 'Size of /dev/shm in RUN steps' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l ulimit -d 'Resource limit of RUN steps: NAME=SOFT[:HARD]' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l userns -d 'User namespace of RUN steps (host, auto, keep-id...)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l uts -d 'UTS namespace of RUN steps: private, host, container:ID' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -s v -l volume -d 'Bind a host path into RUN steps: /HOST:CTR[:OPTS] (not kept in the image)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use existing cached images for the container build'
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Refrain from announcing build instructions and image read/write progress'
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l squash -d 'Squash all of the image\'s new layers into a single new layer'
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l compress -d 'Accepted for compatibility: ctl talks to no daemon'
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l squash-all -d 'Squash all of the image\'s layers, the base image\'s too, into one'
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l no-hostname -d 'Do not write /etc/hostname in RUN steps'
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -l no-hosts -d 'Do not write /etc/hosts in RUN steps: keep the image\'s'
complete -c ctl -n "__fish_ctl_using_subcommand buildx; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand push" -l authfile -d 'Path of the authentication file (default: the one `ctl login` writes)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand push" -l compression-format -d 'Compression format to use (gzip, zstd, zstd:chunked)' -r
complete -c ctl -n "__fish_ctl_using_subcommand push" -l compression-level -d 'Compression level to use' -r
complete -c ctl -n "__fish_ctl_using_subcommand push" -l creds -d 'Credentials (USERNAME:PASSWORD) to use for authenticating to a registry' -r
complete -c ctl -n "__fish_ctl_using_subcommand push" -l digestfile -d 'Write the digest of the pushed image to the specified file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand push" -l force-compression -d 'Use the specified compression algorithm even if the destination contains a differently-compressed variant already' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand push" -s f -l format -d 'Manifest type (oci, v2s2) to use in the destination (default is oci)' -r
complete -c ctl -n "__fish_ctl_using_subcommand push" -l retry -d 'Number of times to retry a failed blob upload' -r
complete -c ctl -n "__fish_ctl_using_subcommand push" -l retry-delay -d 'Delay between retries (a Go duration; default 2s, doubling)' -r
complete -c ctl -n "__fish_ctl_using_subcommand push" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand push" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand push" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand push" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand push" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand push" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand push" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand push" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand push" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand push" -s q -l quiet -d 'Don\'t output progress information when pushing images'
complete -c ctl -n "__fish_ctl_using_subcommand push" -l remove-signatures -d 'Discard any pre-existing signatures in the image'
complete -c ctl -n "__fish_ctl_using_subcommand push" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand images" -s f -l filter -d 'Filter: dangling, reference, before, since (after), until, label, id, digest, containers, intermediate, readonly, manifest (KEY=VALUE or KEY!=VALUE)' -r
complete -c ctl -n "__fish_ctl_using_subcommand images" -l sort -d 'Sort by created (newest first), id, repository (then tag), size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c ctl -n "__fish_ctl_using_subcommand images" -l format -d 'json, or a Go template such as \'{{.ID}} {{.Repository}}\' (\'table ...\' adds a header)' -r
complete -c ctl -n "__fish_ctl_using_subcommand images" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand images" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand images" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand images" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand images" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand images" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand images" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand images" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand images" -s a -l all -d 'Show all images (default hides intermediate image layers)'
complete -c ctl -n "__fish_ctl_using_subcommand images" -s q -l quiet -d 'Print only image ids'
complete -c ctl -n "__fish_ctl_using_subcommand images" -s n -l noheading -d 'Do not print the header row'
complete -c ctl -n "__fish_ctl_using_subcommand images" -l no-trunc -d 'Do not truncate image ids'
complete -c ctl -n "__fish_ctl_using_subcommand images" -l digests -d 'Show digests'
complete -c ctl -n "__fish_ctl_using_subcommand images" -l history -d 'Show every name the image has had, the latest first'
complete -c ctl -n "__fish_ctl_using_subcommand images" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -f -a "build" -d 'Build an image using instructions from Containerfiles'
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -f -a "ls" -d 'List images'
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -f -a "pull" -d 'Pull an image from a registry'
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -f -a "push" -d 'Push an image to a registry'
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -f -a "inspect" -d 'Show details of images as JSON'
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -f -a "tag" -d 'Add names to an image'
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -f -a "untag" -d 'Remove names from an image (every name when none is given)'
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -f -a "rm" -d 'Remove images'
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -f -a "load" -d 'Load images from a docker-archive or oci-archive tarball'
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -f -a "save" -d 'Save image(s) to an archive'
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -f -a "history" -d 'Show history of a specified image'
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -f -a "import" -d 'Create an image from a root filesystem tarball'
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -f -a "exists" -d 'Exit 0 if an image exists, 1 if not'
complete -c ctl -n "__fish_ctl_using_subcommand image; and not __fish_seen_subcommand_from build ls pull push inspect tag untag rm load save history import exists prune" -f -a "prune" -d 'Remove unused images'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l annotation -d 'Add an annotation to the image (not kept: ctl stores no manifest for built images)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg -d 'ARG=value for the build (the value of ARG in the environment when only ARG is given)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l build-arg-file -d 'A file of ARG=value lines for the build' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -s f -l file -d 'The Containerfile to build (`-` reads it from stdin)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l force-rm -d 'Remove intermediate containers even when the build fails' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l format -d 'Format of the built image\'s manifest and metadata' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l iidfile -d 'Write the image id to the file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l label -d 'Set metadata for an image' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l layers -d 'Cache intermediate images during the build process' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l network -d 'Network mode for RUN steps (none, host, bridge, a network name)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l platform -d 'Set the OS/ARCH of the built image (this host\'s only)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l pull -d 'Pull image policy: always, missing, never, newer (alone: always)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l rm -d 'Remove intermediate containers after a successful build' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -s t -l tag -d 'Tagged name to apply to the built image' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l target -d 'Name of the build stage to build' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l arch -d 'Set the architecture of the built image (this host\'s only)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l authfile -d 'Credentials file for pulling base images (default: the one `ctl login` writes)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l cache-ttl -d 'Use cached steps only if made less than DURATION ago (0: no cache)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l created-annotation -d 'Accepted for annotations: ctl stores no manifest for a built image' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l creds -d 'Credentials (USERNAME[:PASSWORD]) for pulling base images' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -s D -l disable-compression -d 'Layers are stored uncompressed (the default, as podman\'s); false is accepted' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l env -d 'Set an environment variable in the built image (K=V, or K from this environment)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l from -d 'The image the first FROM names instead of its own' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l identity-label -d 'Label the image io.buildah.version: ctl adds no identity label (accepted)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l ignorefile -d 'The ignore file instead of the context\'s .containerignore or .dockerignore' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l inherit-annotations -d 'Accepted for annotations: ctl stores no manifest for a built image' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l inherit-labels -d 'Inherit the labels of the base image or base stages' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l isolation -d 'Isolation of RUN steps: oci (the only one ctl has)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l jobs -d 'Stages built at once: ctl builds them one after another (accepted)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l logfile -d 'Write the build\'s output to FILE instead of stdout and stderr' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l omit-history -d 'Leave the build history out of the built image' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l os -d 'Set the OS of the built image (linux only)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -s o -l output -d 'Also write the built image\'s files: type=local,dest=DIR, type=tar,dest=FILE, DIR, or -' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l skip-unused-stages -d 'Build every stage before the target, used or not (false)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l source-date-epoch -d 'The created time of the image, in seconds since the epoch (default: $SOURCE_DATE_EPOCH, else now)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l timestamp -d 'The created time of the image and of every file in its new layers, in seconds since the epoch' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l tls-verify -d 'Require HTTPS and verify certificates when pulling base images' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l unsetannotation -d 'Accepted for annotations: ctl stores no manifest for a built image' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l unsetenv -d 'Leave a variable out of the built image\'s environment' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l unsetlabel -d 'Leave a label out of the built image' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l variant -d 'Set the architecture variant of the built image (this host\'s only)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l add-host -d 'Add a line to /etc/hosts of RUN steps: NAME[;NAME...]:IP, or NAME:host-gateway' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-add -d 'Add a capability to RUN steps' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l cap-drop -d 'Drop a capability from RUN steps (or ALL)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroupns -d 'Cgroup namespace of RUN steps: host or private' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-period -d 'CFS period of RUN steps in microseconds' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l cpu-quota -d 'CFS quota of RUN steps: CPU time in microseconds per period' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -s c -l cpu-shares -d 'CPU shares of RUN steps (relative weight)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l cpuset-cpus -d 'CPUs RUN steps may run on (e.g. 0-2,4)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l cpuset-mems -d 'Memory nodes RUN steps may use' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l device -d 'Add a host device to RUN steps: HOST[:CTR][:PERMISSIONS]' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l dns -d 'DNS servers for /etc/resolv.conf of RUN steps (none: keep the image\'s file)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l dns-option -d 'Options for /etc/resolv.conf of RUN steps' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l dns-search -d 'DNS search domains of RUN steps' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l group-add -d 'Add a supplementary group to RUN steps' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l http-proxy -d 'Pass this environment\'s proxy variables into RUN steps' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l ipc -d 'IPC namespace of RUN steps: private, host, container:ID' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -s m -l memory -d 'Memory limit of RUN steps (e.g. 512m)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l memory-swap -d 'Memory plus swap limit of RUN steps (-1: unlimited swap)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l pid -d 'PID namespace of RUN steps: private, host, container:ID' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l security-opt -d 'Security options of RUN steps (no-new-privileges, seccomp=..., mask=..., unmask=...)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l shm-size -d 'Size of /dev/shm in RUN steps' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l ulimit -d 'Resource limit of RUN steps: NAME=SOFT[:HARD]' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l userns -d 'User namespace of RUN steps (host, auto, keep-id...)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l uts -d 'UTS namespace of RUN steps: private, host, container:ID' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -s v -l volume -d 'Bind a host path into RUN steps: /HOST:CTR[:OPTS] (not kept in the image)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l no-cache -d 'Do not use existing cached images for the container build'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -s q -l quiet -d 'Refrain from announcing build instructions and image read/write progress'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l squash -d 'Squash all of the image\'s new layers into a single new layer'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l compress -d 'Accepted for compatibility: ctl talks to no daemon'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l squash-all -d 'Squash all of the image\'s layers, the base image\'s too, into one'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l no-hostname -d 'Do not write /etc/hostname in RUN steps'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -l no-hosts -d 'Do not write /etc/hosts in RUN steps: keep the image\'s'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from build" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter: dangling, reference, before, since (after), until, label, id, digest, containers, intermediate, readonly, manifest (KEY=VALUE or KEY!=VALUE)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created (newest first), id, repository (then tag), size or tag' -r -f -a "created\t''
id\t''
repository\t''
size\t''
tag\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'json, or a Go template such as \'{{.ID}} {{.Repository}}\' (\'table ...\' adds a header)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images (default hides intermediate image layers)'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only image ids'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print the header row'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate image ids'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -l history -d 'Show every name the image has had, the latest first'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Pull for this platform instead of the host\'s (os/arch[/variant])' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates (false: plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Credentials file (default: the one `ctl login` writes)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from pull" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Print only the image id'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l authfile -d 'Path of the authentication file (default: the one `ctl login` writes)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-format -d 'Compression format to use (gzip, zstd, zstd:chunked)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l compression-level -d 'Compression level to use' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l creds -d 'Credentials (USERNAME:PASSWORD) to use for authenticating to a registry' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l digestfile -d 'Write the digest of the pushed image to the specified file' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l force-compression -d 'Use the specified compression algorithm even if the destination contains a differently-compressed variant already' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -s f -l format -d 'Manifest type (oci, v2s2) to use in the destination (default is oci)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l retry -d 'Number of times to retry a failed blob upload' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l retry-delay -d 'Delay between retries (a Go duration; default 2s, doubling)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -s q -l quiet -d 'Don\'t output progress information when pushing images'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -l remove-signatures -d 'Discard any pre-existing signatures in the image'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from push" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format each result with a template (e.g. \'{{.State.Status}}\')' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from tag" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from tag" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from tag" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from tag" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from tag" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from untag" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from untag" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from untag" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from untag" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from untag" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from untag" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from untag" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from untag" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from rm" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from rm" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from rm" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from rm" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from rm" -l no-prune -d 'Do not remove dangling parents (ctl\'s images have none)'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Remove even if containers use the image (removing them); succeed for images that do not exist'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Succeed for images that do not exist'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from load" -s i -l input -d 'Read the archive from FILE instead of stdin (a tar, plain or gzip/zstd compressed), or an oci-dir or docker-dir' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from load" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from load" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from load" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from load" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from load" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from load" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from load" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from load" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from load" -s q -l quiet -d 'Do not report layers as they are stored'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from load" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from save" -l format -d 'Save image to oci-archive, oci-dir (directory with oci manifest type), docker-archive, docker-dir (directory with v2s2 manifest type)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from save" -s o -l output -d 'Write to a specified file (default: stdout, which must be redirected)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from save" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from save" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from save" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from save" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from save" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from save" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from save" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from save" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from save" -l compress -d 'Compress tarball image layers when saving to a directory using the \'dir\' transport'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from save" -s m -l multi-image-archive -d 'Interpret additional arguments as images not tags and create a multi-image-archive (only for docker-archive)'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from save" -s q -l quiet -d 'Suppress the output'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from save" -l uncompressed -d 'Accept uncompressed layers when copying OCI images'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from save" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Change the output to JSON or a Go template' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Display sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from history" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from history" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from history" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from history" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from history" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Do not truncate the output'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Display the numeric IDs only'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from import" -s c -l change -d 'Apply a Dockerfile instruction to the image config (repeatable): CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME or WORKDIR' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from import" -s m -l message -d 'Comment recorded in the image\'s history' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from import" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from import" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from import" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from import" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from import" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from import" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from import" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from import" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Do not report progress'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from exists" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from exists" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from exists" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from exists" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (e.g. \'label=<key>=<value>\', \'until=10m\')' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all images not in use by containers, not just dangling ones'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l build-cache -d 'Remove persistent build cache created by --mount=type=cache (ctl builds nothing: there is none)'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from prune" -l external -d 'Remove images even when external containers use them (ctl has none)'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand inspect" -s f -l format -d 'json, or a Go template for each result (e.g. \'{{.State.Status}}\')' -r
complete -c ctl -n "__fish_ctl_using_subcommand inspect" -s t -l type -d 'What to inspect: container, image, volume, or all (in that order)' -r -f -a "all\t''
container\t''
image\t''
volume\t''"
complete -c ctl -n "__fish_ctl_using_subcommand inspect" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand inspect" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand inspect" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand inspect" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand inspect" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand inspect" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand inspect" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand inspect" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand inspect" -s l -l latest -d 'Inspect the container created last'
complete -c ctl -n "__fish_ctl_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand tag" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand tag" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand tag" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand tag" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand tag" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand tag" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand tag" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand tag" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand tag" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand untag" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand untag" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand untag" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand untag" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand untag" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand untag" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand untag" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand untag" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand untag" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand rmi" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand rmi" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand rmi" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand rmi" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand rmi" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand rmi" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand rmi" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand rmi" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand rmi" -s a -l all -d 'Remove all images'
complete -c ctl -n "__fish_ctl_using_subcommand rmi" -l no-prune -d 'Do not remove dangling parents (ctl\'s images have none)'
complete -c ctl -n "__fish_ctl_using_subcommand rmi" -s f -l force -d 'Remove even if containers use the image (removing them); succeed for images that do not exist'
complete -c ctl -n "__fish_ctl_using_subcommand rmi" -s i -l ignore -d 'Succeed for images that do not exist'
complete -c ctl -n "__fish_ctl_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand load" -s i -l input -d 'Read the archive from FILE instead of stdin (a tar, plain or gzip/zstd compressed), or an oci-dir or docker-dir' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand load" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand load" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand load" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand load" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand load" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand load" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand load" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand load" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand load" -s q -l quiet -d 'Do not report layers as they are stored'
complete -c ctl -n "__fish_ctl_using_subcommand load" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand save" -l format -d 'Save image to oci-archive, oci-dir (directory with oci manifest type), docker-archive, docker-dir (directory with v2s2 manifest type)' -r
complete -c ctl -n "__fish_ctl_using_subcommand save" -s o -l output -d 'Write to a specified file (default: stdout, which must be redirected)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand save" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand save" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand save" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand save" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand save" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand save" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand save" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand save" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand save" -l compress -d 'Compress tarball image layers when saving to a directory using the \'dir\' transport'
complete -c ctl -n "__fish_ctl_using_subcommand save" -s m -l multi-image-archive -d 'Interpret additional arguments as images not tags and create a multi-image-archive (only for docker-archive)'
complete -c ctl -n "__fish_ctl_using_subcommand save" -s q -l quiet -d 'Suppress the output'
complete -c ctl -n "__fish_ctl_using_subcommand save" -l uncompressed -d 'Accept uncompressed layers when copying OCI images'
complete -c ctl -n "__fish_ctl_using_subcommand save" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand history" -l format -d 'Change the output to JSON or a Go template' -r
complete -c ctl -n "__fish_ctl_using_subcommand history" -s H -l human -d 'Display sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand history" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand history" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand history" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand history" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand history" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand history" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand history" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand history" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand history" -l no-trunc -d 'Do not truncate the output'
complete -c ctl -n "__fish_ctl_using_subcommand history" -s q -l quiet -d 'Display the numeric IDs only'
complete -c ctl -n "__fish_ctl_using_subcommand history" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand import" -s c -l change -d 'Apply a Dockerfile instruction to the image config (repeatable): CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, STOPSIGNAL, USER, VOLUME or WORKDIR' -r
complete -c ctl -n "__fish_ctl_using_subcommand import" -s m -l message -d 'Comment recorded in the image\'s history' -r
complete -c ctl -n "__fish_ctl_using_subcommand import" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand import" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand import" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand import" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand import" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand import" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand import" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand import" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand import" -s q -l quiet -d 'Do not report progress'
complete -c ctl -n "__fish_ctl_using_subcommand import" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand login" -s u -l username -d 'User name' -r
complete -c ctl -n "__fish_ctl_using_subcommand login" -s p -l password -d 'Password (visible to other users of this machine; prefer --password-stdin)' -r
complete -c ctl -n "__fish_ctl_using_subcommand login" -l tls-verify -d 'Require HTTPS and verify certificates (false: plain HTTP)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand login" -l authfile -d 'Credentials file to write' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand login" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand login" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand login" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand login" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand login" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand login" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand login" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand login" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand login" -l password-stdin -d 'Read the password from standard input'
complete -c ctl -n "__fish_ctl_using_subcommand login" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand logout" -l authfile -d 'Credentials file to edit' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand logout" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand logout" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand logout" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand logout" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand logout" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand logout" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand logout" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand logout" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand logout" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -f -a "systemd" -d 'Print systemd units that run containers as services'
complete -c ctl -n "__fish_ctl_using_subcommand generate; and not __fish_seen_subcommand_from systemd kube" -f -a "kube" -d 'Generate Kubernetes YAML from containers, pods or volumes'
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l new -d 'Create the container when the unit starts and remove it when it stops (--new=false: start and stop the existing one)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s e -l env -d 'Set an environment variable in the unit: K=V, K (from this environment, if set) or PREFIX* (every variable of this environment that starts with PREFIX)' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-policy -d 'Restart= policy of the unit' -r -f -a "no\t''
on-success\t''
on-failure\t''
on-abnormal\t''
on-watchdog\t''
on-abort\t''
always\t''"
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l restart-sec -d 'RestartSec=: seconds before a restart' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s t -l stop-timeout -d 'Seconds to wait for the container to stop (default: its own stop timeout)' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l start-timeout -d 'TimeoutStartSec= of the unit, seconds (0: systemd\'s default)' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l container-prefix -d 'Unit name prefix for containers' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l pod-prefix -d 'Unit name prefix for pods' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l separator -d 'Separator between the prefix and the container\'s name or id in the unit\'s name' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l format -d 'Print the units as JSON (`json`): unit name to text, or to path with --files' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l after -d 'Add After=UNIT to [Unit]' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l wants -d 'Add Wants=UNIT to [Unit]' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l requires -d 'Add Requires=UNIT to [Unit]' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l from -d 'Generate from a Quadlet-style .container, .pod or .kube file ([Container] Image=, Exec=, ...; [Pod] PodName=, PublishPort=, ...; [Kube] Yaml=, ...)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l template -d 'A template unit (NAME@.service): each instance runs its own container, named with the instance (%i); implies --new'
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s n -l name -d 'Name the unit and its commands by the container\'s name instead of its id'
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s f -l files -d 'Write the units to files in the current directory and print their paths'
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -l no-header -d 'Leave out the header comment with ctl\'s version'
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from kube" -s f -l filename -d 'Write output to the specified path (refused if it exists)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from kube" -s t -l type -d 'Generate YAML for the given Kubernetes kind: pod, deployment, daemonset or job' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from kube" -s r -l replicas -d 'Set the replicas number for Deployment kind' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from kube" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from kube" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from kube" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from kube" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from kube" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from kube" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from kube" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from kube" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from kube" -s s -l service -d 'Generate YAML for a Kubernetes service object'
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from kube" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and not __fish_seen_subcommand_from run" -f -a "run" -d 'Run a container healthcheck'
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -l ignore-result -d 'Exit with code 0 regardless of healthcheck result or if the container is still in startup period'
complete -c ctl -n "__fish_ctl_using_subcommand healthcheck; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand info" -s f -l format -d 'json, or a Go template such as \'{{.Host.OCIRuntime.Name}}\' (default: YAML)' -r
complete -c ctl -n "__fish_ctl_using_subcommand info" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand info" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand info" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand info" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand info" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand info" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand info" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand info" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand info" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand system; and not __fish_seen_subcommand_from events info migrate prune df reset check" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and not __fish_seen_subcommand_from events info migrate prune df reset check" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and not __fish_seen_subcommand_from events info migrate prune df reset check" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and not __fish_seen_subcommand_from events info migrate prune df reset check" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and not __fish_seen_subcommand_from events info migrate prune df reset check" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and not __fish_seen_subcommand_from events info migrate prune df reset check" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and not __fish_seen_subcommand_from events info migrate prune df reset check" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and not __fish_seen_subcommand_from events info migrate prune df reset check" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and not __fish_seen_subcommand_from events info migrate prune df reset check" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand system; and not __fish_seen_subcommand_from events info migrate prune df reset check" -f -a "events" -d 'Show events: what happened to containers, images, volumes and networks'
complete -c ctl -n "__fish_ctl_using_subcommand system; and not __fish_seen_subcommand_from events info migrate prune df reset check" -f -a "info" -d 'Show what ctl runs with: rootless mode, id mappings, storage, runtime, cgroups, network'
complete -c ctl -n "__fish_ctl_using_subcommand system; and not __fish_seen_subcommand_from events info migrate prune df reset check" -f -a "migrate" -d 'Stop the rootless pause process (and running containers) so the next command maps the user namespace from today\'s /etc/subuid and /etc/subgid'
complete -c ctl -n "__fish_ctl_using_subcommand system; and not __fish_seen_subcommand_from events info migrate prune df reset check" -f -a "prune" -d 'Remove unused data: stopped containers, networks no container uses, dangling (or unused) images, unused volumes'
complete -c ctl -n "__fish_ctl_using_subcommand system; and not __fish_seen_subcommand_from events info migrate prune df reset check" -f -a "df" -d 'Show disk usage of images, containers and volumes'
complete -c ctl -n "__fish_ctl_using_subcommand system; and not __fish_seen_subcommand_from events info migrate prune df reset check" -f -a "reset" -d 'Remove every container, image, volume and network, and the store\'s files'
complete -c ctl -n "__fish_ctl_using_subcommand system; and not __fish_seen_subcommand_from events info migrate prune df reset check" -f -a "check" -d 'Check the store\'s consistency (and repair it)'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from events" -s f -l filter -d 'Show only the events that match: container=, event=, image=, pod=, volume=, type=, label= (KEY=VALUE; repeat a key for either value)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from events" -l format -d 'json (JSON Lines), or a Go template for each event (e.g. \'{{.Status}} {{.Name}}\')' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from events" -l stream -d 'Keep waiting for new events (false: stop after the last one recorded)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from events" -l since -d 'Show the events since this time (RFC 3339, unix seconds, or a duration such as 10m)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from events" -l until -d 'Show the events until this time; with --stream, wait until then' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from events" -l no-trunc -d 'Show whole ids (false: 12 characters)' -r -f -a "true\t''
false\t''"
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from events" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from events" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from events" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from events" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from events" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from events" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from events" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from events" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from events" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from info" -s f -l format -d 'json, or a Go template such as \'{{.Host.OCIRuntime.Name}}\' (default: YAML)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from info" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from info" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from info" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from info" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from info" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from info" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from info" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from info" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from info" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from migrate" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from migrate" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from migrate" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from migrate" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from migrate" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from migrate" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from migrate" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from migrate" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (label=, label!=, until=)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from prune" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from prune" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from prune" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from prune" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from prune" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from prune" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all unused images, not only dangling ones'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from prune" -l build -d 'Remove build containers (ctl builds nothing: there are none)'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from prune" -l external -d 'Remove what killed commands left beside the records (network state of containers that are gone, staging directories) and nothing else'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from prune" -l volumes -d 'Prune volumes no container uses too'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from df" -l format -d 'json, or a Go template over each line such as \'{{.Type}}\\t{{.Size}}\'' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from df" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from df" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from df" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from df" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from df" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from df" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from df" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from df" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from df" -s v -l verbose -d 'Show detailed information on disk usage'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from df" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from reset" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from reset" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from reset" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from reset" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from reset" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from reset" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from reset" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from reset" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from reset" -s f -l force -d 'Do not prompt for confirmation'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from check" -s m -l max -d 'Maximum allowed age of unreferenced layers (Go duration: 30m, 1h, 24h)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from check" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from check" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from check" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from check" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from check" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from check" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from check" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from check" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from check" -s q -l quick -d 'Skip time-consuming checks (each image\'s config against its id)'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from check" -s r -l repair -d 'Remove inconsistent images (and layers, records, temporary files)'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from check" -s f -l force -d 'Remove inconsistent images and the stopped containers that use them'
complete -c ctl -n "__fish_ctl_using_subcommand system; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand unshare" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand unshare" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand unshare" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand unshare" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand unshare" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand unshare" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand unshare" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand unshare" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand unshare" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand version" -s f -l format -d 'json, or a Go template such as \'{{.Client.Version}}\'' -r
complete -c ctl -n "__fish_ctl_using_subcommand version" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand version" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand version" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand version" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand version" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand version" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand version" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand version" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand version" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand completion" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand completion" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand completion" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand completion" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand completion" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand completion" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand completion" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand completion" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand completion" -s h -l help -d 'Print help'
complete -c ctl -n "__fish_ctl_using_subcommand __complete" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand __complete" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand __complete" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand __complete" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand __complete" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand __complete" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand __complete" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand __complete" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand __complete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c ctl -n "__fish_ctl_using_subcommand __generate-docs" -l root -d 'Image and container store directory' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand __generate-docs" -l runroot -d 'Run state directory (cleared at boot)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand __generate-docs" -l runtime -d 'OCI runtime: a name (runc, crun, youki) or a path' -r
complete -c ctl -n "__fish_ctl_using_subcommand __generate-docs" -l log-level -d 'Log messages at or above this level to stderr: trace, debug, info, warn (warning), error (fatal, panic)' -r
complete -c ctl -n "__fish_ctl_using_subcommand __generate-docs" -l config -d 'Config file (default /etc/ctl/ctl.toml, or ~/.config/ctl/ctl.toml rootless)' -r -F
complete -c ctl -n "__fish_ctl_using_subcommand __generate-docs" -l events-backend -d 'Where events are recorded: file (the default), journald (kept in the file too) or none' -r
complete -c ctl -n "__fish_ctl_using_subcommand __generate-docs" -l cgroup-manager -d 'Cgroup manager: cgroupfs, the one ctl uses (systemd is refused)' -r
complete -c ctl -n "__fish_ctl_using_subcommand __generate-docs" -l runtime-flag -d 'A global option for the OCI runtime (refused: ctl passes none)' -r
complete -c ctl -n "__fish_ctl_using_subcommand __generate-docs" -s h -l help -d 'Print help'

# Names that exist only at run time, from `ctl __complete KIND PREFIX`.
complete -c ctl -n "__fish_ctl_using_subcommand stop" -f -a "(ctl __complete running (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand kill" -f -a "(ctl __complete running (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand start" -f -a "(ctl __complete containers (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand restart" -f -a "(ctl __complete containers (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand rm" -f -a "(ctl __complete containers (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand wait" -f -a "(ctl __complete containers (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand logs" -f -a "(ctl __complete containers (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand inspect" -f -a "(ctl __complete containers (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand inspect" -f -a "(ctl __complete images (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from stop" -f -a "(ctl __complete running (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from kill" -f -a "(ctl __complete running (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from start" -f -a "(ctl __complete containers (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from restart" -f -a "(ctl __complete containers (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from rm" -f -a "(ctl __complete containers (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from wait" -f -a "(ctl __complete containers (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from logs" -f -a "(ctl __complete containers (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from inspect" -f -a "(ctl __complete containers (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand rmi" -f -a "(ctl __complete images (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from rm" -f -a "(ctl __complete images (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand image; and __fish_seen_subcommand_from inspect" -f -a "(ctl __complete images (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand generate; and __fish_seen_subcommand_from systemd" -f -a "(ctl __complete containers (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from rm" -f -a "(ctl __complete networks (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand network; and __fish_seen_subcommand_from inspect" -f -a "(ctl __complete networks (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand kill" -s s -l signal -x -a "(ctl __complete signals (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -x -a "(ctl __complete signals (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand run" -l stop-signal -x -a "(ctl __complete signals (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand create" -l stop-signal -x -a "(ctl __complete signals (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -x -a "(ctl __complete signals (commandline -ct))"
complete -c ctl -n "__fish_ctl_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -x -a "(ctl __complete signals (commandline -ct))"
