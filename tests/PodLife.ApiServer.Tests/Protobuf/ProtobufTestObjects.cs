using static PodLife.ApiServer.Tests.Protobuf.ProtoBuilder;

namespace PodLife.ApiServer.Tests.Protobuf;

/// <summary>
/// Full objects twice: as JSON and as the protobuf a typed Go client would send for them (field numbers from
/// k8s.io/api generated.proto), so a test can send both and compare what the server stored.
/// </summary>
public static class ProtobufTestObjects
{
    static ProtoBuilder P() => new();

    static ProtoBuilder Ref(string name) => P().Str(1, name);

    static ProtoBuilder Volume(string name, int source, ProtoBuilder fields) => P().Str(1, name).Msg(2, P().Msg(source, fields));

    static readonly DateTimeOffset T0 = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Every volume source, all three kinds of affinity and most other pod fields (those kubectl 1.32 knows).</summary>
    public const string PodSpecJson = """
        {"volumes":[
         {"name":"host","hostPath":{"path":"/var/log","type":"Directory"}},
         {"name":"scratch","emptyDir":{"medium":"Memory","sizeLimit":"64Mi"}},
         {"name":"gce","gcePersistentDisk":{"pdName":"pd1","fsType":"ext4","partition":1,"readOnly":true}},
         {"name":"aws","awsElasticBlockStore":{"volumeID":"vol-1","fsType":"ext4","partition":2,"readOnly":true}},
         {"name":"git","gitRepo":{"repository":"https://example.com/r.git","revision":"abc","directory":"."}},
         {"name":"secret","secret":{"secretName":"s1","items":[{"key":"k","path":"p","mode":256}],"defaultMode":420,"optional":false}},
         {"name":"nfs","nfs":{"server":"nfs.example.com","path":"/exports","readOnly":true}},
         {"name":"iscsi","iscsi":{"targetPortal":"10.0.0.1:3260","iqn":"iqn.2001-04.com.example:storage","lun":0,"iscsiInterface":"default",
          "fsType":"ext4","readOnly":true,"portals":["10.0.0.2:3260"],"chapAuthDiscovery":true,"chapAuthSession":true,"secretRef":{"name":"chap"},
          "initiatorName":"iqn.1996-04.de.suse:01:abc"}},
         {"name":"gluster","glusterfs":{"endpoints":"glusterfs-cluster","path":"kube_vol","readOnly":true}},
         {"name":"claim","persistentVolumeClaim":{"claimName":"data","readOnly":true}},
         {"name":"rbd","rbd":{"monitors":["10.16.154.78:6789"],"image":"foo","fsType":"ext4","pool":"kube","user":"admin","keyring":"/etc/ceph/keyring",
          "secretRef":{"name":"ceph"},"readOnly":true}},
         {"name":"flex","flexVolume":{"driver":"example/lvm","fsType":"ext4","secretRef":{"name":"flex"},"readOnly":true,"options":{"size":"1G"}}},
         {"name":"cinder","cinder":{"volumeID":"c1","fsType":"ext4","readOnly":true,"secretRef":{"name":"os"}}},
         {"name":"cephfs","cephfs":{"monitors":["10.16.154.78:6789"],"path":"/","user":"admin","secretFile":"/etc/ceph/user.secret","secretRef":{"name":"ceph"},
          "readOnly":true}},
         {"name":"flocker","flocker":{"datasetName":"ds","datasetUUID":"uuid-1"}},
         {"name":"downward","downwardAPI":{"items":[{"path":"labels","fieldRef":{"apiVersion":"v1","fieldPath":"metadata.labels"}},
          {"path":"cpu","resourceFieldRef":{"containerName":"app","resource":"limits.cpu","divisor":"1m"},"mode":292}],"defaultMode":420}},
         {"name":"fc","fc":{"targetWWNs":["500a0982991b8dc5"],"lun":2,"fsType":"ext4","readOnly":true}},
         {"name":"azurefile","azureFile":{"secretName":"az","shareName":"share","readOnly":true}},
         {"name":"config","configMap":{"name":"cm1","items":[{"key":"a","path":"a.txt"}],"defaultMode":511,"optional":true}},
         {"name":"vsphere","vsphereVolume":{"volumePath":"[datastore1] volumes/myDisk","fsType":"ext4","storagePolicyName":"gold","storagePolicyID":"p1"}},
         {"name":"quobyte","quobyte":{"registry":"registry:7861","volume":"testVolume","readOnly":true,"user":"root","group":"root","tenant":"t1"}},
         {"name":"azuredisk","azureDisk":{"diskName":"d1","diskURI":"https://example/d1.vhd","cachingMode":"ReadOnly","fsType":"ext4","readOnly":false,
          "kind":"Managed"}},
         {"name":"photon","photonPersistentDisk":{"pdID":"pd-1","fsType":"ext4"}},
         {"name":"portworx","portworxVolume":{"volumeID":"px1","fsType":"ext4","readOnly":true}},
         {"name":"scaleio","scaleIO":{"gateway":"https://localhost:443/api","system":"scaleio","secretRef":{"name":"sio"},"sslEnabled":true,
          "protectionDomain":"pd","storagePool":"sp","storageMode":"ThinProvisioned","volumeName":"vol-0","fsType":"xfs","readOnly":true}},
         {"name":"projected","projected":{"sources":[{"secret":{"name":"s1","items":[{"key":"k","path":"s/k"}],"optional":true}},
          {"downwardAPI":{"items":[{"path":"name","fieldRef":{"fieldPath":"metadata.name"}}]}},{"configMap":{"name":"cm1","optional":false}},
          {"serviceAccountToken":{"audience":"vault","expirationSeconds":3600,"path":"token"}},
          {"clusterTrustBundle":{"signerName":"example.com/signer","labelSelector":{"matchLabels":{"a":"b"}},"optional":true,"path":"ca.pem"}}],
          "defaultMode":420}},
         {"name":"storageos","storageos":{"volumeName":"v","volumeNamespace":"ns","fsType":"ext4","readOnly":true,"secretRef":{"name":"sos"}}},
         {"name":"csi","csi":{"driver":"inline.storage.kubernetes.io","readOnly":true,"fsType":"ext4","volumeAttributes":{"foo":"bar"},
          "nodePublishSecretRef":{"name":"csi"}}},
         {"name":"eph","ephemeral":{"volumeClaimTemplate":{"metadata":{"labels":{"type":"scratch"}},"spec":{"accessModes":["ReadWriteOnce"],
          "selector":{"matchExpressions":[{"key":"tier","operator":"In","values":["fast"]}]},"resources":{"limits":{"storage":"2Gi"},
          "requests":{"storage":"1Gi"}},"storageClassName":"fast","volumeMode":"Filesystem",
          "dataSource":{"apiGroup":"snapshot.storage.k8s.io","kind":"VolumeSnapshot","name":"snap"},
          "dataSourceRef":{"apiGroup":"snapshot.storage.k8s.io","kind":"VolumeSnapshot","name":"snap"},"volumeAttributesClassName":"gold"}}}},
         {"name":"image","image":{"reference":"quay.io/crio/artifact:v2","pullPolicy":"IfNotPresent"}}],
        "initContainers":[{"name":"sidecar","image":"busybox:1.36","resources":{},"restartPolicy":"Always"}],
        "containers":[{"name":"app","image":"busybox:1.36","command":["sh","-c","sleep 3600"],
         "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],
         "env":[{"name":"NODE","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"spec.nodeName"}}}],
         "resources":{"limits":{"cpu":"500m","memory":"128Mi"},"requests":{"cpu":"250m","memory":"64Mi"}},
         "resizePolicy":[{"resourceName":"cpu","restartPolicy":"NotRequired"}],
         "volumeMounts":[{"name":"scratch","mountPath":"/scratch"},{"name":"config","readOnly":true,"mountPath":"/etc/config","subPath":"a.txt"}],
         "volumeDevices":[{"name":"claim","devicePath":"/dev/xvda"}],
         "startupProbe":{"grpc":{"port":9090,"service":"health"},"periodSeconds":10,"failureThreshold":30},
         "lifecycle":{"preStop":{"sleep":{"seconds":5}}},"terminationMessagePolicy":"FallbackToLogsOnError",
         "securityContext":{"capabilities":{"add":["NET_ADMIN"],"drop":["ALL"]},"runAsUser":1000,"runAsNonRoot":true,"readOnlyRootFilesystem":true,
          "allowPrivilegeEscalation":false,"seccompProfile":{"type":"RuntimeDefault"}}}],
        "restartPolicy":"Always","terminationGracePeriodSeconds":0,"dnsPolicy":"None","nodeSelector":{"kubernetes.io/os":"linux"},
        "automountServiceAccountToken":false,"shareProcessNamespace":true,
        "securityContext":{"runAsGroup":3000,"supplementalGroups":[1000,2000],"fsGroup":2000,
         "sysctls":[{"name":"net.ipv4.ip_local_port_range","value":"1024 65535"}],"fsGroupChangePolicy":"OnRootMismatch"},
        "hostname":"web-0","subdomain":"web",
        "affinity":{
         "nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{
           "matchExpressions":[{"key":"kubernetes.io/os","operator":"In","values":["linux"]}],
           "matchFields":[{"key":"metadata.name","operator":"NotIn","values":["n9"]}]}]},
          "preferredDuringSchedulingIgnoredDuringExecution":[{"weight":1,"preference":{"matchExpressions":[{"key":"zone","operator":"Exists"}]}}]},
         "podAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchLabels":{"app":"cache"}},"namespaces":["default"],
           "topologyKey":"kubernetes.io/hostname","namespaceSelector":{}}],
          "preferredDuringSchedulingIgnoredDuringExecution":[{"weight":50,"podAffinityTerm":{
           "labelSelector":{"matchExpressions":[{"key":"app","operator":"In","values":["db"]}]},"topologyKey":"zone"}}]},
         "podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":[{"labelSelector":{"matchLabels":{"app":"web"}},
           "topologyKey":"kubernetes.io/hostname"}],
          "preferredDuringSchedulingIgnoredDuringExecution":[{"weight":100,"podAffinityTerm":{"labelSelector":{"matchLabels":{"app":"web"}},
           "topologyKey":"zone"}}]}},
        "schedulerName":"default-scheduler",
        "tolerations":[{"key":"dedicated","operator":"Equal","value":"gpu","effect":"NoSchedule"}],
        "hostAliases":[{"ip":"127.0.0.1","hostnames":["foo.local"]}],
        "dnsConfig":{"nameservers":["1.1.1.1"],"searches":["svc.cluster.local"],"options":[{"name":"ndots","value":"2"},{"name":"edns0"}]},
        "readinessGates":[{"conditionType":"example.com/ready"}],"enableServiceLinks":false,
        "topologySpreadConstraints":[{"maxSkew":1,"topologyKey":"zone","whenUnsatisfiable":"DoNotSchedule","labelSelector":{"matchLabels":{"app":"web"}},
         "minDomains":2,"nodeAffinityPolicy":"Honor","nodeTaintsPolicy":"Ignore"}],
        "os":{"name":"linux"},"schedulingGates":[{"name":"example.com/gate"}]}
        """;

