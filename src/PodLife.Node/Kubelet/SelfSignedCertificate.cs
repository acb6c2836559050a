using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PodLife.Node.Kubelet;

/// <summary>
/// The serving certificate a kubelet makes for itself when none is configured (self-signed, for its host name and
/// address); the API server does not verify it unless given --kubelet-certificate-authority.
/// </summary>
public static class SelfSignedCertificate
{
    public static X509Certificate2 Create(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={Dns.GetHostName()}@podlife-node", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(address);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var cert = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
        // Kestrel needs the key in a form it can use on Linux: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }
}
