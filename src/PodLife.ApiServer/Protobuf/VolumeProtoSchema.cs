using static PodLife.ApiServer.Protobuf.KubernetesProtoSchemas;

namespace PodLife.ApiServer.Protobuf;

// Every volume source of a pod (VolumeSource in k8s.io/api/core/v1 generated.proto), including the deprecated in-tree
// ones: a typed client sends whatever the pod has, and a pod copied by kubectl debug keeps them all. Pointer fields
// (*bool, *int32, *string in types.go) keep their zero values; so do fields without omitempty (iscsi lun).
/// <summary>The protobuf schema of v1 Volume and the persistent volume claim template of ephemeral volumes.</summary>
static class VolumeProtoSchema
{
    internal static readonly ProtoMessage LocalObjectReference = Strict((1, Str("name")));

    internal static readonly ProtoField LocalObjectReferenceInline = new("localObjectReference", ProtoKind.Inline, LocalObjectReference);

    internal static readonly ProtoMessage ObjectFieldSelector = Strict((1, Str("apiVersion")), (2, Str("fieldPath")));

    internal static readonly ProtoMessage ResourceFieldSelector = Strict(
        (1, Str("containerName")), (2, Str("resource")), (3, new("divisor", ProtoKind.Quantity)));

    static readonly ProtoMessage KeyToPath = Strict((1, Str("key")), (2, Str("path")), (3, Int("mode", pointer: true)));

    static readonly ProtoMessage DownwardApiFile = Strict(
        (1, Str("path")), (2, Ptr("fieldRef", ObjectFieldSelector)), (3, Ptr("resourceFieldRef", ResourceFieldSelector)), (4, Int("mode", pointer: true)));

    static readonly ProtoMessage VolumeProjection = Strict(
        (1, Ptr("secret", Strict((1, LocalObjectReferenceInline), (2, List("items", KeyToPath)), (4, Bool("optional", pointer: true))))),
        (2, Ptr("downwardAPI", Strict((1, List("items", DownwardApiFile))))),
        (3, Ptr("configMap", Strict((1, LocalObjectReferenceInline), (2, List("items", KeyToPath)), (4, Bool("optional", pointer: true))))),
        (4, Ptr("serviceAccountToken", Strict((1, Str("audience")), (2, Int("expirationSeconds", pointer: true)), (3, Str("path"))))),
        (5, Ptr("clusterTrustBundle", Strict(
            (1, Str("name", pointer: true)), (2, Str("signerName", pointer: true)), (3, Ptr("labelSelector", LabelSelector)),
            (5, Bool("optional", pointer: true)), (4, Str("path"))))),
        (6, Ptr("podCertificate", Strict(
            (1, Str("signerName")), (2, Str("keyType")), (3, Int("maxExpirationSeconds", pointer: true)), (4, Str("credentialBundlePath")),
            (5, Str("keyPath")), (6, Str("certificateChainPath")), (7, new("userAnnotations", ProtoKind.StringMap))))));

    static readonly ProtoMessage TypedLocalObjectReference = Strict((1, Str("apiGroup", pointer: true)), (2, Str("kind")), (3, Str("name")));

    static readonly ProtoMessage PersistentVolumeClaimSpec = Strict(
        (1, Strings("accessModes")), (4, Ptr("selector", LabelSelector)),
        (2, Nested("resources", Strict((1, Quantities("limits")), (2, Quantities("requests"))))), (3, Str("volumeName")),
        (5, Str("storageClassName", pointer: true)), (6, Str("volumeMode", pointer: true)), (7, Ptr("dataSource", TypedLocalObjectReference)),
        (8, Ptr("dataSourceRef", Strict((1, Str("apiGroup", pointer: true)), (2, Str("kind")), (3, Str("name")), (4, Str("namespace", pointer: true))))),
        (9, Str("volumeAttributesClassName", pointer: true)));