    static ProtoBuilder[] Volumes() =>
    [
        Volume("host", 1, P().Str(1, "/var/log").Str(2, "Directory")),
        Volume("scratch", 2, P().Str(1, "Memory").Msg(2, Q("64Mi"))),
        Volume("gce", 3, P().Str(1, "pd1").Str(2, "ext4").Int(3, 1).Bool(4, true)),
        Volume("aws", 4, P().Str(1, "vol-1").Str(2, "ext4").Int(3, 2).Bool(4, true)),
        Volume("git", 5, P().Str(1, "https://example.com/r.git").Str(2, "abc").Str(3, ".")),
        Volume("secret", 6, P().Str(1, "s1").Msg(2, P().Str(1, "k").Str(2, "p").Int(3, 256)).Int(3, 420).Bool(4, false)),
        Volume("nfs", 7, P().Str(1, "nfs.example.com").Str(2, "/exports").Bool(3, true)),
        Volume("iscsi", 8, P().Str(1, "10.0.0.1:3260").Str(2, "iqn.2001-04.com.example:storage").Int(3, 0).Str(4, "default").Str(5, "ext4")
            .Bool(6, true).Str(7, "10.0.0.2:3260").Bool(8, true).Bool(11, true).Msg(10, Ref("chap")).Str(12, "iqn.1996-04.de.suse:01:abc")),
        Volume("gluster", 9, P().Str(1, "glusterfs-cluster").Str(2, "kube_vol").Bool(3, true)),
        Volume("claim", 10, P().Str(1, "data").Bool(2, true)),
        Volume("rbd", 11, P().Str(1, "10.16.154.78:6789").Str(2, "foo").Str(3, "ext4").Str(4, "kube").Str(5, "admin").Str(6, "/etc/ceph/keyring")
            .Msg(7, Ref("ceph")).Bool(8, true)),
        Volume("flex", 12, P().Str(1, "example/lvm").Str(2, "ext4").Msg(3, Ref("flex")).Bool(4, true).Entry(5, "size", "1G")),
        Volume("cinder", 13, P().Str(1, "c1").Str(2, "ext4").Bool(3, true).Msg(4, Ref("os"))),
        Volume("cephfs", 14, P().Str(1, "10.16.154.78:6789").Str(2, "/").Str(3, "admin").Str(4, "/etc/ceph/user.secret").Msg(5, Ref("ceph")).Bool(6, true)),
        Volume("flocker", 15, P().Str(1, "ds").Str(2, "uuid-1")),
        Volume("downward", 16, P()
            .Msg(1, P().Str(1, "labels").Msg(2, P().Str(1, "v1").Str(2, "metadata.labels")))
            .Msg(1, P().Str(1, "cpu").Msg(3, P().Str(1, "app").Str(2, "limits.cpu").Msg(3, Q("1m"))).Int(4, 292))
            .Int(2, 420)),
        Volume("fc", 17, P().Str(1, "500a0982991b8dc5").Int(2, 2).Str(3, "ext4").Bool(4, true)),
        Volume("azurefile", 18, P().Str(1, "az").Str(2, "share").Bool(3, true)),
        Volume("config", 19, P().Msg(1, Ref("cm1")).Msg(2, P().Str(1, "a").Str(2, "a.txt")).Int(3, 511).Bool(4, true)),
        Volume("vsphere", 20, P().Str(1, "[datastore1] volumes/myDisk").Str(2, "ext4").Str(3, "gold").Str(4, "p1")),
        Volume("quobyte", 21, P().Str(1, "registry:7861").Str(2, "testVolume").Bool(3, true).Str(4, "root").Str(5, "root").Str(6, "t1")),
        Volume("azuredisk", 22, P().Str(1, "d1").Str(2, "https://example/d1.vhd").Str(3, "ReadOnly").Str(4, "ext4").Bool(5, false).Str(6, "Managed")),
        Volume("photon", 23, P().Str(1, "pd-1").Str(2, "ext4")),
        Volume("portworx", 24, P().Str(1, "px1").Str(2, "ext4").Bool(3, true)),
        Volume("scaleio", 25, P().Str(1, "https://localhost:443/api").Str(2, "scaleio").Msg(3, Ref("sio")).Bool(4, true).Str(5, "pd").Str(6, "sp")
            .Str(7, "ThinProvisioned").Str(8, "vol-0").Str(9, "xfs").Bool(10, true)),
        Volume("projected", 26, P()
            .Msg(1, P().Msg(1, P().Msg(1, Ref("s1")).Msg(2, P().Str(1, "k").Str(2, "s/k")).Bool(4, true)))
            .Msg(1, P().Msg(2, P().Msg(1, P().Str(1, "name").Msg(2, P().Str(2, "metadata.name")))))
            .Msg(1, P().Msg(3, P().Msg(1, Ref("cm1")).Bool(4, false)))
            .Msg(1, P().Msg(4, P().Str(1, "vault").Int(2, 3600).Str(3, "token")))
            .Msg(1, P().Msg(5, P().Str(2, "example.com/signer").Msg(3, P().Entry(1, "a", "b")).Bool(5, true).Str(4, "ca.pem")))
            .Int(2, 420)),
        Volume("storageos", 27, P().Str(1, "v").Str(2, "ns").Str(3, "ext4").Bool(4, true).Msg(5, Ref("sos"))),
        Volume("csi", 28, P().Str(1, "inline.storage.kubernetes.io").Bool(2, true).Str(3, "ext4").Entry(4, "foo", "bar").Msg(5, Ref("csi"))),
        Volume("eph", 29, P().Msg(1, P()
            .Msg(1, P().Entry(11, "type", "scratch"))
            .Msg(2, P().Str(1, "ReadWriteOnce").Msg(4, P().Msg(2, P().Str(1, "tier").Str(2, "In").Str(3, "fast")))
                .Msg(2, P().Quantity(1, "storage", "2Gi").Quantity(2, "storage", "1Gi")).Str(5, "fast").Str(6, "Filesystem")
                .Msg(7, P().Str(1, "snapshot.storage.k8s.io").Str(2, "VolumeSnapshot").Str(3, "snap"))
                .Msg(8, P().Str(1, "snapshot.storage.k8s.io").Str(2, "VolumeSnapshot").Str(3, "snap")).Str(9, "gold")))),
        Volume("image", 30, P().Str(1, "quay.io/crio/artifact:v2").Str(2, "IfNotPresent")),
    ];

