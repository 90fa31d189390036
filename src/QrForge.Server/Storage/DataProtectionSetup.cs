using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace QrForge.Server.Storage;

/// <summary>
/// ASP.NET Core Data Protection (application name <c>QrForge</c>), which protects signing keys of access tokens and
/// passes: its key ring lives in the database (shared by every node), or in <c>QrForge:Passes:KeyRingPath</c> when
/// set, optionally encrypted with the certificate in <c>KeyRingCertificatePath</c>. Storage sets it up because every
/// feature that keeps a secret depends on it.
/// </summary>
public static class DataProtectionSetup
{
    /// <summary>Where the key ring settings are read (kept under Passes, where they were first documented).</summary>
    public const string Section = "QrForge:Passes";

    public static IServiceCollection AddKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var protection = services.AddDataProtection().SetApplicationName("QrForge");
        if (section["KeyRingPath"] is { Length: > 0 } path && !string.IsNullOrWhiteSpace(path))
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(path));
        }
        else
        {
            protection.PersistKeysToDbContext<QrForgeDbContext>();
        }

        if (section["KeyRingCertificatePath"] is { Length: > 0 } certificate && !string.IsNullOrWhiteSpace(certificate))
        {
            protection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(certificate, section["KeyRingCertificatePassword"]));
        }

        return services;
    }
}
