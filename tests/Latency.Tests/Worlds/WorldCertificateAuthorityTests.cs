using System.Net;
using System.Security.Cryptography.X509Certificates;
using Latency.World.Tls;

namespace Latency.Tests.Worlds;

/// <summary>The world CA: what it issues validates only against itself, and its files survive a round trip safely.</summary>
public sealed class WorldCertificateAuthorityTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "latency-ca-tests-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Create_NewWorld_IsShortLivedP256CaNamedAfterWorld()
    {
        using var ca = WorldCertificateAuthority.Create("asia");

        var certificate = ca.Certificate;
        Assert.Equal("CN=Latency emulated world CA asia", certificate.Subject);
        Assert.False(certificate.HasPrivateKey);
        Assert.NotNull(certificate.GetECDsaPublicKey());
        Assert.Equal("1.2.840.10045.3.1.7", certificate.GetECDsaPublicKey()!.ExportParameters(false).Curve.Oid.Value);
        var basic = certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(basic.CertificateAuthority);
        var lifetime = certificate.NotAfter - certificate.NotBefore;
        Assert.InRange(lifetime, TimeSpan.FromDays(7), TimeSpan.FromDays(7) + TimeSpan.FromHours(1));
    }

    [Fact]
    public void IssueServerCertificate_CustomRootChain_Validates()
    {
        using var ca = WorldCertificateAuthority.Create("asia");
        using var leaf = ca.IssueServerCertificate(["beijing.world.latency"], [IPAddress.Parse("10.77.0.2")]);

        using var chain = CustomRootChain(ca.Certificate);
        var built = chain.Build(leaf);

        Assert.True(built, string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.Equal(2, chain.ChainElements.Count);
        Assert.Equal(ca.Certificate.Thumbprint, chain.ChainElements[^1].Certificate.Thumbprint);
    }

    [Fact]
    public void IssueServerCertificate_SystemStoreOnly_DoesNotValidate()
    {
        using var ca = WorldCertificateAuthority.Create("asia");
        using var leaf = ca.IssueServerCertificate(["beijing.world.latency"], [IPAddress.Loopback]);

        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"));

        Assert.False(chain.Build(leaf));
    }

    [Fact]
    public void IssueServerCertificate_DeploymentNames_HasSansServerAuthAndKey()
    {
        using var ca = WorldCertificateAuthority.Create("asia");
        using var leaf = ca.IssueServerCertificate(["beijing.world.latency", "origin.world.latency"], [IPAddress.Parse("10.77.0.2"), IPAddress.IPv6Loopback]);

        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["beijing.world.latency", "origin.world.latency"], san.EnumerateDnsNames().ToArray());
        Assert.Equal([IPAddress.Parse("10.77.0.2"), IPAddress.IPv6Loopback], san.EnumerateIPAddresses().ToArray());
        var eku = leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.Equal(["1.3.6.1.5.5.7.3.1"], eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value!).ToArray());
        Assert.False(leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.True(leaf.HasPrivateKey);
        Assert.True(leaf.MatchesHostname("beijing.world.latency"));
        Assert.False(leaf.MatchesHostname("mumbai.world.latency"));
    }

    [Fact]
    public void IssueServerCertificate_LongerThanCa_EndsWithCa()
    {
        using var ca = WorldCertificateAuthority.Create("asia", TimeSpan.FromDays(1));
        using var leaf = ca.IssueServerCertificate(["beijing.world.latency"], [], TimeSpan.FromDays(30));

        Assert.True(leaf.NotAfter <= ca.Certificate.NotAfter);
    }

    [Fact]
    public void IssueServerCertificate_ExpiredCa_Throws()
    {
        var time = new SettableTime(DateTimeOffset.UtcNow);
        using var ca = WorldCertificateAuthority.Create("asia", TimeSpan.FromDays(1), time);
        time.Now += TimeSpan.FromDays(2);

        Assert.Throws<InvalidOperationException>(() => ca.IssueServerCertificate(["beijing.world.latency"], []));
    }

    [Fact]
    public void SaveThenLoad_RoundTrip_SameCaStillIssuesValidLeaves()
    {
        using var original = WorldCertificateAuthority.Create("asia");
        original.Save(_directory);

        using var loaded = WorldCertificateAuthority.Load(_directory);
        using var leaf = loaded.IssueServerCertificate(["mumbai.world.latency"], []);
        var roots = WorldCertificateAuthority.LoadTrustedRoots(WorldCertificateAuthority.CertificatePath(_directory));

        Assert.Equal(original.Certificate.RawData, loaded.Certificate.RawData);
        var root = Assert.Single(roots);
        Assert.Equal(original.Certificate.RawData, root.RawData);
        Assert.False(root.HasPrivateKey);
        using var chain = CustomRootChain(roots[0]);
        Assert.True(chain.Build(leaf));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(WorldCertificateAuthority.CertificatePath(_directory)));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(Path.Combine(_directory, WorldCertificateAuthority.KeyFileName)));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Save_AnyUmask_KeyIs0600AndCertificateIsReadable()
    {
        using var ca = WorldCertificateAuthority.Create("asia");

        ca.Save(_directory);
        ca.Save(_directory); // overwriting keeps the modes

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite,
            File.GetUnixFileMode(Path.Combine(_directory, WorldCertificateAuthority.KeyFileName)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            File.GetUnixFileMode(WorldCertificateAuthority.CertificatePath(_directory)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_directory));
        Assert.Equal(2, Directory.GetFiles(_directory).Length); // no temporary files left behind
    }

    [Fact]
    public void Load_KeyOfAnotherCa_ThrowsInvalidData()
    {
        using var first = WorldCertificateAuthority.Create("asia");
        using var second = WorldCertificateAuthority.Create("asia");
        first.Save(_directory);
        var otherDirectory = _directory + "-other";
        try
        {
            second.Save(otherDirectory);
            File.Copy(Path.Combine(otherDirectory, WorldCertificateAuthority.KeyFileName), Path.Combine(_directory, WorldCertificateAuthority.KeyFileName), overwrite: true);

            Assert.Throws<InvalidDataException>(() => WorldCertificateAuthority.Load(_directory));
        }
        finally
        {
            Directory.Delete(otherDirectory, recursive: true);
        }
    }

    [Fact]
    public void LoadTrustedRoots_FileWithoutCertificate_ThrowsInvalidData()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "empty.pem");
        File.WriteAllText(path, "not a certificate\n");

        Assert.Throws<InvalidDataException>(() => WorldCertificateAuthority.LoadTrustedRoots(path));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static X509Chain CustomRootChain(X509Certificate2 root)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.1"));
        return chain;
    }

    private sealed class SettableTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