    // As gogo-protobuf writes them, non-pointer fields are on the wire even when empty (workingDir, stdin, hostPort...).
    static ProtoBuilder Container() => P()
        .Str(1, "app").Str(2, "busybox:1.36").Strs(3, "sh", "-c", "sleep 3600").Str(5, "")
        .Msg(6, P().Str(1, "http").Int(2, 0).Int(3, 8080).Str(4, "TCP").Str(5, ""))
        .Msg(7, P().Str(1, "NODE").Str(2, "").Msg(3, P().Msg(1, P().Str(1, "v1").Str(2, "spec.nodeName"))))
        .Msg(8, P().Quantity(1, "cpu", "500m").Quantity(1, "memory", "128Mi").Quantity(2, "cpu", "250m").Quantity(2, "memory", "64Mi"))
        .Msg(23, P().Str(1, "cpu").Str(2, "NotRequired"))
        .Msg(9, P().Str(1, "scratch").Bool(2, false).Str(3, "/scratch").Str(4, ""))
        .Msg(9, P().Str(1, "config").Bool(2, true).Str(3, "/etc/config").Str(4, "a.txt"))
        .Msg(21, P().Str(1, "claim").Str(2, "/dev/xvda"))
        .Msg(22, P().Msg(1, P().Msg(4, P().Int(1, 9090).Str(2, "health"))).Int(2, 0).Int(3, 0).Int(4, 10).Int(5, 0).Int(6, 30))
        .Msg(12, P().Msg(2, P().Msg(4, P().Int(1, 5))))
        .Str(13, "").Str(20, "FallbackToLogsOnError").Str(14, "")
        .Msg(15, P().Msg(1, P().Strs(1, "NET_ADMIN").Strs(2, "ALL")).Int(4, 1000).Bool(5, true).Bool(6, true).Bool(7, false)
            .Msg(11, P().Str(1, "RuntimeDefault")))
        .Bool(16, false).Bool(17, false).Bool(18, false);

