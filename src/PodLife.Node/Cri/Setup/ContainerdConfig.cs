namespace PodLife.Node.Cri.Setup;

/// <summary>
/// containerd's configuration for a PodLife node, all under one directory: root, state and socket; the CRI plugin
/// with the local sandbox image, runc with cgroupfs, CNI (bridge + host-local) and registry mirrors so that
/// <c>docker.io</c> and <c>registry.k8s.io</c> names resolve to the local registry. See notes/cri-setup.md.
/// </summary>
public sealed record ContainerdConfig(string Directory, string Registry)
{
    /// <summary>The node's bridge; PodLife's own name, so that clean-up never touches another tool's cni0.</summary>
    public string Bridge { get; init; } = "podlife0";

    /// <summary>The pod subnet the bridge hands addresses from.</summary>
    public string Subnet { get; init; } = "10.88.0.0/16";

    public string Socket => Path.Combine(Directory, "containerd.sock");
    public string ConfigFile => Path.Combine(Directory, "containerd.toml");
    string CniConfDirectory => Path.Combine(Directory, "cni", "net.d");
    string HostsDirectory => Path.Combine(Directory, "certs.d");

    /// <summary>Writes containerd.toml, the CNI network and the registry host files.</summary>
    public void Write()
    {
        System.IO.Directory.CreateDirectory(CniConfDirectory);
        File.WriteAllText(ConfigFile, $$"""
            version = 2
            root = "{{Path.Combine(Directory, "root")}}"
            state = "{{Path.Combine(Directory, "state")}}"
            [grpc]
              address = "{{Socket}}"
            [ttrpc]
              address = "{{Socket}}.ttrpc"
            [plugins."io.containerd.internal.v1.opt"]
              path = "{{Path.Combine(Directory, "opt")}}"
            [plugins."io.containerd.grpc.v1.cri"]
              sandbox_image = "{{LocalImages.Pause}}"
              # Root here lacks CAP_SYS_RESOURCE: without this every sandbox fails to lower its oom_score_adj.
              restrict_oom_score_adj = true
              stream_server_address = "127.0.0.1"
              stream_server_port = "0"
              [plugins."io.containerd.grpc.v1.cri".containerd]
                snapshotter = "overlayfs"
                default_runtime_name = "runc"
                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                  runtime_type = "io.containerd.runc.v2"
                  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                    SystemdCgroup = false
              [plugins."io.containerd.grpc.v1.cri".cni]
                bin_dir = "/usr/lib/cni"
                conf_dir = "{{CniConfDirectory}}"
                max_conf_num = 1
              [plugins."io.containerd.grpc.v1.cri".registry]
                config_path = "{{HostsDirectory}}"
            """);
        // ipMasq off: pods talk only to this node, and no NAT rules are left to clean up.
        File.WriteAllText(Path.Combine(CniConfDirectory, "10-podlife.conflist"), $$$"""
            {"cniVersion": "1.0.0", "name": "podlife", "plugins": [
              {"type": "bridge", "bridge": "{{{Bridge}}}", "isGateway": true, "ipMasq": false, "hairpinMode": true,
               "ipam": {"type": "host-local", "ranges": [[{"subnet": "{{{Subnet}}}"}]], "routes": [{"dst": "0.0.0.0/0"}],
                        "dataDir": "{{{Path.Combine(Directory, "cni", "ipam")}}}"}}]}
            """);
        foreach (var host in new[] { "docker.io", "registry.k8s.io", Registry })
        {
            var dir = Path.Combine(HostsDirectory, host);
            System.IO.Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "hosts.toml"), $$"""
                server = "http://{{Registry}}"
                [host."http://{{Registry}}"]
                  capabilities = ["pull", "resolve"]
                  skip_verify = true
                """);
        }
    }
}
