using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Latency.World.Tls;

/// <summary>
/// The certificate authority of one emulated world: an ECDSA P-256 root that lives a short time (7 days by default)
/// and issues the deployments' server certificates. Clients trust it explicitly by loading only its public PEM
/// (<see cref="LoadTrustedRoots"/>); nobody switches certificate validation off, and nothing is added to the
/// system store.
/// </summary>
/// <remarks>
/// State on disk (<see cref="Save"/>): <see cref="CertificateFileName"/> (public, 0644) and <see cref="KeyFileName"/>
/// (PKCS#8 PEM, 0600, written under a temporary name with that mode and renamed, so it is never readable by others,
/// not even for a moment).
/// </remarks>
public sealed class WorldCertificateAuthority : IDisposable
{
    /// <summary>The CA certificate, PEM, readable by the client processes that trust it.</summary>
    public const string CertificateFileName = "world-ca.pem";

    /// <summary>The CA private key, PKCS#8 PEM, mode 0600.</summary>
    public const string KeyFileName = "world-ca.key.pem";

    /// <summary>How long a world CA is valid unless told otherwise: long enough for a week of nightly runs, short
    /// enough that a copied key stops mattering soon.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(7);

    /// <summary>Certificates start this much before "now", so a clock a little behind still accepts them.</summary>
    private static readonly TimeSpan Backdate = TimeSpan.FromMinutes(5);

    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1", "Server Authentication");
    private const UnixFileMode PublicFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode KeyFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode StateDirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly ECDsa _key;
    private readonly TimeProvider _time;

    private WorldCertificateAuthority(X509Certificate2 certificate, ECDsa key, TimeProvider time)
    {
        Certificate = certificate;
        _key = key;
        _time = time;
    }

    /// <summary>The CA certificate, public part only (no private key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Creates a new CA named <c>Latency emulated world CA &lt;worldName&gt;</c>.</summary>
    /// <param name="worldName">The world's name, e.g. <c>asia</c>.</param>
    /// <param name="lifetime">How long the CA is valid; <see cref="DefaultLifetime"/> when null.</param>
    /// <param name="time">Wall time; the system clock when null.</param>
    public static WorldCertificateAuthority Create(string worldName, TimeSpan? lifetime = null, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(worldName);
        var validFor = lifetime ?? DefaultLifetime;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validFor, TimeSpan.Zero, nameof(lifetime));
        time ??= TimeProvider.System;

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        try
        {
            var subject = new X500DistinguishedNameBuilder();
            subject.AddCommonName($"Latency emulated world CA {worldName}");
            var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
            // A CA that may sign only end-entity certificates (path length 0): it exists for one world's servers.
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            var now = time.GetUtcNow();
            using var withKey = request.CreateSelfSigned(now - Backdate, now + validFor);
            var publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData);
            return new WorldCertificateAuthority(publicOnly, key, time);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Issues a server certificate (EKU serverAuth) for a deployment, with the given DNS names and IP addresses as
    /// subject alternative names. The result carries its private key, in a form Kestrel can use on Linux.
    /// It never outlives the CA.
    /// </summary>
    /// <param name="dnsNames">e.g. <c>beijing.world.latency</c>; the first one (or the first address) is the CN.</param>
    /// <param name="addresses">The addresses clients connect to.</param>
    /// <param name="lifetime">At most the CA's remaining validity; that when null.</param>
    public X509Certificate2 IssueServerCertificate(IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses, TimeSpan? lifetime = null)
    {
        var names = dnsNames.ToList();
        var ips = addresses.ToList();
        if (names.Count == 0 && ips.Count == 0)
        {
            throw new ArgumentException("a server certificate needs at least one DNS name or IP address", nameof(dnsNames));
        }

        var now = _time.GetUtcNow();
        DateTimeOffset caNotAfter = Certificate.NotAfter.ToUniversalTime();
        if (now >= caNotAfter)
        {
            throw new InvalidOperationException($"the world CA expired at {caNotAfter:u}; create a new world CA");
        }

        var notAfter = lifetime is { } l && now + l < caNotAfter ? now + l : caNotAfter;

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(names.Count > 0 ? names[0] : ips[0].ToString());
        var request = new CertificateRequest(subject.Build(), leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            san.AddDnsName(name);
        }

        foreach (var ip in ips)
        {
            san.AddIpAddress(ip);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));