    static ProtoBuilder Selector(string key, string value) => P().Entry(1, key, value);

    static ProtoBuilder Affinity() => P()
        .Msg(1, P()
            .Msg(1, P().Msg(1, P()
                .Msg(1, P().Str(1, "kubernetes.io/os").Str(2, "In").Str(3, "linux"))
                .Msg(2, P().Str(1, "metadata.name").Str(2, "NotIn").Str(3, "n9"))))
            .Msg(2, P().Int(1, 1).Msg(2, P().Msg(1, P().Str(1, "zone").Str(2, "Exists")))))
        .Msg(2, P()
            .Msg(1, P().Msg(1, Selector("app", "cache")).Str(2, "default").Str(3, "kubernetes.io/hostname").Msg(4))
            .Msg(2, P().Int(1, 50).Msg(2, P().Msg(1, P().Msg(2, P().Str(1, "app").Str(2, "In").Str(3, "db"))).Str(3, "zone"))))
        .Msg(3, P()
            .Msg(1, P().Msg(1, Selector("app", "web")).Str(3, "kubernetes.io/hostname"))
            .Msg(2, P().Int(1, 100).Msg(2, P().Msg(1, Selector("app", "web")).Str(3, "zone"))));

    /// <summary><see cref="PodSpecJson"/> as a Go client encodes it.</summary>
    public static ProtoBuilder PodSpec()
    {
        var spec = P();
        foreach (var volume in Volumes()) spec.Msg(1, volume);
        return spec
            .Msg(20, P().Str(1, "sidecar").Str(2, "busybox:1.36").Msg(8).Str(24, "Always"))
            .Msg(2, Container())
            .Str(3, "Always").Int(4, 0).Str(6, "None").Entry(7, "kubernetes.io/os", "linux").Str(8, "").Str(9, "").Bool(21, false).Str(10, "")
            .Bool(11, false).Bool(12, false).Bool(13, false).Bool(27, true)
            .Msg(14, P().Int(6, 3000).Int(4, 1000).Int(4, 2000).Int(5, 2000).Msg(7, P().Str(1, "net.ipv4.ip_local_port_range").Str(2, "1024 65535"))
                .Str(9, "OnRootMismatch"))
            .Str(16, "web-0").Str(17, "web").Msg(18, Affinity()).Str(19, "default-scheduler")
            .Msg(22, P().Str(1, "dedicated").Str(2, "Equal").Str(3, "gpu").Str(4, "NoSchedule"))
            .Msg(23, P().Str(1, "127.0.0.1").Str(2, "foo.local")).Str(24, "")
            .Msg(26, P().Str(1, "1.1.1.1").Str(2, "svc.cluster.local").Msg(3, P().Str(1, "ndots").Str(2, "2")).Msg(3, P().Str(1, "edns0")))
            .Msg(28, P().Str(1, "example.com/ready")).Bool(30, false)
            .Msg(33, P().Int(1, 1).Str(2, "zone").Str(3, "DoNotSchedule").Msg(4, Selector("app", "web")).Int(5, 2).Str(6, "Honor").Str(7, "Ignore"))
            .Msg(36, P().Str(1, "linux")).Msg(38, P().Str(1, "example.com/gate"));
    }

