using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PodLife.ApiServer.Security;

/// <summary>
/// The cluster CA and the API server's serving certificate (SANs 127.0.0.1, ::1, localhost), generated on first
/// start and kept as PEM files in DIR/pki, as kubeadm keeps them in /etc/kubernetes/pki.
/// </summary>
public sealed class ServingCertificates
{
    public required string CaCertificatePem { get; init; }
    public required X509Certificate2 ServingCertificate { get; init; }

    public static ServingCertificates LoadOrCreate(string dataDir, TimeProvider clock)
    {
        var pki = Path.Combine(dataDir, "pki");
        var (caCrt, caKey, crt, key) = (Path.Combine(pki, "ca.crt"), Path.Combine(pki, "ca.key"), Path.Combine(pki, "apiserver.crt"), Path.Combine(pki, "apiserver.key"));
        if (!File.Exists(caCrt) || !File.Exists(crt) || !File.Exists(key) || !File.Exists(caKey))
            Generate(pki, caCrt, caKey, crt, key, clock.GetUtcNow());
        return new ServingCertificates
        {
            CaCertificatePem = File.ReadAllText(caCrt),
            ServingCertificate = X509Certificate2.CreateFromPemFile(crt, key),
        };
    }

    static void Generate(string pki, string caCrt, string caKey, string crt, string key, DateTimeOffset now)
    {
        Directory.CreateDirectory(pki);
        // ECDSA P-256 keys: generated in milliseconds, so a first start stays fast.
        using var caKeyPair = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=podlife-ca", caKeyPair, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kube-apiserver", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        san.AddDnsName("localhost");
        san.AddDnsName("kubernetes");
        san.AddDnsName("kubernetes.default");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var server = request.Create(ca, now.AddMinutes(-5), now.AddYears(1), serial);

        // Each file is renamed into place whole, the CA certificate last: a start after a crash in between finds one
        // missing and generates all four again, instead of failing on half a PEM.
        PrivateFile.Write(caKey, caKeyPair.ExportPkcs8PrivateKeyPem());
        PrivateFile.Write(key, serverKey.ExportPkcs8PrivateKeyPem());
        PrivateFile.Write(crt, server.ExportCertificatePem());
        PrivateFile.Write(caCrt, ca.ExportCertificatePem());
    }
}