    static readonly ProtoMessage VolumeSource = Strict(
        (1, Ptr("hostPath", Strict((1, Str("path")), (2, Str("type", pointer: true))))),
        (2, Ptr("emptyDir", Strict((1, Str("medium")), (2, new("sizeLimit", ProtoKind.Quantity))))),
        (3, Ptr("gcePersistentDisk", Strict((1, Str("pdName")), (2, Str("fsType")), (3, Int("partition")), (4, Bool("readOnly"))))),
        (4, Ptr("awsElasticBlockStore", Strict((1, Str("volumeID")), (2, Str("fsType")), (3, Int("partition")), (4, Bool("readOnly"))))),
        (5, Ptr("gitRepo", Strict((1, Str("repository")), (2, Str("revision")), (3, Str("directory"))))),
        (6, Ptr("secret", Strict((1, Str("secretName")), (2, List("items", KeyToPath)), (3, Int("defaultMode", pointer: true)),
            (4, Bool("optional", pointer: true))))),
        (7, Ptr("nfs", Strict((1, Str("server")), (2, Str("path")), (3, Bool("readOnly"))))),
        (8, Ptr("iscsi", Strict(
            (1, Str("targetPortal")), (2, Str("iqn")), (3, Int("lun", pointer: true)), (4, Str("iscsiInterface")), (5, Str("fsType")),
            (6, Bool("readOnly")), (7, Strings("portals")), (8, Bool("chapAuthDiscovery")), (11, Bool("chapAuthSession")),
            (10, Ptr("secretRef", LocalObjectReference)), (12, Str("initiatorName", pointer: true))))),
        (9, Ptr("glusterfs", Strict((1, Str("endpoints")), (2, Str("path")), (3, Bool("readOnly"))))),
        (10, Ptr("persistentVolumeClaim", Strict((1, Str("claimName")), (2, Bool("readOnly"))))),
        (11, Ptr("rbd", Strict(
            (1, Strings("monitors")), (2, Str("image")), (3, Str("fsType")), (4, Str("pool")), (5, Str("user")), (6, Str("keyring")),
            (7, Ptr("secretRef", LocalObjectReference)), (8, Bool("readOnly"))))),
        (12, Ptr("flexVolume", Strict(
            (1, Str("driver")), (2, Str("fsType")), (3, Ptr("secretRef", LocalObjectReference)), (4, Bool("readOnly")),
            (5, new("options", ProtoKind.StringMap))))),
        (13, Ptr("cinder", Strict((1, Str("volumeID")), (2, Str("fsType")), (3, Bool("readOnly")), (4, Ptr("secretRef", LocalObjectReference))))),
        (14, Ptr("cephfs", Strict(
            (1, Strings("monitors")), (2, Str("path")), (3, Str("user")), (4, Str("secretFile")), (5, Ptr("secretRef", LocalObjectReference)),
            (6, Bool("readOnly"))))),
        (15, Ptr("flocker", Strict((1, Str("datasetName")), (2, Str("datasetUUID"))))),
        (16, Ptr("downwardAPI", Strict((1, List("items", DownwardApiFile)), (2, Int("defaultMode", pointer: true))))),
        (17, Ptr("fc", Strict(
            (1, Strings("targetWWNs")), (2, Int("lun", pointer: true)), (3, Str("fsType")), (4, Bool("readOnly")), (5, Strings("wwids"))))),
        (18, Ptr("azureFile", Strict((1, Str("secretName")), (2, Str("shareName")), (3, Bool("readOnly"))))),
        (19, Ptr("configMap", Strict((1, LocalObjectReferenceInline), (2, List("items", KeyToPath)), (3, Int("defaultMode", pointer: true)),
            (4, Bool("optional", pointer: true))))),
        (20, Ptr("vsphereVolume", Strict((1, Str("volumePath")), (2, Str("fsType")), (3, Str("storagePolicyName")), (4, Str("storagePolicyID"))))),
        (21, Ptr("quobyte", Strict(
            (1, Str("registry")), (2, Str("volume")), (3, Bool("readOnly")), (4, Str("user")), (5, Str("group")), (6, Str("tenant"))))),
        (22, Ptr("azureDisk", Strict(
            (1, Str("diskName")), (2, Str("diskURI")), (3, Str("cachingMode", pointer: true)), (4, Str("fsType", pointer: true)),
            (5, Bool("readOnly", pointer: true)), (6, Str("kind", pointer: true))))),
        (23, Ptr("photonPersistentDisk", Strict((1, Str("pdID")), (2, Str("fsType"))))),
        (24, Ptr("portworxVolume", Strict((1, Str("volumeID")), (2, Str("fsType")), (3, Bool("readOnly"))))),
        (25, Ptr("scaleIO", Strict(
            (1, Str("gateway")), (2, Str("system")), (3, Ptr("secretRef", LocalObjectReference)), (4, Bool("sslEnabled")),
            (5, Str("protectionDomain")), (6, Str("storagePool")), (7, Str("storageMode")), (8, Str("volumeName")), (9, Str("fsType")),
            (10, Bool("readOnly"))))),
        (26, Ptr("projected", Strict((1, List("sources", VolumeProjection)), (2, Int("defaultMode", pointer: true))))),
        (27, Ptr("storageos", Strict(
            (1, Str("volumeName")), (2, Str("volumeNamespace")), (3, Str("fsType")), (4, Bool("readOnly")),
            (5, Ptr("secretRef", LocalObjectReference))))),
        (28, Ptr("csi", Strict(
            (1, Str("driver")), (2, Bool("readOnly", pointer: true)), (3, Str("fsType", pointer: true)),
            (4, new("volumeAttributes", ProtoKind.StringMap)), (5, Ptr("nodePublishSecretRef", LocalObjectReference))))),
        (29, Ptr("ephemeral", Strict((1, Ptr("volumeClaimTemplate", Strict(
            (1, Nested("metadata", ObjectMeta)), (2, Nested("spec", PersistentVolumeClaimSpec)))))))),
        (30, Ptr("image", Strict((1, Str("reference")), (2, Str("pullPolicy"))))));

    internal static readonly ProtoMessage Volume = Strict((1, Str("name")), (2, new("volumeSource", ProtoKind.Inline, VolumeSource)));
}