    public static ProtoBuilder Pod(string name) => P().Msg(1, P().Str(1, name).Str(3, "default").Entry(11, "app", "web")).Msg(2, PodSpec()).Msg(3);

    public static string PodJson(string name) =>
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}","namespace":"default","labels":{"app":"web"}},"spec":""" + PodSpecJson + "}";

    /// <summary>A node as a kubelet registers it, with every spec and status field.</summary>
    public static string NodeJson(string name) => $$$"""
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"{{{name}}}","labels":{"topology.kubernetes.io/zone":"z1"},"annotations":{"node.alpha.kubernetes.io/ttl":"0"}},
         "spec":{"podCIDR":"10.244.1.0/24","podCIDRs":["10.244.1.0/24","fd00:10:244:1::/64"],"providerID":"kind://docker/n1","unschedulable":true,
          "taints":[{"key":"dedicated","value":"gpu","effect":"NoSchedule"},
           {"key":"node.kubernetes.io/unschedulable","effect":"NoSchedule","timeAdded":"2026-11-01T12:00:00Z"}],"externalID":"ext-1"},
         "status":{"capacity":{"cpu":"4","ephemeral-storage":"100Gi","memory":"8Gi","pods":"110"},"allocatable":{"cpu":"3800m","memory":"7Gi","pods":"110"},
          "conditions":[{"type":"MemoryPressure","status":"False","lastHeartbeatTime":"2026-11-01T12:00:00Z","lastTransitionTime":"2026-11-01T11:00:00Z",
            "reason":"KubeletHasSufficientMemory","message":"kubelet has sufficient memory available"},
           {"type":"Ready","status":"True","lastHeartbeatTime":"2026-11-01T12:00:00Z","lastTransitionTime":"2026-11-01T11:00:00Z",
            "reason":"KubeletReady","message":"kubelet is posting ready status"}],
          "addresses":[{"type":"InternalIP","address":"10.0.0.5"},{"type":"Hostname","address":"n1"}],
          "daemonEndpoints":{"kubeletEndpoint":{"Port":10250}},
          "nodeInfo":{"machineID":"m1","systemUUID":"u1","bootID":"b1","kernelVersion":"6.1.0","osImage":"Debian GNU/Linux 12",
           "containerRuntimeVersion":"containerd://1.7.0","kubeletVersion":"v1.32.4","kubeProxyVersion":"","operatingSystem":"linux","architecture":"amd64",
           "swap":{"capacity":0}},
          "images":[{"names":["busybox:1.36","busybox@sha256:abc"],"sizeBytes":2200000}],
          "volumesInUse":["kubernetes.io/csi/x^vol1"],"volumesAttached":[{"name":"kubernetes.io/csi/x^vol1","devicePath":"/dev/sdb"}],
          "runtimeHandlers":[{"name":"","features":{"recursiveReadOnlyMounts":true,"userNamespaces":false}},{"name":"runc","features":{"recursiveReadOnlyMounts":true}}],
          "features":{"supplementalGroupsPolicy":true},"declaredFeatures":["InPlacePodVerticalScaling"]}}
        """;

    static ProtoBuilder NodeCondition(string type, string status, string reason, string message) => P()
        .Str(1, type).Str(2, status).Msg(3, Time(T0)).Msg(4, Time(T0.AddHours(-1))).Str(5, reason).Str(6, message);

    /// <summary><see cref="NodeJson"/> as a kubelet encodes it.</summary>
    public static ProtoBuilder Node(string name, string resourceVersion = "") => P()
        .Msg(1, P().Str(1, name).Str(6, resourceVersion).Entry(11, "topology.kubernetes.io/zone", "z1").Entry(12, "node.alpha.kubernetes.io/ttl", "0"))
        .Msg(2, P().Str(1, "10.244.1.0/24").Strs(7, "10.244.1.0/24", "fd00:10:244:1::/64").Str(3, "kind://docker/n1").Bool(4, true)
            .Msg(5, P().Str(1, "dedicated").Str(2, "gpu").Str(3, "NoSchedule"))
            .Msg(5, P().Str(1, "node.kubernetes.io/unschedulable").Str(2, "").Str(3, "NoSchedule").Msg(4, Time(T0)))
            .Str(2, "ext-1"))
        .Msg(3, P()
            .Quantity(1, "cpu", "4").Quantity(1, "ephemeral-storage", "100Gi").Quantity(1, "memory", "8Gi").Quantity(1, "pods", "110")
            .Quantity(2, "cpu", "3800m").Quantity(2, "memory", "7Gi").Quantity(2, "pods", "110").Str(3, "")
            .Msg(4, NodeCondition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"))
            .Msg(4, NodeCondition("Ready", "True", "KubeletReady", "kubelet is posting ready status"))
            .Msg(5, P().Str(1, "InternalIP").Str(2, "10.0.0.5")).Msg(5, P().Str(1, "Hostname").Str(2, "n1"))
            .Msg(6, P().Msg(1, P().Int(1, 10250)))
            .Msg(7, P().Str(1, "m1").Str(2, "u1").Str(3, "b1").Str(4, "6.1.0").Str(5, "Debian GNU/Linux 12").Str(6, "containerd://1.7.0")
                .Str(7, "v1.32.4").Str(8, "").Str(9, "linux").Str(10, "amd64").Msg(11, P().Int(1, 0)))
            .Msg(8, P().Strs(1, "busybox:1.36", "busybox@sha256:abc").Int(2, 2200000))
            .Str(9, "kubernetes.io/csi/x^vol1").Msg(10, P().Str(1, "kubernetes.io/csi/x^vol1").Str(2, "/dev/sdb"))
            .Msg(12, P().Str(1, "").Msg(2, P().Bool(1, true).Bool(2, false)))
            .Msg(12, P().Str(1, "runc").Msg(2, P().Bool(1, true)))
            .Msg(13, P().Bool(1, true)).Str(14, "InPlacePodVerticalScaling"));

    /// <summary>An events.k8s.io/v1 Event as client-go's event recorder (kube-scheduler's) writes it, every field set.</summary>
    public static string EventJson(string name) => $$$"""
        {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"{{{name}}}","namespace":"default"},
         "eventTime":"2026-11-01T12:00:00.123456Z","series":{"count":2,"lastObservedTime":"2026-11-01T12:00:05.000001Z"},
         "reportingController":"default-scheduler","reportingInstance":"default-scheduler-n1","action":"Scheduling","reason":"FailedScheduling",
         "regarding":{"kind":"Pod","namespace":"default","name":"web","uid":"u-1","apiVersion":"v1","resourceVersion":"12"},
         "related":{"kind":"Node","name":"n1","apiVersion":"v1"},"note":"0/1 nodes are available","type":"Warning",
         "deprecatedSource":{"component":"default-scheduler","host":"n1"},"deprecatedFirstTimestamp":"2026-11-01T12:00:00Z",
         "deprecatedLastTimestamp":"2026-11-01T12:00:05Z","deprecatedCount":2}
        """;

    public static ProtoBuilder Event(string name) => P()
        .Msg(1, P().Str(1, name).Str(3, "default"))
        .Msg(2, Time(T0.AddTicks(1_234_560)))
        .Msg(3, P().Int(1, 2).Msg(2, Time(T0.AddSeconds(5).AddTicks(10))))
        .Str(4, "default-scheduler").Str(5, "default-scheduler-n1").Str(6, "Scheduling").Str(7, "FailedScheduling")
        .Msg(8, P().Str(1, "Pod").Str(2, "default").Str(3, "web").Str(4, "u-1").Str(5, "v1").Str(6, "12").Str(7, ""))
        .Msg(9, P().Str(1, "Node").Str(3, "n1").Str(5, "v1"))
        .Str(10, "0/1 nodes are available").Str(11, "Warning")
        .Msg(12, P().Str(1, "default-scheduler").Str(2, "n1"))
        .Msg(13, Time(T0)).Msg(14, Time(T0.AddSeconds(5))).Int(15, 2);
}