        var notBefore = now - Backdate;
        DateTimeOffset caNotBefore = Certificate.NotBefore.ToUniversalTime();
        if (notBefore < caNotBefore)
        {
            notBefore = caNotBefore;
        }

        using var leafPublic = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), notBefore, notAfter, NewSerialNumber());
        using var leafWithKey = leafPublic.CopyWithPrivateKey(leafKey);
        // An ephemeral key works for signing here, but SslStream on Linux wants a key it can hand to OpenSSL; a PKCS#12
        // round trip gives one (same as Kestrel's own development certificate).
        return X509CertificateLoader.LoadPkcs12(leafWithKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// Writes the CA to <paramref name="stateDirectory"/> (created 0700 if missing): the certificate as
    /// <see cref="CertificateFileName"/> (0644) and the key as <see cref="KeyFileName"/> (0600). Overwrites atomically.
    /// </summary>
    public void Save(string stateDirectory)
    {
        if (!Directory.Exists(stateDirectory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(stateDirectory);
            }
            else
            {
                Directory.CreateDirectory(stateDirectory, StateDirectoryMode);
            }
        }

        WriteAtomically(Path.Combine(stateDirectory, CertificateFileName), Certificate.ExportCertificatePem() + "\n", PublicFileMode);
        WriteAtomically(Path.Combine(stateDirectory, KeyFileName), _key.ExportPkcs8PrivateKeyPem() + "\n", KeyFileMode);
    }

    /// <summary>Loads a CA saved by <see cref="Save"/>, key included, e.g. to issue certificates for another deployment.</summary>
    /// <exception cref="InvalidDataException">The files are not a certificate and its matching key.</exception>
    public static WorldCertificateAuthority Load(string stateDirectory, TimeProvider? time = null)
    {
        var certificate = LoadTrustedRoots(CertificatePath(stateDirectory))[0];
        var key = ECDsa.Create();
        try
        {
            try
            {
                key.ImportFromPem(File.ReadAllText(Path.Combine(stateDirectory, KeyFileName)));
            }
            catch (Exception ex) when (ex is ArgumentException or CryptographicException)
            {
                throw new InvalidDataException($"{Path.Combine(stateDirectory, KeyFileName)}: not an ECDSA private key in PEM ({ex.Message})", ex);
            }

            using var certificateKey = certificate.GetECDsaPublicKey()
                ?? throw new InvalidDataException($"{CertificateFileName} is not an ECDSA certificate");
            if (!certificateKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
            {
                throw new InvalidDataException($"{KeyFileName} does not belong to {CertificateFileName} in {stateDirectory}");
            }

            return new WorldCertificateAuthority(certificate, key, time ?? TimeProvider.System);
        }
        catch
        {
            key.Dispose();
            certificate.Dispose();
            throw;
        }
    }

    /// <summary>Where <see cref="Save"/> puts the public CA certificate in <paramref name="stateDirectory"/>.</summary>
    public static string CertificatePath(string stateDirectory) => Path.Combine(stateDirectory, CertificateFileName);

    /// <summary>
    /// Loads the roots a client should trust from a PEM file (the saved CA certificate; more than one certificate is
    /// allowed). Only public certificates are read: a client never needs the CA key.
    /// </summary>
    /// <exception cref="InvalidDataException">The file holds no certificate.</exception>
    public static X509Certificate2Collection LoadTrustedRoots(string path)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(path);
        if (roots.Count == 0)
        {
            throw new InvalidDataException($"{path}: no certificate in it");
        }

        return roots;
    }

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }

    private static byte[] NewSerialNumber()
    {
        // 16 random bytes, positive and without a leading zero byte: RFC 5280 asks for unique, positive serials.
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    private static void WriteAtomically(string path, string content, UnixFileMode mode)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // The mode applies at creation (minus the umask), so the key is never readable by others.
                options.UnixCreateMode = mode;
            }

            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
            }

            if (!OperatingSystem.IsWindows())
            {
                // The umask may have taken bits away (e.g. 0644 -> 0600 under umask 077); state the mode meant.
                File.SetUnixFileMode(temporary, mode);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
